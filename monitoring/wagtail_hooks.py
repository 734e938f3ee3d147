from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import personal_data
from home.scoping import SiteScopedViewSetMixin, sites_for_user
from monitoring.content import page_content
from monitoring.dashboard import MonitoringPanel, stale_columns_panel
from monitoring.models import ContentRule, DepartmentContact, Finding
from monitoring.reports import visible_departments
from monitoring.text_rules import find_words
from monitoring.views import (
    FindingDetailView,
    FindingFilterSet,
    FindingIndexView,
    FindingPermissionPolicy,
    ReportIndexView,
    ReportView,
    StatisticsView,
)

MENU_HOOK = "register_monitoring_menu_item"


register_permission_policy(Finding, FindingPermissionPolicy(Finding))


class FindingViewSet(ModelViewSet):
    """Scoped to the user's sites by FindingIndexView (a ModelViewSet, unlike a snippet
    viewset, does not take its listing from the viewset's get_queryset)."""

    model = Finding
    icon = "warning"
    name = "monitoring_findings"
    url_prefix = "monitoring/findings"
    menu_label = "监测问题"
    add_to_admin_menu = False
    index_view_class = FindingIndexView
    filterset_class = FindingFilterSet
    list_display = ["title", "site", Column("check_label", label="检查项"), "severity", "status", "last_seen"]
    list_per_page = 50
    search_fields = ["title", "target"]
    inspect_view_enabled = False
    form_fields = ["status"]  # never offered: the policy grants no add or change


finding_viewset = FindingViewSet()


@hooks.register("register_admin_viewset")
def register_finding_viewset():
    return finding_viewset


class ContentRuleViewSet(SnippetViewSet):
    model = ContentRule
    icon = "spell-check"
    menu_label = "内容检查词"
    list_display = ["word", "kind", "correction", "note"]
    list_filter = ["kind"]
    search_fields = ["word", "correction"]


class DepartmentContactViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = DepartmentContact
    icon = "user"
    menu_label = "部门联络员"
    list_display = ["user", "department", "site", "notify"]
    list_filter = ["site"]


register_snippet(ContentRuleViewSet)
register_snippet(DepartmentContactViewSet)


@hooks.register("register_admin_urls")
def monitoring_admin_urls():
    return [
        path("monitoring/findings/<int:pk>/handle/", FindingDetailView.as_view(), name="monitoring_finding"),
        path("monitoring/statistics/", StatisticsView.as_view(), name="monitoring_statistics"),
        path("monitoring/reports/", ReportIndexView.as_view(), name="monitoring_reports"),
        path("monitoring/reports/<int:site_id>/<str:quarter>/", ReportView.as_view(), name="monitoring_report_site"),
        path(
            "monitoring/reports/<int:site_id>/<str:quarter>/<int:department_id>/",
            ReportView.as_view(),
            name="monitoring_report_department",
        ),
    ]


class SiteManagersMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_for_user(request.user).exists()


class ReportReadersMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_for_user(request.user).exists() or visible_departments(request.user).exists()


@hooks.register("register_admin_menu_item")
def monitoring_menu():
    return SubmenuMenuItem("网站监测", Menu(register_hook_name=MENU_HOOK), icon_name="warning", order=350)


@hooks.register(MENU_HOOK)
def findings_menu_item():
    return SiteManagersMenuItem("监测问题", reverse("monitoring_findings:index"), icon_name="warning", order=100)


@hooks.register(MENU_HOOK)
def statistics_menu_item():
    return SiteManagersMenuItem("信息发布统计", reverse("monitoring_statistics"), icon_name="table", order=200)


@hooks.register(MENU_HOOK)
def reports_menu_item():
    return ReportReadersMenuItem("季度监测报告", reverse("monitoring_reports"), icon_name="doc-full", order=300)


@hooks.register("construct_homepage_panels")
def add_monitoring_panel(request, panels):
    if sites_for_user(request.user).exists():
        panels.append(MonitoringPanel(request.user))
        # Site administrators answer for their columns' updates (they hold the departments).
        if request.user.has_perm("home.change_department"):
            panels.append(stale_columns_panel(request.user))


@hooks.register("before_edit_page")
def warn_reviewers_of_content_problems(request, page):
    """While a page is in review (三审), everyone who opens it — its reviewers above all —
    sees the sensitive words, miswritten words and personal data its latest revision holds."""
    if request.method != "GET" or not page.workflow_in_progress:
        return
    content = page_content(page.get_latest_revision_as_object())
    problems = [hit.describe() for hit in find_words(content.text)]
    problems += [f"未脱敏的{kind} {len(values)} 个" for kind, values in personal_data.summary(content.text).items()]
    if problems:
        messages.warning(request, "内容检查提示：本页含" + "；".join(problems) + "。请审核时核实修改。")
