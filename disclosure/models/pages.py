"""The disclosure section of a site: its index column with the catalog, the request form page
and the annual report."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from disclosure.choices import Validity
from disclosure.models.documents import ITEM_PARENTS, PolicyDocumentPage
from disclosure.models.reference import TopicCategory
from home.blocks import RICH_TEXT_FEATURES
from home.models import ArticlePage, ColumnPage
from home.models.pages import BasePage
from home.params import whole_number
from home.search_fields import chinese

# The four sub-columns every disclosure section has (规范政府信息公开专栏设置).
STANDARD_COLUMNS = [
    ("gkzn", "政府信息公开指南", "basic"),
    ("gkzd", "政府信息公开制度", "basic"),
    ("fdzdgk", "法定主动公开内容", "notice"),
    ("gknb", "政府信息公开工作年度报告", "plan"),
]
CATALOG_PAGE_SIZE = 20


class DisclosureIndexPage(ColumnPage):
    """政府信息公开: a column holding the four standard sub-columns, with the catalog of the
    site's policy documents at `catalog/`."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ColumnPage.subpage_types + [
        "disclosure.PolicyDocumentPage",
        "disclosure.InterpretationPage",
        "disclosure.DisclosureRequestPage",
    ]
    template = "disclosure/index_page.html"
    max_count_per_parent = 1
    page_cache_follows_site_content = True  # the catalog lists documents from every column

    class Meta:
        verbose_name = "政府信息公开专栏"
        verbose_name_plural = "政府信息公开专栏"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The online request form of the site, wherever it stands, with its tracking page.
        forms = DisclosureRequestPage.objects.live().descendant_of(self.get_parent())
        context["request_page"] = forms.order_by("path").first()
        return context

    def ensure_standard_columns(self):
        """Add whichever of the four standard sub-columns is missing; returns those added."""
        existing = set(ColumnPage.objects.child_of(self).values_list("slug", flat=True))
        added = []
        for slug, title, category in STANDARD_COLUMNS:
            if slug not in existing:
                column = ColumnPage(title=title, slug=slug, update_category=category, is_core=True)
                self.add_child(instance=column)
                column.save_revision().publish()
                added.append(column)
        return added

    def catalog_documents(self):
        return (
            PolicyDocumentPage.objects.live()
            .public()
            .descendant_of(self.get_site().root_page)
            .select_related("topic", "kind")
            .order_by("-written_on", "-pk")
        )

    @path("catalog/")
    def catalog_route(self, request):
        documents = self.catalog_documents()
        all_documents = documents
        filters = {
            # PostgreSQL refuses NUL characters in text parameters.
            key: (request.GET.get(key) or "").replace("\x00", "").strip()[:60]
            for key in ("topic", "year", "issuer", "validity", "q")
        }
        if (topic := whole_number(filters["topic"])) is not None:
            documents = documents.filter(topic_id=topic)
        if (year := whole_number(filters["year"], 1900, 2100)) is not None:
            documents = documents.filter(written_on__year=year)
        if filters["issuer"]:
            documents = documents.filter(issuing_body=filters["issuer"])
        if filters["validity"] in Validity.values:
            documents = documents.filter(validity=filters["validity"])
        if filters["q"]:
            documents = documents.filter(document_number__icontains=filters["q"])
        paginator = Paginator(documents, CATALOG_PAGE_SIZE)
        try:
            items = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage):
            items = paginator.page(1)
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            template="disclosure/catalog.html",
            context_overrides={
                "items": items,
                "filters": filters,
                "filter_query": query.urlencode(),
                "topics": TopicCategory.objects.filter(policydocumentpage__in=all_documents).distinct(),
                "years": sorted({d.year for d in all_documents.values_list("written_on", flat=True)}, reverse=True),
                "issuers": sorted(set(all_documents.values_list("issuing_body", flat=True))),
                "validities": Validity.choices,
                "section": self,
                "subcolumns": self.subcolumns(self),
            },
        )


