"""Moderation of what citizens post: comments, opinions and interview questions. Approve,
reject with a reason, answer publicly (comments, questions), mark opinions adopted or not."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from home.admin_views import AdminScreen
from interaction import admin_forms
from interaction.choices import Moderation
from interaction.models import Comment, InterviewQuestion, Opinion

MODERATE_PERMISSION = "interaction.moderate_posts"
KINDS = {
    "comment": (Comment, "网民留言"),
    "opinion": (Opinion, "征集意见"),
    "question": (InterviewQuestion, "访谈提问"),
}


def scoped_posts(user, kind):
    if not user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied
    if kind not in KINDS:
        raise Http404
    return KINDS[kind][0].objects.for_user(user).select_related("page", "site", "moderated_by")


def _approve(post, user, data):
    post.status, post.reason = Moderation.APPROVED, ""
    post.public_content = data["public_content"].strip() or post.public_content
    _moderated(post, user)


def _reject(post, user, data):
    post.status, post.reason = Moderation.REJECTED, data["reason"]
    _moderated(post, user)


def _moderated(post, user):
    post.moderated_by, post.moderated_at = user, timezone.now()
    post.save()


def _answer(post, user, data):
    """A staff reply to a comment, or the answer to an interview question (published with it)."""
    if isinstance(post, Comment):
        post.reply, post.replied_at, post.replied_by = data["text"], timezone.now(), user
    else:
        post.answer, post.answered_at = data["text"], timezone.now()
        post.answered_live = post.page.state() == "live"
    if post.status == Moderation.PENDING:
        post.status = Moderation.APPROVED
        post.moderated_by, post.moderated_at = user, timezone.now()
    post.save()


def _adopt(post, user, data):
    post.adopted, post.adoption_note = data["adopted"], data["adoption_note"]
    post.save(update_fields=["adopted", "adoption_note"])


ACTIONS = {
    "approve": (admin_forms.ApprovePostForm, _approve, "已发布"),
    "reject": (admin_forms.RejectForm, _reject, "已标记为未通过"),
    "answer": (admin_forms.ReplyPostForm, _answer, "答复已发布"),
    "adopt": (admin_forms.AdoptionForm, _adopt, "已记录采纳情况"),
}
ACTIONS_BY_KIND = {
    "comment": ("approve", "reject", "answer"),
    "opinion": ("approve", "reject", "adopt"),
    "question": ("approve", "reject", "answer"),
}


class ModerationView(AdminScreen, TemplateView):
    template_name = "interaction/admin/moderation.html"
    page_title = "互动审核"
    header_icon = "comment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.kwargs.get("kind", "comment")
        status = self.request.GET.get("status", Moderation.PENDING)
        posts = scoped_posts(self.request.user, kind)
        if status in Moderation.values:
            posts = posts.filter(status=status)
        context.update(
            kind=kind,
            kinds=[(key, label) for key, (_, label) in KINDS.items()],
            status=status,
            statuses=Moderation.choices,
            posts=posts[:200],
            actions=ACTIONS_BY_KIND[kind],
        )
        return context

    def post(self, request, kind, pk, action):
        post = get_object_or_404(scoped_posts(request.user, kind), pk=pk)
        if action not in ACTIONS_BY_KIND[kind]:
            raise Http404
        form_class, act, done = ACTIONS[action]
        form = form_class(request.POST, prefix=f"{action}-{pk}") if form_class else None
        if form is not None and not form.is_valid():
            problems = " ".join(error for errors in form.errors.values() for error in errors)
            messages.error(request, f"未能办理：{problems}")
        else:
            act(post, request.user, form.cleaned_data if form else {})
            messages.success(request, done)
        return redirect(
            f"{reverse('interaction_moderation', args=[kind])}?status={request.GET.get('status', 'pending')}"
        )
