"""The 找错 queue of the user's sites, a report with its reply form, and the monthly figures."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import TemplateView

from casework.workdays import WorkCalendar, working_days_left
from feedback import cases
from feedback.forms import ReplyForm
from feedback.models import ErrorReport, ReportStatus
from home.admin_views import AdminScreen
from home.scoping import sites_for_user


def scoped_reports(user):
    if not sites_for_user(user).exists():
        raise PermissionDenied
    return ErrorReport.objects.for_user(user).select_related("site")


class FilterForm(forms.Form):
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *ReportStatus.choices])
    year = forms.IntegerField(label="统计年度", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].error_messages.update(
            min_value="统计年度须在2000年至2100年之间。", max_value="统计年度须在2000年至2100年之间。"
        )
        self.fields["year"].error_messages["invalid"] = "统计年度请填写四位数字年份。"


class QueueView(AdminScreen, TemplateView):
    template_name = "feedback/admin/queue.html"
    page_title = "我为政府网站找错"
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = scoped_reports(self.request.user)
        form = FilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        if filters.get("status"):
            items = items.filter(status=filters["status"])
        today, calendar = timezone.localdate(), WorkCalendar()
        rows = [(r, working_days_left(r.due_on, today, calendar) if r.is_open else None) for r in items[:500]]
        year = filters.get("year") or today.year
        figures = [(site, cases.monthly_figures(site, year)) for site in sites_for_user(self.request.user)]
        context.update(form=form, rows=rows, year=year, figures=figures)
        return context


class ReportView(AdminScreen, TemplateView):
    template_name = "feedback/admin/report.html"
    page_title = "找错报告"
    header_icon = "warning"
    parents = (("我为政府网站找错", "feedback_queue"),)

    def dispatch(self, request, pk):
        self.report = get_object_or_404(scoped_reports(request.user), pk=pk)
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(report=self.report, form=kwargs.get("form") or ReplyForm())
        return context

    def post(self, request, pk):
        if not self.report.is_open:
            messages.error(request, "该报告已答复。")
            return redirect("feedback_report_admin", pk)
        form = ReplyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        cases.answer(self.report, request.user, form.cleaned_data["outcome"], form.cleaned_data["reply"])
        messages.success(request, f"已答复找错报告 {self.report.number}。")
        return redirect("feedback_queue")
