"""Findings of the background checks, the word lists the content check uses, and the
department contacts who receive their department's findings and quarterly report."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from home.scoping import SiteOwned


class Severity(models.TextChoices):
    CRITICAL = "critical", "严重"
    ERROR = "error", "错误"
    WARNING = "warning", "预警"


SEVERITY_ORDER = [Severity.CRITICAL, Severity.ERROR, Severity.WARNING]


class FindingStatus(models.TextChoices):
    OPEN = "open", "待处理"
    RESOLVED = "resolved", "已解决"
    IGNORED = "ignored", "已忽略"


class Finding(SiteOwned):
    """One problem found by a check. A check identifies each problem by a stable `key`
    (page and target, say), so a rerun updates the same record instead of adding another."""

    check_name = models.CharField("检查项", max_length=40, db_index=True)
    key = models.CharField("标识", max_length=255)
    severity = models.CharField("严重程度", max_length=10, choices=Severity.choices)
    status = models.CharField("状态", max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    title = models.CharField("问题", max_length=255)
    detail = models.TextField("详情", blank=True)
    target = models.CharField("链接或对象", max_length=2000, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="页面"
    )
    department = models.ForeignKey(
        "home.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="责任单位"
    )
    first_seen = models.DateTimeField("首次发现", default=timezone.now, db_index=True)
    last_seen = models.DateTimeField("最近发现", default=timezone.now)
    resolved_at = models.DateTimeField("解决时间", null=True, blank=True)
    notified_at = models.DateTimeField("通知时间", null=True, blank=True)

    class Meta:
        verbose_name = "监测问题"
        verbose_name_plural = "监测问题"
        ordering = ["-last_seen", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "check_name", "key"], name="finding_unique_key_per_check"),
        ]
        indexes = [models.Index(fields=["site", "status", "severity"])]

    def __str__(self):
        return self.title

    @property
    def check_label(self):
        from monitoring.registry import check_label

        return check_label(self.check_name)


class ContentRule(models.Model):
    """A word the content check looks for: a sensitive word, or a common miswriting (错别字)
    with its correction. Platform-wide, kept by the platform's administrators."""

    class Kind(models.TextChoices):
        SENSITIVE = "sensitive", "敏感词"
        MISSPELLING = "misspelling", "错别字"

    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    word = models.CharField("词语", max_length=60)
    correction = models.CharField("正确写法", max_length=60, blank=True, help_text="错别字必填")
    note = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("word"), FieldPanel("correction"), FieldPanel("note")]

    class Meta:
        verbose_name = "内容检查词"
        verbose_name_plural = "内容检查词"
        ordering = ["kind", "word"]
        constraints = [models.UniqueConstraint(fields=["kind", "word"], name="content_rule_unique_word")]

    def __str__(self):
        return f"{self.word}→{self.correction}" if self.correction else self.word

    def clean(self):
        self.word = self.word.strip()
        self.correction = self.correction.strip()
        if self.kind == self.Kind.MISSPELLING and not self.correction:
            raise ValidationError({"correction": "错别字须填写正确写法。"})
        if self.correction and self.correction == self.word:
            raise ValidationError({"correction": "正确写法不能与词语相同。"})


class DepartmentContact(SiteOwned):
    """联络员: a user who answers for a department's content. Receives its findings by email
    and sees its quarterly monitoring report in the admin."""

    department = models.ForeignKey(
        "home.Department", on_delete=models.CASCADE, related_name="monitoring_contacts", verbose_name="责任单位"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="department_contacts", verbose_name="用户"
    )
    notify = models.BooleanField("接收邮件通知", default=True)

    panels = [FieldPanel("site"), FieldPanel("department"), FieldPanel("user"), FieldPanel("notify")]

    class Meta:
        verbose_name = "部门联络员"
        verbose_name_plural = "部门联络员"
        constraints = [models.UniqueConstraint(fields=["department", "user"], name="department_contact_unique")]

    def __str__(self):
        return f"{self.department} · {self.user}"

    def clean(self):
        if self.department_id and self.site_id and self.department.site_id != self.site_id:
            raise ValidationError({"department": "责任单位必须属于所选网站。"})
