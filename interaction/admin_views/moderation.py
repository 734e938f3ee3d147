"""Moderation of what citizens post: comments, opinions and interview questions. Approve,
reject with a reason, answer publicly (comments, questions), mark opinions adopted or not."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from casework.posts import Moderation
from casework.transitions import staff_steps, step_labels
from home.admin_views import AdminScreen
from interaction import admin_forms
from interaction.models import Comment, InterviewQuestion, Opinion
from interaction.models.posts import MODERATE_PERMISSION

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


# The URL's action: the step of the post's transition table it takes, its form, what it says when done.
ACTIONS = {
    "approve": ("approve", admin_forms.ApprovePostForm, "已发布"),
    "reject": ("reject", admin_forms.RejectForm, "已标记为未通过"),
    "answer": ("respond", admin_forms.ReplyPostForm, "答复已发布"),
    "adopt": ("adopt", admin_forms.AdoptionForm, "已记录采纳情况"),
}


def allowed_actions(post, user):
    """The actions whose steps the user may take on the post now, in the screen's order."""
    steps = staff_steps(post, user)
    return [action for action, (name, _, _) in ACTIONS.items() if name in steps]


class ModerationView(AdminScreen, TemplateView):
    template_name = "interaction/admin/moderation.html"
    page_title = "互动审核"
    header_icon = "comment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.kwargs.get("kind", "comment")
        status = self.request.GET.get("status", Moderation.PENDING)
        posts = scoped_posts(self.request.user, kind)
        labels = step_labels(posts.model)
        if status in Moderation.values:
            posts = posts.filter(status=status)
        context.update(
            kind=kind,
            kinds=[(key, label) for key, (_, label) in KINDS.items()],
            status=status,
            statuses=Moderation.choices,
            posts=list(posts.prefetch_related("events__actor")[:200]),
            labels={action: labels[name] for action, (name, _, _) in ACTIONS.items() if name in labels},
        )
        for post in context["posts"]:
            post.actions = allowed_actions(post, self.request.user)
        return context

    def post(self, request, kind, pk, action):
        post = get_object_or_404(scoped_posts(request.user, kind), pk=pk)
        if action not in ACTIONS or not hasattr(post, ACTIONS[action][0]):
            raise Http404
        name, form_class, done = ACTIONS[action]
        form = form_class(request.POST, prefix=f"{action}-{pk}")
        if action not in allowed_actions(post, request.user):
            label = step_labels(type(post))[name]
            messages.error(request, f"未能办理：该内容目前为“{post.get_status_display()}”，不能“{label}”。")
        elif not form.is_valid():
            problems = " ".join(error for errors in form.errors.values() for error in errors)
            messages.error(request, f"未能办理：{problems}")
        else:
            post.take(name, request.user, **form.cleaned_data)
            messages.success(request, done)
        return redirect(
            f"{reverse('interaction_moderation', args=[kind])}?status={request.GET.get('status', 'pending')}"
        )
