"""智能问答's own records: the FAQ entries editors write, and the monthly counts of questions
asked, answered and left unanswered (written by the flush task, never on the request path)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField

from answers.forms import FaqEntryForm
from home.scoping import SiteOwned

QUESTION_LENGTH = 100


class FaqEntry(SiteOwned):
    """A question citizens ask, answered in the site's words and backed by a published page."""

    question = models.CharField("问题", max_length=QUESTION_LENGTH)
    variants = models.TextField(
        "其他问法", blank=True, help_text="群众可能的其他说法，每行一个，如“社保卡丢了怎么办”“补办社会保障卡”"
    )
    answer = RichTextField("答案", features=["bold", "ol", "ul", "link"])
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="来源页面",
        help_text="答案依据的已发布页面（政策文件、办事指南等），回答时一并注明出处",
    )
    department = models.ForeignKey(
        "home.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="责任单位"
    )
    review_on = models.DateField("复核日期", help_text="到期前复核答案是否仍然准确")
    live = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    base_form_class = FaqEntryForm
    panels = [
        FieldPanel("site"),
        FieldPanel("question"),
        FieldPanel("variants"),
        FieldPanel("answer"),
        FieldPanel("source_page"),
        FieldRowPanel([FieldPanel("department"), FieldPanel("review_on"), FieldPanel("live")]),
    ]

    class Meta:
        verbose_name = "问答知识"
        verbose_name_plural = "问答知识"
        ordering = ["site", "question"]

    def __str__(self):
        return self.question

    def phrasings(self):
        return [self.question, *(line.strip() for line in self.variants.splitlines() if line.strip())]

    def clean(self):
        super().clean()
        page = self.source_page if self.source_page_id else None
        # Any live page of the group will do: a sub-site may cite the portal's policy.
        if page is not None and not page.live:
            raise ValidationError({"source_page": "来源页面尚未发布，群众无法查看出处。"})
        if self.review_on and self.review_on.year > timezone.localdate().year + 10:
            raise ValidationError({"review_on": "复核日期过远，请填写十年以内的日期。"})


class MonthlyStat(SiteOwned):
    """Questions asked and answered on one site in one month (答复率)."""

    month = models.DateField("月份")
    asked = models.PositiveIntegerField("提问数", default=0)
    answered = models.PositiveIntegerField("已解答", default=0)

    class Meta:
        verbose_name = "问答统计"
        verbose_name_plural = "问答统计"
        ordering = ["-month", "site"]
        constraints = [models.UniqueConstraint(fields=["site", "month"], name="answers_stat_unique_month")]

    @property
    def rate(self):
        return self.answered / self.asked if self.asked else None


class UnansweredQuestion(SiteOwned):
    """A question no entry answered, free of personal data, with how often it was asked."""

    month = models.DateField("月份")
    question = models.CharField("问题", max_length=QUESTION_LENGTH)
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "未解答问题"
        verbose_name_plural = "未解答问题"
        ordering = ["-month", "-count"]
        constraints = [
            models.UniqueConstraint(fields=["site", "month", "question"], name="answers_unanswered_unique"),
        ]
