"""Yearly interaction targets of a site (seed 003: at least 4 surveys and 4 interviews a year
for a county portal, 2 for a department)."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from home.scoping import SiteOwned

DEFAULT_SURVEYS = DEFAULT_INTERVIEWS = 4


class InteractionTarget(SiteOwned):
    year = models.PositiveIntegerField("年度")
    surveys = models.PositiveSmallIntegerField("网上调查目标（次）", default=DEFAULT_SURVEYS)
    interviews = models.PositiveSmallIntegerField("在线访谈目标（次）", default=DEFAULT_INTERVIEWS)

    panels = [FieldPanel("site"), FieldPanel("year"), FieldPanel("surveys"), FieldPanel("interviews")]

    class Meta:
        verbose_name = "互动交流年度目标"
        verbose_name_plural = "互动交流年度目标"
        ordering = ["-year", "site"]
        constraints = [models.UniqueConstraint(fields=["site", "year"], name="interaction_target_per_site_year")]

    def __str__(self):
        return f"{self.site.site_name} {self.year}年"
