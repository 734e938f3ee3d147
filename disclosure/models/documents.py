"""Policy documents (公开目录 entries) and their interpretations (政策解读)."""

from django import forms
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page, Site
from wagtail.search import index

from disclosure.choices import DisclosureAttribute, ReportCategory, Validity
from home.models import ArticlePage
from home.search_fields import chinese

ITEM_PARENTS = ["home.ColumnPage", "home.TopicPage", "disclosure.DisclosureIndexPage"]


def site_of_new_page(page):
    """The site of a page being created: its root is the depth-2 ancestor of its tree path."""
    return Site.objects.filter(root_page__path=page.path[: Page.steplen * 2]).first()


class PolicyDocumentPage(ArticlePage):
    """A document of the disclosure catalog with its 信息索引 metadata."""

    index_number = models.CharField("索引号", max_length=60, unique=True, blank=True, help_text="保存时自动生成")
    issuing_body = models.CharField("发布机构", max_length=100)
    document_number = models.CharField("发文字号", max_length=60, blank=True, help_text="如：云政发〔2026〕12号")
    written_on = models.DateField("成文日期")
    topic = models.ForeignKey(
        "disclosure.TopicCategory", null=True, blank=True, on_delete=models.SET_NULL, verbose_name="主题分类"
    )
    kind = models.ForeignKey(
        "disclosure.DocumentKind", null=True, blank=True, on_delete=models.SET_NULL, verbose_name="公文种类"
    )
    report_category = models.CharField(
        "文件类别",
        max_length=20,
        choices=ReportCategory.choices,
        blank=True,
        help_text="规章、行政规范性文件计入年度报告",
    )
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField("失效或废止日期", null=True, blank=True)
    disclosure_attribute = models.CharField(
        "公开属性", max_length=12, choices=DisclosureAttribute.choices, default=DisclosureAttribute.PROACTIVE
    )
    review_on = models.DateField(
        "下次审查日期", null=True, blank=True, help_text="依申请公开、不予公开的文件须定期审查公开属性"
    )

    parent_page_types = ITEM_PARENTS
    subpage_types = []
    template = "disclosure/policy_document_page.html"

    content_panels = ArticlePage.content_panels[:1] + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("index_number", read_only=True), FieldPanel("document_number")]),
                FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("written_on"), FieldPanel("date")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("kind"), FieldPanel("report_category")]),
                FieldRowPanel([FieldPanel("validity"), FieldPanel("validity_changed_on")]),
                FieldRowPanel([FieldPanel("disclosure_attribute"), FieldPanel("review_on")]),
            ],
            heading="信息索引",
        ),
        FieldRowPanel([FieldPanel("source"), FieldPanel("author")]),
        FieldPanel("department", widget=forms.Select),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("related_links"),
    ]
    search_fields = chinese(
        ArticlePage.search_fields
        + [
            index.SearchField("document_number", boost=3),
            index.SearchField("index_number"),
            index.SearchField("issuing_body"),
            index.FilterField("validity"),
        ]
    )
    api_fields = ArticlePage.api_fields + [
        APIField(name)
        for name in (
            "index_number",
            "issuing_body",
            "document_number",
            "written_on",
            "validity",
            "validity_changed_on",
            "disclosure_attribute",
        )
    ]

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    @property
    def is_valid(self):
        return self.validity == Validity.VALID

    def save(self, *args, **kwargs):
        if not self.index_number:
            self.index_number = self.next_index_number()
        super().save(*args, **kwargs)

    def next_index_number(self):
        """`<网站标识码>-<单位代码>/<年>-<五位序号>`, numbered per site, department and year."""
        site = site_of_new_page(self)
        home = site.root_page.specific if site else None
        site_code = getattr(home, "site_code", "") or f"S{site.pk if site else 0}"
        department_code = (self.department.code if self.department_id else "") or "GK"
        prefix = f"{site_code}-{department_code}/{self.written_on.year}-"
        last = (
            PolicyDocumentPage.objects.filter(index_number__startswith=prefix)
            .order_by("-index_number")
            .values_list("index_number", flat=True)
            .first()
        )
        return f"{prefix}{int(last[len(prefix) :]) + 1 if last else 1:05d}"

    def live_interpretations(self):
        return InterpretationPage.objects.live().public().filter(document=self).order_by("-date")


class InterpretationForm(models.TextChoices):
    TEXT = "text", "文字解读"
    CHART = "chart", "图表解读"
    VIDEO = "video", "视频解读"
    OFFICIAL = "official", "领导解读"


class InterpretationPage(ArticlePage):
    """政策解读, published with its document (三同步); each page links to the other."""

    document = models.ForeignKey(
        PolicyDocumentPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        verbose_name="所解读的文件",
    )
    form = models.CharField(
        "解读形式", max_length=10, choices=InterpretationForm.choices, default=InterpretationForm.TEXT
    )

    parent_page_types = ITEM_PARENTS
    subpage_types = []
    template = "disclosure/interpretation_page.html"

    content_panels = (
        ArticlePage.content_panels[:1]
        + [FieldRowPanel([FieldPanel("document"), FieldPanel("form")])]
        + ArticlePage.content_panels[1:]
    )
    api_fields = ArticlePage.api_fields + [APIField("form")]

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"
