from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from home.scoping import SiteOwned, SiteOwnedQuerySet
from home.search_fields import chinese


class DepartmentQuerySet(SiteOwnedQuerySet):
    def in_locale(self, locale=None):
        """The departments under their names in one language, the site's own (Chinese) unless told.
        A mirror's translations of the names are records of their own, for the mirror's pages only."""
        return self.filter(locale=locale or Locale.get_default())


class Department(TranslatableMixin, SiteOwned, index.Indexed):
    """责任单位: the unit responsible for a column's or an item's content."""

    name = models.CharField("名称", max_length=100)
    code = models.CharField("单位代码", max_length=20, blank=True, help_text="用于生成索引号等编号")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name="上级单位"
    )

    objects = DepartmentQuerySet.as_manager()

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
