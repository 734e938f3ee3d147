"""我为政府网站找错: a report of an error on a page of the site group, handled as a case by the
site's editors. Kept to the fields the shared case base (casework.models.Case) has — number, query
code hash, received_on, status, due_on, created/updated — so it can move onto it unchanged.

The reporter's contact details are personal data: shown to the site's staff only, never on a
public page, in the search index or the API."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.scoping import SiteOwned
from home.submissions import QueryCodeMixin

# The national 找错 channel expects an answer within days; three working days is the usual rule
# (domain.md: the exact deadline is unconfirmed), so each site may set its own.
DEFAULT_REPLY_DAYS = 3


class ErrorKind(models.TextChoices):
    TYPO = "typo", "错别字"
    BROKEN_LINK = "link", "链接无法打开"
    OUTDATED = "outdated", "内容过期"
    UNAVAILABLE = "unavailable", "页面无法访问"
    INACCURATE = "inaccurate", "信息不准确"
    OTHER = "other", "其他"


class ReportStatus(models.TextChoices):
    NEW = "new", "待处理"
    REPLIED = "replied", "已答复"


class Outcome(models.TextChoices):
    CORRECTED = "corrected", "已改正"
    NO_ERROR = "no_error", "经核实无误"
    NOT_OURS = "not_ours", "非本站问题"
    INVALID = "invalid", "无效报告"


@register_setting(icon="warning")
class FeedbackSettings(BaseSiteSetting):
    reply_days = models.PositiveSmallIntegerField(
        "答复期限（工作日）", default=DEFAULT_REPLY_DAYS, help_text="收到找错报告后答复报告人的期限"
    )
    notify_email = models.EmailField("新报告通知邮箱", blank=True, help_text="收到找错报告时通知该邮箱")

    panels = [FieldPanel("reply_days"), FieldPanel("notify_email")]

    class Meta:
        verbose_name = "我为政府网站找错"

    def clean(self):
        from django.core.exceptions import ValidationError

        if not 1 <= self.reply_days <= 20:
            raise ValidationError({"reply_days": "答复期限须在1至20个工作日之间。"})


class ErrorReport(QueryCodeMixin, SiteOwned):
    OPEN_STATUSES = (ReportStatus.NEW,)

    number = models.CharField("编号", max_length=20, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=128, editable=False)
    received_on = models.DateField("收到日期", default=timezone.localdate)
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW)
    due_on = models.DateField("答复期限", db_index=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    page_url = models.URLField("出错页面地址", max_length=500)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="页面"
    )
    kind = models.CharField("错误类型", max_length=12, choices=ErrorKind.choices)
    description = models.TextField("问题描述", max_length=1000)
    contact_name = models.CharField("称呼", max_length=30, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)

    outcome = models.CharField("处理结果", max_length=12, choices=Outcome.choices, blank=True)
    reply = models.TextField("答复内容", max_length=2000, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="答复人",
    )

    class Meta:
        verbose_name = "找错报告"
        verbose_name_plural = "找错报告"
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def on_time(self):
        return self.replied_on is not None and self.replied_on <= self.due_on
