"""热门搜索 of a site: terms its editors approve, and daily counts of distinct visitors for terms
that passed the filters (written by the flush task, never on the request path)."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from home import personal_data
from home.scoping import SiteOwned

TERM_LENGTH = 20


class PopularTerm(SiteOwned):
    """A term an editor shows under 热门搜索 of the site, before the counted ones."""

    term = models.CharField("搜索词", max_length=TERM_LENGTH)
    sort_order = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面")

    panels = [FieldPanel("site"), FieldPanel("term"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "热门搜索词"
        verbose_name_plural = "热门搜索词"
        ordering = ["site", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["site", "term"], name="popular_term_unique")]

    def __str__(self):
        return self.term

    def clean(self):
        self.term = (self.term or "").strip()
        if personal_data.contains(self.term):
            raise ValidationError({"term": "搜索词中含有个人信息（电话、证件号、邮箱或地址），不能公开展示。"})


class SearchTermCount(models.Model):
    """How many distinct visitors searched a term on a site on a day."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=TERM_LENGTH)
    day = models.DateField()
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "搜索词统计"
        verbose_name_plural = "搜索词统计"
        constraints = [models.UniqueConstraint(fields=["site", "term", "day"], name="search_term_count_unique")]
        indexes = [models.Index(fields=["site", "day"])]

    def __str__(self):
        return f"{self.term}（{self.day}，{self.visitors} 人）"


class SynonymGroup(models.Model):
    """Terms a search treats as one (在同义词组中任一词都能找到其他词), added to the shipped list
    (search/synonyms.txt). They apply to the search of every site of the group."""

    terms = models.CharField(
        "同义词", max_length=300, help_text="以逗号分隔，例如：公积金，住房公积金。缩写与全称也可作为同义词。"
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["pk"]

    def __str__(self):
        return self.terms

    def clean(self):
        from search.synonyms import parse

        found = parse(self.terms or "")
        if len(found) < 2:
            raise ValidationError({"terms": "请至少填写两个词，以逗号分隔。"})
        if any(len(term) > 40 for term in found):
            raise ValidationError({"terms": "每个词不超过40个字。"})
        if personal_data.contains(self.terms):
            raise ValidationError({"terms": "同义词中含有个人信息（电话、证件号、邮箱或地址）。"})
        self.terms = "，".join(found)
