"""The admin screens a site group's size could slow down, and their queries and time per view:
for bench/scale_bench.py (200 sites) and tests/test_scale_admin.py (queries the same at 3 and
at 30 sites). Needs a configured Django and a database holding the sites.

Measured for a platform administrator (superuser, sees every site) and for an editor of one
sub-site (its 编辑 group: sees that site only): the page explorer, the site switcher of the
per-site settings, the page/document/image choosers, Wagtail's reports and ours, the sub-site
creation form, the sites list and the departments listing (whose filter offers every site),
and `home.scoping.sites_for_user` itself.
"""

import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

SUPERUSER, EDITOR = "superuser", "editor"


def site_switcher(site):
    """The edit screen of the first per-site setting (its header switches between sites), if any."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry

    for model in registry:
        if issubclass(model, BaseSiteSetting):
            meta = model._meta
            return [
                (
                    "站点切换（按站设置）",
                    reverse("wagtailsettings:edit", args=[meta.app_label, meta.model_name, site.pk]),
                )
            ]
    return []


def views(site):
    """(label, URL, who may open it) for the screens of `site`, the site the editor works on."""
    home = site.root_page_id
    both = (SUPERUSER, EDITOR)
    switcher = [(label, url, (SUPERUSER,)) for label, url in site_switcher(site)]
    return [
        ("仪表板", reverse("wagtailadmin_home"), both),
        ("页面浏览（根）", reverse("wagtailadmin_explore_root"), both),
        ("页面浏览（子站首页下）", reverse("wagtailadmin_explore", args=[home]), both),
        *switcher,
        ("页面选择器（根）", reverse("wagtailadmin_choose_page"), both),
        ("页面选择器（子站首页下）", reverse("wagtailadmin_choose_page_child", args=[home]), both),
        ("页面选择器搜索", reverse("wagtailadmin_choose_page_search") + "?q=通知", both),
        ("文档选择器", reverse("wagtaildocs_chooser:choose"), both),
        ("图片选择器", reverse("wagtailimages_chooser:choose"), both),
        ("报告：锁定的页面", reverse("wagtailadmin_reports:locked_pages"), both),
        ("报告：工作流", reverse("wagtailadmin_reports:workflow"), both),
        ("报告：工作流任务", reverse("wagtailadmin_reports:workflow_tasks"), both),
        ("报告：站点历史", reverse("wagtailadmin_reports:site_history"), both),
        ("报告：久未更新的页面", reverse("wagtailadmin_reports:aging_pages"), (SUPERUSER,)),
        ("报告：页面类型使用", reverse("site_page_types_usage"), both),
        ("责任单位列表", reverse("wagtailsnippets_home_department:list"), both),
        ("网站列表", reverse("wagtailsites:index"), (SUPERUSER,)),
        ("新建子站表单", reverse("create_subsite"), (SUPERUSER,)),
    ]


def users(site):
    """A superuser and an editor of `site` (its 编辑 group), made once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from home.subsites import EDITORS, group_name

    model = get_user_model()
    superuser = model.objects.filter(username="scale-admin").first() or model.objects.create_superuser(
        "scale-admin", "scale-admin@bench.test", "unused-Passw0rd!"
    )
    editor = model.objects.filter(username=f"scale-editor-{site.pk}").first()
    if editor is None:
        editor = model.objects.create_user(f"scale-editor-{site.pk}", "", "unused-Passw0rd!")
        editor.groups.add(Group.objects.get(name=group_name(site.site_name, EDITORS)))
    return {SUPERUSER: superuser, EDITOR: editor}


def sites_for_user_queries(user):
    """Queries `sites_for_user` makes for a user fresh from the database, and its time (ms)."""
    from django.contrib.auth import get_user_model

    from home.scoping import sites_for_user

    fresh = get_user_model().objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        list(sites_for_user(fresh))
        elapsed = (time.perf_counter() - started) * 1000
    return len(captured.captured_queries), round(elapsed, 1)


def measure(site, repeats=3, host=None):
    """{who: {label: {"status", "queries", "median_ms", "url"}}} for every view of `views(site)`;
    "sites_for_user" holds the function's own figures."""
    host = host or site.hostname
    result = {}
    for who, user in users(site).items():
        client = Client(HTTP_HOST=host)
        client.force_login(user)
        figures = {}
        for label, url, allowed in views(site):
            if who not in allowed:
                continue
            try:
                client.get(url)  # per-process caches as a running server has them
            except Exception as error:  # noqa: BLE001 - a broken screen is a figure too, not the end of the run
                figures[label] = {"url": url, "status": 500, "error": repr(error)[:300], "queries": 0, "median_ms": 0}
                continue
            reset_queries()  # a full log (DEBUG) would leave nothing to capture
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            queries = len(captured.captured_queries)  # before later requests reset the log
            timings = []
            for _ in range(repeats):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            figures[label] = {
                "url": url,
                "status": response.status_code,
                "queries": queries,
                "median_ms": round(statistics.median(timings), 1) if timings else None,
            }
        queries, elapsed = sites_for_user_queries(user)
        figures["sites_for_user"] = {"url": "", "status": 200, "queries": queries, "median_ms": elapsed}
        result[who] = figures
    return result
