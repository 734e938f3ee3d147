"""网站年度报表 in the admin: each of the user's sites with its report of the chosen year, generated
(or its figures refreshed) with one button; the page itself is edited and submitted for review."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from home.admin_views import AdminScreen
from home.scoping import sites_for_user
from yearly_report.generate import check_year, generate, report_page


class YearForm(forms.Form):
    year = forms.IntegerField(
        label="报表年度", error_messages={"required": "请填写报表年度。", "invalid": "报表年度请填写四位数字年份。"}
    )

    def clean_year(self):
        check_year(self.cleaned_data["year"])  # a Chinese message for 9999 or 0001
        return self.cleaned_data["year"]


def _default_year():
    return timezone.localdate().year - 1


class ReportListView(AdminScreen, TemplateView):
    template_name = "yearly_report/admin/reports.html"
    page_title = "网站年度报表"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not sites_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = YearForm(self.request.GET or {"year": _default_year()})
        year = form.cleaned_data["year"] if form.is_valid() else _default_year()
        sites = sites_for_user(self.request.user).select_related("root_page").order_by("pk")
        context.update(form=form, year=year, rows=[(site, report_page(site, year)) for site in sites])
        return context

    def post(self, request):
        site = get_object_or_404(sites_for_user(request.user), pk=request.POST.get("site"))
        form = YearForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["year"]))
            return redirect("yearly_reports")
        year = form.cleaned_data["year"]
        try:
            page = generate(site, year, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{reverse('yearly_reports')}?year={year}")
        messages.success(request, f"已生成“{page.title}”的统计数据，请核对、补充后提交审核发布（1月31日前）。")
        return redirect(f"{reverse('yearly_reports')}?year={year}")


def download(request, pk, kind):
    """The latest revision (a draft under review, too) as XLSX or PDF, for the site's staff."""
    from yearly_report.exports import report_pdf, report_xlsx
    from yearly_report.models import YearlyReportPage

    page = get_object_or_404(YearlyReportPage, pk=pk)
    if not sites_for_user(request.user).filter(pk=page.get_site().pk).exists():
        raise PermissionDenied
    page = page.get_latest_revision_as_object()
    return report_xlsx(page) if kind == "xlsx" else report_pdf(page)
