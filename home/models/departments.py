from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.scoping import SiteOwned
from search.fields import chinese


class Department(TranslatableMixin, SiteOwned, index.Indexed):
    """责任单位: the unit responsible for a column's or an item's content."""

    name = models.CharField("名称", max_length=100)
    code = models.CharField("单位代码", max_length=20, blank=True, help_text="用于生成索引号等编号")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name="上级单位"
    )

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("code"), FieldPanel("parent")]
    search_fields = chinese([index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("site_id")])

    class Meta(TranslatableMixin.Meta):
        verbose_name = "责任单位"
        verbose_name_plural = "责任单位"
        ordering = ["site", "code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name", "locale"], name="department_unique_name_per_site"),
        ]

    def __str__(self):
        return self.name
