"""The live console of an interview: staff who may edit the interview page type the host's and
guests' lines, which the open public page picks up without reloading."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from casework.posts import Moderation
from casework.transitions import can_proceed
from home.admin_views import AdminScreen
from interaction.admin_forms import TranscriptForm
from interaction.models import InterviewPage, InterviewQuestion, TranscriptLine


def _editable_interview(user, pk):
    page = get_object_or_404(InterviewPage, pk=pk)
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    return page


class InterviewConsoleView(AdminScreen, TemplateView):
    template_name = "interaction/admin/interview_console.html"
    header_icon = "microphone"

    def dispatch(self, request, pk):
        self.interview = _editable_interview(request.user, pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return f"访谈直播：{self.interview.title}"

    def _questions(self):
        return InterviewQuestion.objects.filter(page=self.interview).exclude(status=Moderation.REJECTED)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            interview=self.interview,
            state=self.interview.state(),
            form=form or TranscriptForm(questions=self._questions()),
            lines=self.interview.transcript.select_related("question"),
            questions=self._questions().order_by("created_at"),
        )
        return context

    def post(self, request, pk):
        form = TranscriptForm(request.POST, questions=self._questions())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        TranscriptLine.objects.create(page=self.interview, created_by=request.user, **data)
        question = data.get("question")
        if question and not question.answer and can_proceed(question.respond):
            # Answered on air: the line is the answer, and the question goes public with it.
            question.take("respond", request.user, text=data["text"], live=True)
        messages.success(request, "已发布到文字实录。")
        return redirect("interaction_interview_console", pk=self.interview.pk)
