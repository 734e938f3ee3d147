"""Problems planted into the demo site group so that `run_monitoring` and the admin have
something to show: a broken link and a miswritten word (portal), a stale column (sports
bureau) and an empty column (county). Called by the demo seeder after it built the sites;
idempotent: anything already there is left alone."""

from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Site

from demo.site_group import DemoBuilder
from home.models import ArticlePage, ColumnPage, UpdateCategory
from monitoring.models import ContentRule

COMMON_MISSPELLINGS = [
    ("按装", "安装"),
    ("布署", "部署"),
    ("既使", "即使"),
    ("再接再励", "再接再厉"),
    ("迫不急待", "迫不及待"),
    ("一愁莫展", "一筹莫展"),
]
BROKEN_PATH = "/xwdt/zwyw/t20190301_archive/"
STALE_COLUMN, EMPTY_COLUMN = "ssgh", "zyfw"


def plant_problems(log=None):
    log = log or (lambda message: None)
    for wrong, right in COMMON_MISSPELLINGS:
        ContentRule.objects.get_or_create(
            kind=ContentRule.Kind.MISSPELLING, word=wrong, defaults={"correction": right, "note": "常见错别字"}
        )
    builder = DemoBuilder(log)
    portal = Site.objects.filter(hostname="localhost").first()
    if portal:
        _article(
            builder,
            _child(portal.root_page, "tzgg"),
            "关于做好冬季供暖设施按装检修工作的通知",
            "t_demo_broken_link",
            days_ago=1,
            paragraphs=[
                "各有关单位：为保障群众温暖过冬，现就做好冬季供暖设施按装检修工作通知如下。",
                f'往年工作安排见<a href="{BROKEN_PATH}">2019年供暖工作通知</a>。',
            ],
        )
        log("已在门户网站“通知公告”中设置一个断链和一个错别字")
    sport = Site.objects.filter(hostname="sport.localhost").first()
    if sport:
        column = _column(sport.root_page, "赛事回顾", STALE_COLUMN, UpdateCategory.NEWS)
        _article(
            builder, column, "全市青少年游泳锦标赛圆满落幕", "t_demo_stale", days_ago=40, paragraphs=["比赛顺利结束。"]
        )
        log("已在体育局网站设置一个超期未更新的栏目“赛事回顾”")
    county = Site.objects.filter(hostname="county.localhost").first()
    if county:
        _column(county.root_page, "志愿服务", EMPTY_COLUMN, UpdateCategory.NOTICE)
        log("已在青山县网站设置一个空栏目“志愿服务”")


def _child(page, slug):
    return page.get_children().get(slug=slug).specific


def _column(home, title, slug, category):
    existing = home.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    column = ColumnPage(title=title, slug=slug, update_category=category)
    home.add_child(instance=column)
    column.save_revision().publish(log_action=False)
    return column


def _article(builder, column, title, slug, days_ago, paragraphs):
    if column.get_children().filter(slug=slug).exists():
        return
    moment = timezone.now() - timedelta(days=days_ago)
    article = ArticlePage(
        title=title,
        slug=slug,
        date=moment,
        body=[("paragraph", "".join(f"<p>{p if '<a ' in p else escape(p)}</p>" for p in paragraphs))],
    )
    column.add_child(instance=article)
    builder.publish_as_of(article, moment)
