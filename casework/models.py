from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from home.scoping import SiteOwned, SiteOwnedQuerySet
from home.submissions import QueryCodeMixin


class Holiday(models.Model):
    """A day of the statutory calendar entered by administrators: a public holiday, or a weekend
    make-up working day (调休). Overrides the chinesecalendar package for its date."""

    date = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField(
        "调休上班日", default=False, help_text="勾选表示该日上班（调休），否则为放假日"
    )
    note = models.CharField("说明", max_length=60, blank=True, help_text="如：春节、国庆节调休")

    panels = [FieldPanel("date"), FieldPanel("is_working_day"), FieldPanel("note")]

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["-date"]
        db_table = "disclosure_holiday"  # the table it had when only requests had deadlines

    def __str__(self):
        kind = "上班" if self.is_working_day else "放假"
        return f"{self.date:%Y-%m-%d} {kind} {self.note}".strip()


class NumberCounter(models.Model):
    """The last number handed out in one series (requests of a site and year, letters of a year);
    see casework.numbering."""

    key = models.CharField("编号序列", max_length=60, unique=True)
    value = models.PositiveIntegerField("已用到", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "编号计数器"
        db_table = "disclosure_numbercounter"  # the table it had when only requests were numbered

    def __str__(self):
        return f"{self.key}: {self.value}"


class CaseQuerySet(SiteOwnedQuerySet):
    def open(self):
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def overdue(self, today):
        """Open cases whose stored due date has passed: filtered and sorted by the database."""
        return self.open().filter(due_on__lt=today)

    def due_by(self, last_day):
        """Open cases due on or before last_day (overdue ones included)."""
        return self.open().filter(due_on__lte=last_day)


class Case(QueryCodeMixin, SiteOwned):
    """What every kind of numbered citizen case has: a number, a query code (only its hash is
    stored), the day it was received, a status and a due date. The due date is stored, so that
    queues filter and sort by it in the database; `refresh_due` recomputes it whenever a step
    changes it, and casework.deadlines does so for every open case when holidays are edited."""

    OPEN_STATUSES = ()
    DUE_PREFETCH = ()  # what compute_due reads, prefetched when many cases are recomputed

    number = models.CharField("编号", max_length=20, editable=False)
    query_code_hash = models.CharField(max_length=128, editable=False)
    received_on = models.DateField("收到日期", default=timezone.localdate)
    status = models.CharField("状态", max_length=20)
    due_on = models.DateField("办理期限", null=True, blank=True, db_index=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # What a background task failed to do for the case (casework.effects), until it succeeds.
    failed_effects = models.JSONField("后台处理失败", default=list, blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def compute_due(self, today=None, calendar=None):
        """The due date the case's type and steps give today (None while the clock is stopped)."""
        raise NotImplementedError

    def refresh_due(self, today=None, calendar=None):
        """Store the due date anew; returns whether it changed."""
        due = self.compute_due(today or timezone.localdate(), calendar)
        if due == self.due_on:
            return False
        self.due_on = due
        type(self).objects.filter(pk=self.pk).update(due_on=due)
        return True


class CaseEvent(models.Model):
    """One recorded step of a case: who took it (a staff user, or a label for the citizen or the
    system) and when it was recorded."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="经办人",
    )
    actor_label = models.CharField("经办人", max_length=60, blank=True, help_text="申请人、写信人或系统办理时填写")

    class Meta:
        abstract = True

    @property
    def actor_name(self):
        if self.actor_id:
            return self.actor.get_full_name() or self.actor.get_username()
        return self.actor_label
