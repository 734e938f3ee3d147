"""信息报送与内容共享: offers of a page to a column of another site of the group, and which
columns take them.

An accepted live reference is a Wagtail alias of the source page (`Page.alias_of`) placed under
the receiving column; `Offer.result_page` keys our own data by that alias page. An edited copy is
an ordinary page of the receiving site (`Page.copy`) that goes through its own 三审."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.models import Site

from home.scoping import SiteOwned, sites_for_user

NOTE_MAX = 500


class PushMode(models.TextChoices):
    REFERENCE = "reference", "直接显示（引用）"
    INBOX = "inbox", "进入待采用，由本站编辑决定"


class ReceivingColumn(SiteOwned):
    """A column of a site that takes offers from the other sites of the group, and possibly the
    site's column for pushed important information (重要信息转载)."""

    column = models.OneToOneField(
        "home.ColumnPage", on_delete=models.CASCADE, related_name="sharing_setting", verbose_name="栏目"
    )
    accepts_offers = models.BooleanField("接收报送", default=True)
    receives_pushes = models.BooleanField("接收主站推送", default=False)
    push_mode = models.CharField("推送信息的处理", max_length=10, choices=PushMode.choices, default=PushMode.REFERENCE)

    class Meta:
        verbose_name = "接收栏目"
        verbose_name_plural = "接收栏目"
        ordering = ["site", "column__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["site"], condition=models.Q(receives_pushes=True), name="one_push_column_per_site"
            )
        ]

    def __str__(self):
        return f"{self.site.site_name} · {self.column.title}"

    def clean(self):
        if self.column_id and self.site_id and self.column.get_site() != self.site:
            raise ValidationError({"column": "栏目必须属于所选网站。"})


class OfferState(models.TextChoices):
    OFFERED = "offered", "待采用"
    ACCEPTED_REFERENCE = "accepted_reference", "已采用（引用）"
    ACCEPTED_COPY = "accepted_copy", "已采用（复制编辑）"
    DECLINED = "declined", "不予采用"
    WITHDRAWN = "withdrawn", "已撤回"


ACCEPTED = (OfferState.ACCEPTED_REFERENCE, OfferState.ACCEPTED_COPY)


class OfferQuerySet(models.QuerySet):
    def received_by(self, user):
        return self.filter(target_site__in=sites_for_user(user))

    def offered_by_sites_of(self, user):
        return self.filter(source_site__in=sites_for_user(user))

    def visible_to(self, user):
        sites = sites_for_user(user)
        return self.filter(models.Q(target_site__in=sites) | models.Q(source_site__in=sites))


class Offer(models.Model):
    """One item offered (报送) or pushed (推送) to one column of another site. The source's title,
    site and department are kept, so the statistics survive the source page's deletion."""

    source_page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="sharing_offers", verbose_name="原文"
    )
    source_site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+", verbose_name="报送网站")
    source_title = models.CharField("标题", max_length=255)
    source_department = models.CharField("报送单位", max_length=120, blank=True)
    target_site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+", verbose_name="接收网站")
    target_column = models.ForeignKey(
        "home.ColumnPage", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="接收栏目"
    )
    is_push = models.BooleanField("主站推送", default=False)
    note = models.TextField("报送说明", blank=True, max_length=NOTE_MAX)
    state = models.CharField("状态", max_length=20, choices=OfferState.choices, default=OfferState.OFFERED)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="报送人"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="处理人",
    )
    reason = models.TextField("不予采用的理由", blank=True, max_length=NOTE_MAX)
    result_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sharing_result_of",
        verbose_name="采用后的页面",
    )
    created_at = models.DateTimeField("报送时间", default=timezone.now, db_index=True)
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    # Set when the source of a live reference was unpublished or deleted, which took the reference
    # down: the receiving editors read it in their inbox.
    source_gone_at = models.DateTimeField("原文撤下时间", null=True, blank=True)
    source_gone_note = models.CharField("原文撤下说明", max_length=255, blank=True)
    # The receiving site's own schedule for a reference: while `show_from` is set the alias does
    # not exist yet (so a republished source cannot reveal it); the every-minute task
    # sharing.tasks.apply_reference_schedules creates it then, and deletes it at `show_until`.
    show_from = models.DateTimeField("显示时间", null=True, blank=True)
    show_until = models.DateTimeField("撤下时间", null=True, blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = "报送信息"
        verbose_name_plural = "报送信息"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_site", "state"]), models.Index(fields=["source_site", "created_at"])]

    def __str__(self):
        return self.source_title

    @property
    def accepted(self):
        return self.state in ACCEPTED

    @property
    def schedule_state(self):
        """定时 … 显示 / 显示中 / 已撤下, for an accepted reference; empty for anything else."""
        if self.state != OfferState.ACCEPTED_REFERENCE:
            return ""
        if self.result_page_id:
            until = f"，{timezone.localtime(self.show_until):%Y-%m-%d %H:%M} 撤下" if self.show_until else ""
            return "显示中" + until
        if self.show_from:
            return f"定时 {timezone.localtime(self.show_from):%Y-%m-%d %H:%M} 显示"
        return "已撤下"

    @property
    def is_live_reference(self):
        return self.state == OfferState.ACCEPTED_REFERENCE and self.result_page_id is not None
