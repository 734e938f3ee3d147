"""The staff queue of disclosure requests in the Wagtail admin. Every view goes through
`scoped_requests`, so staff only ever reach the requests of the sites they manage."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from casework.effects import retry_failed
from casework.queues import CaseRows
from casework.storage import uploaded_name
from casework.transitions import staff_steps, table
from casework.workdays import WorkCalendar, add_working_days, skipped_holidays, working_days_left, year_has_calendar
from disclosure import admin_forms, fees, lifecycle
from disclosure.models import DisclosureRequest
from disclosure.notifications import HANDLE_PERMISSION
from home.admin_views import AdminScreen
from home.exports import csv_response, xlsx_response
from home.models import Department
from home.scoping import sites_for_user

VIEW_PERMISSION = "disclosure.view_disclosurerequest"
QUEUE_PAGE_SIZE = 50


def scoped_requests(user):
    if not (user.has_perm(VIEW_PERMISSION) or user.has_perm(HANDLE_PERMISSION)):
        raise PermissionDenied
    return DisclosureRequest.objects.for_user(user).select_related("site", "department")


def missing_calendar_years(today=None):
    today = today or timezone.localdate()
    return [year for year in (today.year, today.year + 1) if not year_has_calendar(year)]


def queue_rows(requests, today, filters, calendar=None):
    """(request, working days left) for the requests passing the filters. Filtering and sorting
    happen in the database on the stored due date; only the rows shown are counted in Python."""
    calendar = calendar or WorkCalendar()
    status = filters.get("status")
    if status == "open":
        requests = requests.open()
    elif status:
        requests = requests.filter(status=status)
    if filters.get("department"):
        requests = requests.filter(department=filters["department"])
    if filters.get("year"):
        requests = requests.filter(received_on__year=filters["year"])
    if filters.get("overdue"):
        requests = requests.overdue(today).order_by("due_on", "pk")
    if filters.get("due_within") is not None:
        last_day = add_working_days(today, filters["due_within"], calendar)
        requests = requests.open().filter(due_on__gte=today, due_on__lte=last_day).order_by("due_on", "pk")
    return CaseRows(requests, today, calendar)


class RequestQueueView(AdminScreen, TemplateView):
    template_name = "disclosure/admin/queue.html"
    page_title = "依申请公开"
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requests = scoped_requests(self.request.user)
        departments = Department.objects.filter(site__in=sites_for_user(self.request.user)).in_locale()
        form = admin_forms.QueueFilterForm(self.request.GET or None, departments=departments)
        filters = form.cleaned_data if form.is_valid() else {}
        today = timezone.localdate()
        page = Paginator(queue_rows(requests, today, filters), QUEUE_PAGE_SIZE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=form,
            rows=page.object_list,
            page=page,
            page_query=query.urlencode(),
            today=today,
            missing_years=missing_calendar_years(today),
            export_query=self.request.GET.urlencode(),
        )
        return context


EXPORT_HEADERS = [
    "申请编号",
    "网站",
    "承办单位",
    "收到日期",
    "申请人类型",
    "申请人",
    "所需信息",
    "状态",
    "答复期限",
    "剩余工作日",
    "办理结果",
    "办结日期",
]


def export_rows(user, query):
    requests = scoped_requests(user)
    departments = Department.objects.filter(site__in=sites_for_user(user)).in_locale()
    form = admin_forms.QueueFilterForm(query or None, departments=departments)
    filters = form.cleaned_data if form.is_valid() else {}
    for item, left in queue_rows(requests, timezone.localdate(), filters):
        applicant_type = item.get_applicant_type_display()
        if item.organisation_kind:
            applicant_type += f"（{item.get_organisation_kind_display()}）"
        yield [
            item.number,
            item.site.site_name,
            item.department.name if item.department_id else "",
            item.received_on.isoformat(),
            applicant_type,
            item.name,
            item.description[:200],
            item.get_status_display(),
            item.due_on.isoformat() if item.due_on else "",
            "" if left is None else left,
            item.get_outcome_display() if item.outcome else "",
            item.closed_on.isoformat() if item.closed_on else "",
        ]


def export_csv(request):
    return csv_response("disclosure-requests.csv", EXPORT_HEADERS, export_rows(request.user, request.GET))


def export_xlsx(request):
    return xlsx_response(
        "disclosure-requests.xlsx", "依申请公开", EXPORT_HEADERS, export_rows(request.user, request.GET)
    )


STEPS = {
    "accept": (admin_forms.NoteStepForm, lambda r, u, d: lifecycle.accept(r, u, d["reason"], d["on"]), "已受理"),
    "supplement": (
        admin_forms.SupplementStepForm,
        lambda r, u, d: lifecycle.request_supplement(r, u, d["period_days"], d["reason"], d["on"]),
        "已告知补正",
    ),
    "give_up": (admin_forms.StepForm, lambda r, u, d: lifecycle.close_as_given_up(r, u, d["on"]), "已按逾期未补正终止"),
    "consult": (
        admin_forms.ConsultationStepForm,
        lambda r, u, d: lifecycle.start_consultation(r, u, d["reason"], d["on"]),
        "已开始征求意见，期间不计入答复期限",
    ),
    "end_consult": (
        admin_forms.NoteStepForm,
        lambda r, u, d: lifecycle.end_consultation(r, u, d["reason"], d["on"]),
        "征求意见已结束",
    ),
    "extend": (
        admin_forms.ExtensionStepForm,
        lambda r, u, d: lifecycle.extend(r, u, d["days"], d["reason"], d["on"]),
        "已延期答复",
    ),
    "fee": (
        admin_forms.FeeStepForm,
        lambda r, u, d: lifecycle.notify_fee(r, u, d["amount"], d["reason"], d["on"]),
        "已发出收费通知，缴费期间不计入答复期限",
    ),
    "fee_paid": (admin_forms.StepForm, lambda r, u, d: lifecycle.record_payment(r, u, d["on"]), "已登记缴费"),
    "fee_unpaid": (
        admin_forms.StepForm,
        lambda r, u, d: lifecycle.close_as_fee_unpaid(r, u, d["on"]),
        "已按逾期未缴费终止",
    ),
    "reply": (
        admin_forms.ReplyStepForm,
        lambda r, u, d: lifecycle.reply(r, u, d["outcome"], d["letter"], d["on"], d.get("attachment")),
        "已答复",
    ),
    "archive": (admin_forms.StepForm, lambda r, u, d: lifecycle.archive(r, u), "已归档"),
}


RETRY = "retry"  # runs again what a background task failed to do (casework.effects)


class RequestDetailView(AdminScreen, TemplateView):
    parents = (("依申请公开", "disclosure_requests"),)
    template_name = "disclosure/admin/detail.html"
    header_icon = "mail"

    def dispatch(self, request, pk, **kwargs):
        self.item = get_object_or_404(scoped_requests(request.user), pk=pk)
        return super().dispatch(request, pk, **kwargs)

    def get_page_title(self):
        return f"申请 {self.item.number}"

    def get_context_data(self, step_forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        deadline = self.item.deadline(today)
        # Only the steps the transition table allows now for this user (casework.transitions).
        allowed = staff_steps(self.item, self.request.user)
        forms = {name: form_class(prefix=name) for name, (form_class, _, _) in STEPS.items() if name in allowed}
        forms.update(step_forms or {})
        labels = {name: label for name, label, _, _ in table(DisclosureRequest)}
        context.update(
            item=self.item,
            events=self.item.events.select_related("actor", "notice"),
            deadline=deadline,
            skipped=skipped_holidays(deadline.counting_from, deadline.due) if deadline.due else [],
            left=working_days_left(deadline.due, today) if self.item.is_open and deadline.due else None,
            step_forms=[(name, labels[name], form) for name, form in forms.items()],
            can_handle=self.request.user.has_perm(HANDLE_PERMISSION),
            proposed_fee=fees.proposed_fee(self.item),
        )
        return context

    def post(self, request, pk, step):
        if step not in STEPS and step != RETRY:
            raise Http404
        if not request.user.has_perm(HANDLE_PERMISSION):
            raise PermissionDenied
        if step == RETRY:
            count = retry_failed(self.item)
            messages.success(request, f"{self.item.number}：已重新提交 {count} 项后台处理。")
            return redirect("disclosure_request", pk=self.item.pk)
        form_class, act, done = STEPS[step]
        form = form_class(request.POST, request.FILES, prefix=step, received_on=self.item.received_on)
        if form.is_valid():
            try:
                act(self.item, request.user, form.cleaned_data)
            except lifecycle.StepRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, f"{self.item.number}：{done}。")
                return redirect("disclosure_request", pk=self.item.pk)
        messages.error(request, "未能办理，请按提示修改。")
        return self.render_to_response(self.get_context_data(step_forms={step: form}, active_step=step))


class RequestFileView(View):
    """Serves a citizen's upload to staff of the request's site; uploads have no public URL."""

    def get(self, request, pk, event_pk=None):
        item = get_object_or_404(scoped_requests(request.user), pk=pk)
        holder = get_object_or_404(item.events, pk=event_pk) if event_pk else item
        if not holder.attachment:
            raise Http404
        name = uploaded_name(holder.attachment)
        return FileResponse(holder.attachment.open("rb"), as_attachment=True, filename=name)


class NoticeView(View):
    """The formal notice issued at a step, as the PDF kept with the request."""

    def get(self, request, pk, event_pk):
        item = get_object_or_404(scoped_requests(request.user), pk=pk)
        event = get_object_or_404(item.events.select_related("notice"), pk=event_pk, notice__isnull=False)
        filename = f"{item.number}-{event.notice.title}.pdf"
        return FileResponse(event.notice.pdf.open("rb"), content_type="application/pdf", filename=filename)
