from django.db import models
from wagtail.admin.panels import FieldPanel


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
