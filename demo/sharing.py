"""Demo of 信息报送与内容共享: the portal takes offers into 部门动态 and 基层动态; the sports bureau
and the county have offered news there, some accepted as live references or an edited copy, some
declined or still waiting, one to show on the portal three days later (定时显示);
the portal pushed a city-wide item to both sub-sites (the sports
bureau shows pushes at once, the county decides in its inbox).

Each offer is made only when missing (same source, same column), so seeding twice changes nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from home.models import ArticlePage
from sharing import services
from sharing.models import Offer, PushMode, ReceivingColumn

# (offering site, source title, portal column, outcome, note or reason)
OFFERS = [
    (
        "sport",
        "2026年云州市“全民健身 冬季有约”系列活动启动",
        "xwdt/bmdt",
        "reference",
        "冬季全民健身系列活动覆盖全市，请部门动态采用。",
    ),
    ("sport", "全市今年新建更新社区健身路径120条", "xwdt/bmdt", "scheduled", "民生实事项目进展，请采用。"),
    (
        "sport",
        "市体育局开展冬季体育场馆安全隐患排查",
        "xwdt/bmdt",
        "declined",
        "属于行业内部工作安排，建议在本局网站发布。",
    ),
    ("sport", "2026年全市社会体育指导员培训班开班", "xwdt/bmdt", "waiting", "请审核采用。"),
    (
        "county",
        "桃源镇：3万亩柑橘喜获丰收　电商助农拓宽销路",
        "xwdt/jcdt",
        "reference",
        "乡村振兴典型做法，请基层动态采用。",
    ),
    ("county", "城东街道完成5个老旧小区改造", "xwdt/jcdt", "copy", "请结合全市城市更新工作编辑采用。"),
    ("county", "白沙乡推进村务公开“阳光工程”", "xwdt/jcdt", "waiting", "村务公开经验，供参考采用。"),
    ("county", "松林镇全面进入森林防火期", "xwdt/jcdt", "declined", "时效性较强，报送时已超过采用时限。"),
]
PUSHED = "全市优化营商环境工作推进会召开"
PUSH_COLUMNS = {"sport": ("gzdt", PushMode.REFERENCE), "county": ("xwdt/zwyw", PushMode.INBOX)}
HOSTS = {"portal": "localhost", "sport": "sport.localhost", "county": "county.localhost"}


def _column(site, path):
    page = site.root_page
    for slug in path.split("/"):
        page = page.get_children().get(slug=slug)
    return page.specific


def _user(name):
    return get_user_model().objects.get(username=name)


def _article(site, title):
    return ArticlePage.objects.descendant_of(site.root_page).filter(title=title, alias_of__isnull=True).first()


def _when(offer, source):
    """Offered an hour after the source's date, decided the next working morning."""
    offered = source.date + timedelta(hours=1)
    Offer.objects.filter(pk=offer.pk).update(
        created_at=offered, decided_at=offered + timedelta(days=1) if offer.decided_at else None
    )


def seed(log):
    sites = {key: Site.objects.filter(hostname=host).first() for key, host in HOSTS.items()}
    if not all(sites.values()):
        return
    portal = sites["portal"]
    for path in ("xwdt/bmdt", "xwdt/jcdt"):
        ReceivingColumn.objects.get_or_create(site=portal, column=_column(portal, path))
    for key, (path, mode) in PUSH_COLUMNS.items():
        ReceivingColumn.objects.get_or_create(
            site=sites[key], column=_column(sites[key], path), defaults={"receives_pushes": True, "push_mode": mode}
        )
    receiver = _user("portal_editor")
    made = 0
    for key, title, path, outcome, text in OFFERS:
        source = _article(sites[key], title)
        receiving = ReceivingColumn.objects.get(column=_column(portal, path))
        if source is None or Offer.objects.filter(source_page=source, target_column=receiving.column).exists():
            continue
        offer = services.make_offer(_user(f"{key}_editor"), source, receiving, "" if outcome == "declined" else text)
        if outcome == "reference":
            services.accept_reference(receiver, offer)
        elif outcome == "scheduled":
            morning = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
            services.accept_reference(receiver, offer, show_from=morning + timedelta(days=3))
        elif outcome == "copy":
            services.accept_copy(receiver, offer)
        elif outcome == "declined":
            services.decline(receiver, offer, text)
        _when(offer, source)
        made += 1
    item = _article(portal, PUSHED)
    if item is not None and not Offer.objects.filter(source_page=item, is_push=True).exists():
        targets = ReceivingColumn.objects.filter(receives_pushes=True, site__in=[sites["sport"], sites["county"]])
        for offer in services.push(_user("portal_editor"), item, targets, "市政府重要会议，请各子站即时转载。"):
            _when(offer, item)
        made += 1
    if made:
        log(f"信息报送：新增报送和推送 {made} 条")
