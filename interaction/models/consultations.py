"""意见征集: a draft policy open for opinions, and the summary of what was received and adopted,
due within 10 working days of the decision (seed 003, plan 二.5)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from casework.posts import Moderation, may_moderate
from casework.transitions import step, transition
from casework.workdays import add_working_days
from home.blocks import RICH_TEXT_FEATURES
from home.models import ArticlePage
from home.search_fields import chinese
from interaction.models.posts import PublicPost

SUMMARY_DAYS = 10
ITEM_PARENTS = ["home.ColumnPage", "home.TopicPage"]


class ConsultationPage(RoutablePageMixin, ArticlePage):
    """The body is the draft itself; the explanation says why and how it was drafted."""

    page_cache = False  # a form or live figures

    explanation = RichTextField("起草说明", features=RICH_TEXT_FEATURES, blank=True)
    opens_on = models.DateField("征集开始日期")
    closes_on = models.DateField("征集截止日期")
    decided_on = models.DateField("决策日期", null=True, blank=True, help_text="文件审议通过或作出决定的日期")
    result_summary = RichTextField(
        "意见采纳情况说明", features=RICH_TEXT_FEATURES, blank=True, help_text="说明采纳情况，以及未采纳意见的理由"
    )
    result_published_on = models.DateField(
        "采纳情况公布日期", null=True, blank=True, help_text="须在决策后10个工作日内公布"
    )

    parent_page_types = ITEM_PARENTS
    subpage_types = []
    template = "interaction/consultation_page.html"

    content_panels = ArticlePage.content_panels[:2] + [
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("summary"),
        FieldPanel("body", heading="征求意见稿"),
        FieldPanel("explanation"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decided_on"), FieldPanel("result_published_on")]),
                FieldPanel("result_summary"),
            ],
            heading="意见采纳情况（决策后10个工作日内公布）",
        ),
    ]
    search_fields = chinese(ArticlePage.search_fields + [index.SearchField("explanation")])

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "截止日期不能早于开始日期。"})
        if self.result_published_on and not self.decided_on:
            raise ValidationError({"decided_on": "公布采纳情况前，请先填写决策日期。"})
        if self.result_published_on and not self.result_summary:
            raise ValidationError({"result_summary": "请填写意见采纳情况说明。"})

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    @property
    def summary_due(self):
        return add_working_days(self.decided_on, SUMMARY_DAYS) if self.decided_on else None

    def summary_late(self, today=None):
        """Published after the 10 working days, or still unpublished once they have passed."""
        due = self.summary_due
        if due is None:
            return False
        return (self.result_published_on or today or timezone.localdate()) > due

    def opinion_counts(self):
        opinions = Opinion.objects.filter(page=self).exclude(status=Moderation.REJECTED)
        return {"received": opinions.count(), "adopted": opinions.filter(adopted=True).count()}

    @path("")
    def index_route(self, request):
        from interaction.views.posts import consultation

        return consultation(self, request)


class Opinion(PublicPost):
    page = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="opinions", verbose_name="意见征集"
    )
    clause = models.CharField("针对条款", max_length=40, blank=True, help_text="如：第五条")
    adopted = models.BooleanField("是否采纳", null=True, blank=True)
    adoption_note = models.CharField("采纳或未采纳的理由", max_length=300, blank=True)

    class Meta(PublicPost.Meta):
        verbose_name = "征集意见"
        verbose_name_plural = "征集意见"

    # An opinion is moderated before its adoption is recorded: the public page shows the reason
    # given for a published opinion not adopted.
    @transition("status", Moderation.APPROVED, None, permission=may_moderate, custom=step("记录采纳情况"))
    def adopt(self, user, adopted, adoption_note=""):
        self.adopted, self.adoption_note = adopted, adoption_note
        return f"{'采纳' if adopted else '未采纳'}{'：' if adoption_note else ''}{adoption_note}"
