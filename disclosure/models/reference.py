"""Reference data of the catalog, edited by platform administrators."""

from django.db import models
from wagtail.admin.panels import FieldPanel


class TopicCategory(models.Model):
    """主题分类 of the disclosure catalog (e.g. 国务院组织机构, 综合政务, 体育)."""

    name = models.CharField("名称", max_length=60, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class DocumentKind(models.Model):
    """公文种类 (决定、通知、意见…)."""

    name = models.CharField("名称", max_length=30, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "公文种类"
        verbose_name_plural = "公文种类"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
