"""Demo of 我为政府网站找错 and the yearly website report on each demo site: error reports answered
on time, late and not yet, with their monitoring finding; a year of page views for 2025 (as the
flush task would have written them); and the 2025 政府网站工作年度报表 generated from the demo's
data, completed and published. Creates only what is missing, so running it again changes nothing."""

import random
import zlib
from datetime import date, datetime, timedelta

from django.utils import timezone
from wagtail.models import Site

from casework.workdays import WorkCalendar, add_working_days
from demo.site_group import SITES
from feedback import cases
from feedback.models import ErrorReport, Outcome, ReportStatus
from home.pageviews import page_for_path
from yearly_report.generate import generate, report_page
from yearly_report.models import PageViewDay

REPORT_YEAR = 2025
# (days ago received, path, kind, description, reply: (outcome, text, working days to answer) or None)
REPORTS = [
    (
        400,
        "/xwdt/zwyw/",
        "typo",
        "政务要闻栏目中一篇会议报道把“部署”写成了“布署”，请核实更正。",
        (Outcome.CORRECTED, "经核实，该文中的“布署”确为错别字，已更正为“部署”。感谢您的指正！", 1),
    ),
    (
        330,
        "/bsfw/bgxz/",
        "link",
        "表格下载栏目中“居住证申领登记表”的下载链接打开后提示文件不存在。",
        (Outcome.CORRECTED, "该附件在网站改版时未同步迁移，现已重新上传，链接可正常下载。", 2),
    ),
    (
        200,
        "/zfxxgk/gkzn/",
        "outdated",
        "政府信息公开指南里的办公电话好像已经停用了，打过去是空号。",
        (Outcome.CORRECTED, "信息公开工作机构的办公电话已于今年调整，指南已按新号码更新。", 4),
    ),
    (
        60,
        "/hdjl/",
        "inaccurate",
        "互动交流页面写的答复时限是5个工作日，而信箱页面写的是7个工作日，两处不一致。",
        (Outcome.NO_ERROR, "来信答复时限为7个工作日，互动交流页面所述为简单咨询的答复时限，已在页面中补充说明。", 2),
    ),
    (1, "/", "unavailable", "用手机打开首页时，轮播图下面的快捷入口有时显示不全。", None),
]
# Paths whose views the demo's year of counts spreads over, with their share of the site's views.
VIEWED = [("/", 0.45), ("/xwdt/zwyw/", 0.2), ("/tzgg/", 0.12), ("/zfxxgk/", 0.1), ("/search/", 0.05)]
DAILY_VIEWS = {"portal": 2400, "sport": 520, "county": 780}


def seed(log):
    for spec in SITES:
        site = Site.objects.select_related("root_page").get(hostname=spec["hostname"])
        added = add_reports(site)
        if added:  # a second run changes nothing, not even when a finding was last seen
            cases.refresh_finding(site)
        add_page_views(site, DAILY_VIEWS[spec["key"]])
        page = add_yearly_report(site)
        log(f"{site.site_name}：找错报告新增 {added} 条；{REPORT_YEAR}年度网站工作报表 {page.url}")


def add_reports(site):
    today, calendar, added = timezone.localdate(), WorkCalendar(), 0
    for days_ago, path, kind, description, reply in REPORTS:
        if ErrorReport.objects.filter(site=site, description=description).exists():
            continue
        received = today - timedelta(days=days_ago)
        report = ErrorReport(
            site=site,
            received_on=received,
            due_on=add_working_days(received, cases.reply_days(site), calendar),
            page_url=site.root_url + path,
            kind=kind,
            description=description,
        )
        report.set_new_query_code()
        report.page = page_for_path(site, path)
        if reply:
            outcome, text, days = reply
            report.status, report.outcome, report.reply = ReportStatus.REPLIED, outcome, text
            report.replied_on = add_working_days(received, days, calendar)
        cases.assign_number(report)
        report.save()
        added += 1
    return added


def add_page_views(site, daily):
    """A year of views as the flush task writes them: weekdays busier than weekends, a rise in
    spring and autumn; a third of the views start a visit."""
    if PageViewDay.objects.filter(site=site, day__year=REPORT_YEAR).exists():
        return
    rng = random.Random(zlib.crc32(site.hostname.encode()))
    rows, day = [], date(REPORT_YEAR, 1, 1)
    while day.year == REPORT_YEAR:
        season = 1.15 if day.month in (3, 4, 9, 10) else 1.0
        weekday = 1.0 if day.weekday() < 5 else 0.45
        total = int(daily * season * weekday * rng.uniform(0.8, 1.2))
        for path, share in VIEWED:
            views = max(1, int(total * share))
            rows.append(
                PageViewDay(
                    site=site,
                    day=day,
                    path=path,
                    page=page_for_path(site, path) if path != "/search/" else None,
                    views=views,
                    visits=views // 3,
                )
            )
        day += timedelta(days=1)
    PageViewDay.objects.bulk_create(rows, batch_size=500)


def add_yearly_report(site):
    page = report_page(site, REPORT_YEAR)
    if page is not None and page.live:
        return page
    page = generate(site, REPORT_YEAR)
    root = site.root_page.specific
    page.security_assessments = 4
    page.emergency_drills = True
    page.ipv6 = True
    page.wechat_name = f"{root.title}微信公众号" if site.is_default_site else ""
    page.wechat_posts = 356 if site.is_default_site else 0
    page.wechat_subscribers = 128_000 if site.is_default_site else 0
    page.head, page.reviewer, page.filler = "李明", "王芳", "赵磊"
    page.contact_phone = getattr(root, "phone", "")
    page.date = timezone.make_aware(datetime(REPORT_YEAR + 1, 1, 20, 9, 0))
    page.save_revision().publish()
    page.refresh_from_db()
    return page
