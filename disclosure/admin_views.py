"""A disclosure request's admin pages (the queue is disclosure.queue). Every view goes through
`scoped_requests`, so staff only ever reach the requests of the sites they manage."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from casework.effects import retry_failed
from casework.storage import uploaded_name
from casework.transitions import staff_steps, table
from casework.workdays import skipped_holidays, working_days_left, year_has_calendar
from disclosure import admin_forms, fees, lifecycle
from disclosure.models import DisclosureRequest
from disclosure.notifications import HANDLE_PERMISSION
from home.admin_views import AdminScreen

VIEW_PERMISSION = "disclosure.view_disclosurerequest"


def scoped_requests(user):
    if not (user.has_perm(VIEW_PERMISSION) or user.has_perm(HANDLE_PERMISSION)):
        raise PermissionDenied
    return DisclosureRequest.objects.for_user(user).select_related("site", "department")


def missing_calendar_years(today=None):
    today = today or timezone.localdate()
    return [year for year in (today.year, today.year + 1) if not year_has_calendar(year)]


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
    parents = (("依申请公开", "disclosure_requests:index"),)
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
