"""A letter's admin pages: the handling steps and the writer's attachment (the queue is letter_queue)."""

from django import forms
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
from casework.workdays import working_days_left
from home.admin_views import AdminScreen
from home.models import Department
from interaction import admin_forms, letters
from interaction.models import Letter

VIEW_PERMISSION = "interaction.view_letter"
PERMISSIONS = (VIEW_PERMISSION, letters.HANDLE_PERMISSION, letters.REVIEW_PERMISSION)


def can_see_letters(user):
    return any(user.has_perm(p) for p in PERMISSIONS)


def scoped_letters(user):
    if not can_see_letters(user):
        raise PermissionDenied
    return Letter.objects.for_user(user).select_related("site", "department", "mailbox")


STEP_FORMS = {
    "accept": admin_forms.NoteForm,
    "decline": admin_forms.ReasonForm,
    "assign": admin_forms.AssignForm,
    "draft": admin_forms.DraftForm,
    "transfer": admin_forms.TransferForm,
    "approve": admin_forms.NoteForm,
    "send_back": admin_forms.ReasonForm,
    "send": forms.Form,
    "extend": admin_forms.ExtendForm,
    "public_version": admin_forms.PublicVersionForm,
    "withhold": admin_forms.ReasonForm,
    "approve_public": admin_forms.NoteForm,
}


def _step_forms(letter, user, bound=None):
    """The forms of the steps this user may take on this letter now, by step name."""
    site_departments = Department.objects.filter(site=letter.site).in_locale()
    other_sites = sites_for_all_group(letter)
    # The steps the letter's transition table allows now for this user (casework.transitions).
    available = {name: STEP_FORMS[name] for name in staff_steps(letter, user)}
    built = {}
    for name, form_class in available.items():
        kwargs = {"prefix": name}
        if form_class is admin_forms.AssignForm:
            kwargs["departments"] = site_departments
        if form_class is admin_forms.TransferForm:
            kwargs.update(departments=site_departments.exclude(pk=letter.department_id), sites=other_sites)
        if name == "draft":
            kwargs["initial"] = {"reply": letter.reply}
        if name == "public_version":
            kwargs["initial"] = letters.public_version_initial(letter)
        built[name] = form_class(bound[1], **kwargs) if bound and bound[0] == name else form_class(**kwargs)
    return built


def sites_for_all_group(letter):
    """Any site of the group can receive a transferred letter, not only the user's own."""
    from wagtail.models import Site

    return Site.objects.exclude(pk=letter.site_id).order_by("site_name")


STEP_ACTIONS = {
    "accept": (lambda letter, user, d: letters.accept(letter, user, d["note"]), "已受理"),
    "decline": (lambda letter, user, d: letters.decline(letter, user, d["note"]), "已不予受理并告知写信人"),
    "assign": (lambda letter, user, d: letters.assign(letter, user, d["department"], d["note"]), "已交办"),
    "transfer": (
        lambda letter, user, d: letters.transfer(letter, user, d["note"], d["department"], d["site"]),
        "已转办",
    ),
    "draft": (lambda letter, user, d: letters.draft(letter, user, d["reply"]), "答复已提交审核"),
    "approve": (lambda letter, user, d: letters.approve(letter, user, d["note"]), "答复审核通过"),
    "send_back": (lambda letter, user, d: letters.send_back(letter, user, d["note"]), "答复已退回修改"),
    "send": (lambda letter, user, d: letters.send(letter, user), "答复已发送"),
    "extend": (lambda letter, user, d: letters.extend(letter, user, d["days"], d["note"]), "已延期"),
    "withhold": (lambda letter, user, d: letters.withhold(letter, user, d["note"]), "答复已撤出公开列表"),
    "public_version": (
        lambda letter, user, d: letters.edit_public_version(letter, user, d["subject"], d["content"], d["reply"]),
        "公开版本已提交审核",
    ),
    "approve_public": (
        lambda letter, user, d: letters.approve_public_version(letter, user, d["note"]),
        "公开版本审核通过，已公开",
    ),
}


RETRY = "retry"  # runs again what a background task failed to do (casework.effects)


class LetterDetailView(AdminScreen, TemplateView):
    parents = (("来信办理", "interaction_letters:index"),)
    template_name = "interaction/admin/letter_detail.html"
    header_icon = "mail"

    def dispatch(self, request, pk, **kwargs):
        self.letter = get_object_or_404(scoped_letters(request.user), pk=pk)
        return super().dispatch(request, pk, **kwargs)

    def get_page_title(self):
        return f"来信 {self.letter.number}"

    def get_context_data(self, step_forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        step_forms = step_forms or _step_forms(self.letter, self.request.user)
        step_labels = {name: label for name, label, _, _ in table(Letter)}
        context.update(
            letter=self.letter,
            events=self.letter.events.select_related("actor", "department", "to_site"),
            left=working_days_left(self.letter.due_on, today) if self.letter.is_open else None,
            steps=[(name, step_labels[name], form) for name, form in step_forms.items()],
        )
        return context

    def post(self, request, pk, step):
        if step == RETRY and request.user.has_perm(letters.HANDLE_PERMISSION):
            count = retry_failed(self.letter)
            messages.success(request, f"{self.letter.number}：已重新提交 {count} 项后台处理。")
            return redirect("interaction_letter", pk=self.letter.pk)
        if step not in STEP_ACTIONS:
            raise Http404
        forms_now = _step_forms(self.letter, request.user, (step, request.POST))
        if step not in forms_now:
            messages.error(request, "您没有权限办理这一步，或来信当前状态不能办理这一步。")
            return redirect("interaction_letter", pk=self.letter.pk)
        form = forms_now[step]
        if form.is_valid():
            act, done = STEP_ACTIONS[step]
            try:
                act(self.letter, request.user, form.cleaned_data)
            except letters.StepRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, f"{self.letter.number}：{done}。")
                if not Letter.objects.for_user(request.user).filter(pk=self.letter.pk).exists():
                    return redirect("interaction_letters:index")  # transferred to a site the user does not manage
                return redirect("interaction_letter", pk=self.letter.pk)
        messages.error(request, "未能办理，请按提示修改。")
        return self.render_to_response(self.get_context_data(step_forms=forms_now, active_step=step))


class LetterFileView(View):
    """Serves the writer's upload to staff of the letter's site; uploads have no public URL."""

    def get(self, request, pk):
        letter = get_object_or_404(scoped_letters(request.user), pk=pk)
        if not letter.attachment:
            raise Http404
        name = uploaded_name(letter.attachment)
        return FileResponse(letter.attachment.open("rb"), as_attachment=True, filename=name)
