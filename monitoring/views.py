"""Admin views: findings (list, detail with resolve/ignore), monthly statistics, quarterly reports."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets.button import ListingButton
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy

from home.admin_views import AdminScreen
from home.models import Department
from home.params import whole_number
from home.scoping import sites_for_user, user_manages_site
from monitoring import exports
from monitoring.charts import bar_chart
from monitoring.models import Finding, FindingStatus, Severity
from monitoring.registry import check_choices
from monitoring.reports import (
    Quarter,
    build_report,
    can_read,
    latest_quarters,
    manages_all_reports,
    severity_labels,
    visible_departments,
)
from monitoring.statistics import NEWS_TARGET, default_months, monthly_statistics

# Findings


class FindingPermissionPolicy(ModelPermissionPolicy):
    """Findings are made by checks, never by hand; anyone who manages a site reads and
    handles (resolve, ignore) the findings of that site."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and sites_for_user(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_manages_site(user, instance.site_id)


class FindingFilterSet(WagtailFilterSet):
    site = django_filters.ModelChoiceFilter(
        label="网站", queryset=lambda request: sites_for_user(request.user) if request else Site.objects.none()
    )
    check_name = django_filters.ChoiceFilter(label="检查项", choices=check_choices)
    severity = django_filters.ChoiceFilter(label="严重程度", choices=Severity.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=FindingStatus.choices)

    class Meta:
        model = Finding
        fields = ["site", "check_name", "severity", "status"]


class FindingIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(site__in=sites_for_user(self.request.user)).select_related("site")

    def get_edit_url(self, instance):
        return reverse("monitoring_finding", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        return [ListingButton("查看与处理", url=self.get_edit_url(instance), icon_name="view", priority=10)]


class FindingDetailView(AdminScreen, TemplateView):
    parents = (("监测问题", "monitoring_findings:index"),)
    template_name = "monitoring/finding_detail.html"
    header_icon = "warning"
    actions = {
        "resolve": (FindingStatus.RESOLVED, "已标记为已解决。"),
        "ignore": (FindingStatus.IGNORED, "已忽略该问题，以后的检查不再提示。"),
        "reopen": (FindingStatus.OPEN, "已重新打开。"),
    }

    def dispatch(self, request, pk):
        self.finding = get_object_or_404(Finding.objects.select_related("site", "page", "department"), pk=pk)
        if not user_manages_site(request.user, self.finding.site_id):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return self.finding.title

    def get_context_data(self, **kwargs):
        return super().get_context_data(finding=self.finding, **kwargs)

    def post(self, request, pk):
        action = self.actions.get(request.POST.get("action"))
        if action is None:
            messages.error(request, "未知的操作。")
        else:
            status, message = action
            self.finding.status = status
            self.finding.resolved_at = None if status == FindingStatus.OPEN else timezone.now()
            self.finding.save(update_fields=["status", "resolved_at"])
            messages.success(request, message)
        return redirect("monitoring_finding", pk=self.finding.pk)


# Statistics


def _chosen_site(request):
    sites = sites_for_user(request.user).order_by("pk")
    if not sites.exists():
        raise PermissionDenied
    chosen = whole_number(request.GET.get("site"))
    site = sites.filter(pk=chosen).first() if chosen is not None else None
    return site or sites.first(), sites


class StatisticsView(AdminScreen, TemplateView):
    template_name = "monitoring/statistics.html"
    page_title = "信息发布统计"
    header_icon = "table"

    def get(self, request):
        site, sites = _chosen_site(request)
        stats = monthly_statistics(site, default_months())
        filename = f"发布统计-{site.hostname}-{timezone.localdate():%Y%m%d}"
        if request.GET.get("format") == "csv":
            return exports.statistics_csv(stats, filename + ".csv")
        if request.GET.get("format") == "xlsx":
            return exports.statistics_xlsx(stats, filename + ".xlsx")
        chart = bar_chart(
            [(f"{m}月", total, None) for (_, m), total in zip(stats.months, stats.site_totals(), strict=True)]
        )
        rows = [(row.name, row.cells(stats.months)) for row in stats.rows]
        return self.render_to_response(
            self.get_context_data(site=site, sites=sites, stats=stats, rows=rows, chart=chart, target=NEWS_TARGET)
        )


# Quarterly reports


class ReportIndexView(AdminScreen, TemplateView):
    template_name = "monitoring/report_index.html"
    page_title = "季度监测报告"
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        user = self.request.user
        departments = visible_departments(user).select_related("site").order_by("site", "name")
        site_ids = {d.site_id for d in departments} | set(sites_for_user(user).values_list("pk", flat=True))
        sites = [s for s in Site.objects.filter(pk__in=site_ids).order_by("pk") if manages_all_reports(user, s)]
        return super().get_context_data(sites=sites, departments=departments, quarters=latest_quarters(), **kwargs)


class ReportView(AdminScreen, TemplateView):
    parents = (("季度监测报告", "monitoring_reports"),)
    template_name = "monitoring/report.html"
    header_icon = "doc-full"

    def dispatch(self, request, site_id, quarter, department_id=None):
        self.site = get_object_or_404(Site, pk=site_id)
        self.department = get_object_or_404(Department, pk=department_id) if department_id else None
        self.quarter = Quarter.parse(quarter)
        if self.quarter is None:
            raise Http404("季度格式应为 2026Q3 这样的形式。")
        if not can_read(request.user, self.site, self.department):
            raise PermissionDenied
        self.report = build_report(self.site, self.department, self.quarter)
        return super().dispatch(request)

    def get_page_title(self):
        return self.report.title

    def get(self, request):
        filename = (
            f"监测报告-{self.site.hostname}-{self.department.name if self.department else '全站'}-{self.quarter.code}"
        )
        if request.GET.get("format") == "xlsx":
            return exports.report_xlsx(self.report, filename + ".xlsx")
        if request.GET.get("format") == "pdf":
            return exports.report_pdf(self.report, filename + ".pdf")
        return self.render_to_response(self.get_context_data(report=self.report, severity_labels=severity_labels()))
