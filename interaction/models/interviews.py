"""在线访谈: the announcement published in advance, questions from the public, the live text
transcript and the archive; questions left unanswered get a published answer within 5
working days of the interview."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from casework.posts import PublicAnswer
from casework.workdays import add_working_days
from home.blocks import ArticleBodyBlock
from home.models import ArticlePage
from interaction.models.consultations import ITEM_PARENTS
from interaction.models.posts import PublicPost

ANSWER_DAYS = 5


class InterviewPage(RoutablePageMixin, ArticlePage):
    """The body is the announcement (topic and background); the archive holds images or video."""

    page_cache = False  # a form or live figures

    guests = models.CharField("访谈嘉宾", max_length=200)
    host = models.CharField("主持人", max_length=60, blank=True)
    starts_at = models.DateTimeField("访谈开始时间")
    ends_at = models.DateTimeField("访谈结束时间")
    archive = StreamField(ArticleBodyBlock(), blank=True, verbose_name="访谈回顾（图片、视频）")

    parent_page_types = ITEM_PARENTS
    subpage_types = []
    template = "interaction/interview_page.html"

    content_panels = ArticlePage.content_panels[:2] + [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("guests"), FieldPanel("host")]),
        FieldPanel("summary"),
        FieldPanel("body", heading="访谈预告"),
        FieldPanel("archive"),
    ]

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "结束时间应晚于开始时间。"})

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.starts_at:
            return "upcoming"
        return "live" if now <= self.ends_at else "ended"

    @property
    def answers_due(self):
        return add_working_days(timezone.localtime(self.ends_at).date(), ANSWER_DAYS)

    @path("")
    def index_route(self, request):
        from interaction.views.posts import interview

        return interview(self, request)

    @path("transcript/")
    def transcript_route(self, request):
        from interaction.views.posts import transcript_json

        return transcript_json(self, request)


class Speaker(models.TextChoices):
    HOST = "host", "主持人"
    GUEST = "guest", "嘉宾"


class TranscriptLine(models.Model):
    """One line of the live text, typed by staff while the interview runs."""

    page = models.ForeignKey(InterviewPage, on_delete=models.CASCADE, related_name="transcript", verbose_name="访谈")
    role = models.CharField("身份", max_length=6, choices=Speaker.choices, default=Speaker.GUEST)
    speaker = models.CharField("发言人", max_length=60)
    text = models.TextField("内容", max_length=3000)
    question = models.ForeignKey(
        "interaction.InterviewQuestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="回答的网友提问",
    )
    created_at = models.DateTimeField("时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="录入人",
    )

    class Meta:
        verbose_name = "文字实录"
        verbose_name_plural = "文字实录"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.speaker}：{self.text[:30]}"

    def as_json(self):
        return {
            "id": self.pk,
            "role": self.get_role_display(),
            "speaker": self.speaker,
            "text": self.text,
            "question": self.question.public_content if self.question_id else "",
            "time": timezone.localtime(self.created_at).strftime("%H:%M"),
        }


class InterviewQuestion(PublicAnswer, PublicPost):
    page = models.ForeignKey(InterviewPage, on_delete=models.CASCADE, related_name="questions", verbose_name="访谈")
    answer = models.TextField("答复", max_length=3000, blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answered_live = models.BooleanField("访谈中已答复", default=False)

    class Meta(PublicPost.Meta):
        verbose_name = "访谈提问"
        verbose_name_plural = "访谈提问"

    def record_answer(self, user, text, live):
        """Answered on air from the console (live=True), or afterwards from the moderation screen."""
        self.answer, self.answered_at = text, timezone.now()
        self.answered_live = self.page.state() == "live" if live is None else live