class DisclosureRequestPage(RoutablePageMixin, BasePage):
    """依申请公开: the request form, the page that shows the request number and query code,
    and the tracking page where applicants follow, complete (补正) or withdraw their request."""

    intro = RichTextField("申请须知", features=RICH_TEXT_FEATURES, blank=True)
    office = models.CharField(
        "受理机构", max_length=100, blank=True, help_text="如：云州市人民政府办公室（政务公开科）"
    )
    office_contact = models.CharField("受理机构联系方式", max_length=200, blank=True)
    notify_email = models.EmailField("新申请通知邮箱", blank=True, help_text="除本站经办人员外另行通知的邮箱")

    parent_page_types = ["home.HomePage", "home.ColumnPage", "disclosure.DisclosureIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    standard_column_type = "依申请公开"  # ColumnType of the web page norms (home.page_meta)
    template = "disclosure/request_form.html"

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("office"), FieldPanel("office_contact")]),
        FieldPanel("notify_email"),
    ]
    search_fields = chinese(BasePage.search_fields + [index.SearchField("intro"), index.SearchField("search_terms")])
    # What citizens type to find the form, whatever its title and notes say.
    search_terms = "政府信息公开申请 在线申请"

    class Meta:
        verbose_name = "依申请公开"
        verbose_name_plural = "依申请公开"

    @path("")
    def form_route(self, request):
        from disclosure.public_views import request_form

        return request_form(self, request)

    @path("thanks/")
    def thanks_route(self, request):
        from disclosure.public_views import thanks

        return thanks(self, request)

    @path("track/")
    def track_route(self, request):
        from disclosure.public_views import track

        return track(self, request)

    @path("track/logout/")
    def logout_route(self, request):
        from disclosure.public_views import log_out

        return log_out(self, request)

    @path("track/reply-file/")
    def reply_file_route(self, request):
        from disclosure.public_views import reply_file

        return reply_file(self, request)

    @path("track/supplement/")
    def supplement_route(self, request):
        from disclosure.public_views import supplement

        return supplement(self, request)

    @path("track/withdraw/")
    def withdraw_route(self, request):
        from disclosure.public_views import withdraw

        return withdraw(self, request)


def _count(label):
    return models.PositiveIntegerField(label, default=0)


class AnnualReportPage(ArticlePage):
    """政府信息公开工作年度报告: the body is section 一 (总体情况); the statistical tables are
    computed from the year's requests and documents, only figures kept elsewhere are typed in."""

    page_cache = False  # a form or live figures

    year = models.PositiveIntegerField("报告年度")
    problems = RichTextField("五、存在的主要问题及改进情况", features=RICH_TEXT_FEATURES, blank=True)
    other_matters = RichTextField("六、其他需要报告的事项", features=RICH_TEXT_FEATURES, blank=True)
    licensing_decisions = _count("行政许可：本年处理决定数量")
    penalty_decisions = _count("行政处罚：本年处理决定数量")
    coercion_decisions = _count("行政强制：本年处理决定数量")
    fee_amount = models.DecimalField("行政事业性收费：本年收费金额（万元）", max_digits=12, decimal_places=4, default=0)
    review_upheld = _count("行政复议：结果维持")
    review_corrected = _count("行政复议：结果纠正")
    review_other = _count("行政复议：其他结果")
    review_pending = _count("行政复议：尚未审结")
    direct_suit_upheld = _count("未经复议直接起诉：结果维持")
    direct_suit_corrected = _count("未经复议直接起诉：结果纠正")
    direct_suit_other = _count("未经复议直接起诉：其他结果")
    direct_suit_pending = _count("未经复议直接起诉：尚未审结")
    suit_after_review_upheld = _count("复议后起诉：结果维持")
    suit_after_review_corrected = _count("复议后起诉：结果纠正")
    suit_after_review_other = _count("复议后起诉：其他结果")
    suit_after_review_pending = _count("复议后起诉：尚未审结")

    parent_page_types = ITEM_PARENTS
    subpage_types = []
    template = "disclosure/annual_report_page.html"

    content_panels = ArticlePage.content_panels[:2] + [
        FieldPanel("year"),
        FieldPanel("summary"),
        FieldPanel("body", heading="一、总体情况"),
        MultiFieldPanel(
            [
                FieldPanel("licensing_decisions"),
                FieldRowPanel([FieldPanel("penalty_decisions"), FieldPanel("coercion_decisions")]),
                FieldPanel("fee_amount"),
            ],
            heading="二、主动公开政府信息情况（规章、规范性文件件数自动统计）",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel(f"{prefix}_{result}") for result in ("upheld", "corrected", "other", "pending")]
                )
                for prefix in ("review", "direct_suit", "suit_after_review")
            ],
            heading="四、行政复议、行政诉讼情况（总计自动计算）",
        ),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"

    def get_context(self, request, *args, **kwargs):
        from disclosure.annual_report import build_report

        context = super().get_context(request, *args, **kwargs)
        context["report"] = build_report(self.get_site(), self.year, page=self)
        return context
