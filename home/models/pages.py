"""Page types of every site: the site root, columns (栏目), articles and special topics (专题)."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import ArticleBodyBlock, HomeSectionsBlock, LinkBlock, TopicSectionsBlock
from home.page_cache import listing_count, site_layout_value
from home.routing import route_by_url_path
from home.scoping import SiteOwned
from home.search_fields import chinese
from home.visibility import readable

COLUMN_PAGE_SIZE = 20


def below(page, inclusive=False):
    """The pages under `page` (and `page` itself if inclusive), as a range of paths. Wagtail's
    descendant_of() is a LIKE 'prefix%' that SQLite cannot answer from the path index; since
    treebeard's paths use only 0-9A-Z, every descendant sorts after the page and before its path
    padded with Z."""
    start = {"path__gte" if inclusive else "path__gt": page.path}
    return models.Q(**start, path__lte=page.path.ljust(255, "Z"))


class KeysFirst:
    """A sliceable list over an ordered queryset that sorts the keys alone, then fetches the rows
    of the slice: sorting whole rows (bodies included) of a large column costs far more."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.ordered = True

    def count(self):
        return self.queryset.count()

    def __getitem__(self, window):
        keys = list(self.queryset.values_list("pk", flat=True)[window])
        rows = self.queryset.model.objects.filter(pk__in=keys).defer("body", "related_links").in_bulk()
        return [rows[key] for key in keys]


class SitePageForm(WagtailAdminPageForm):
    """Offers only the records (departments…) of the site and language the page belongs to."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        anchor = self.instance if self.instance.pk else parent_page
        if anchor is None:
            return
        site = anchor.get_site()
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, SiteOwned):
                queryset = queryset.filter(site=site)
                if hasattr(queryset.model, "locale"):
                    queryset = queryset.filter(locale_id=anchor.locale_id)
                field.queryset = queryset


class BasePage(Page):
    base_form_class = SitePageForm
    # Anonymous responses may be kept by home.page_cache: reading pages opt in; forms, tracking
    # pages and live figures never do.
    page_cache = False
    # Whether the page shows content gathered from the whole site (catalogs).
    page_cache_follows_site_content = False
    # Publishing or moving it changes menus and side navigation of its site.
    changes_site_layout = True
    # Every page type is found by its Chinese title (依申请公开, 市长信箱…), not only those that list their own fields.
    search_fields = chinese(Page.search_fields)

    class Meta:
        abstract = True

    @classmethod
    def get_indexed_objects(cls):
        # Only what readers may see is searchable: live pages outside any view restriction.
        return super().get_indexed_objects().live().public()


class HomePage(BasePage):
    """The root page of one site of the group, with the identity shown in its footer."""

    page_cache = True

    organiser = models.CharField("主办单位", max_length=120)
    undertaker = models.CharField("承办单位", max_length=120, blank=True)
    site_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案号", max_length=60, blank=True)
    police_number = models.CharField("公安机关备案号", max_length=60, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    postcode = models.CharField("邮编", max_length=10, blank=True)
    phone = models.CharField("联系电话", max_length=60, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    body = StreamField(HomeSectionsBlock(), blank=True, verbose_name="首页板块")

    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"
    search_fields = chinese(Page.search_fields)

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organiser"), FieldPanel("undertaker")]),
                FieldRowPanel([FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("police_number")]),
                FieldRowPanel([FieldPanel("address"), FieldPanel("postcode")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading="网站标识（显示在页脚）",
        ),
    ]
    api_fields = [
        APIField(name)
        for name in ("organiser", "undertaker", "site_code", "icp_number", "police_number", "address", "phone", "email")
    ] + [APIField("body")]

    class Meta:
        verbose_name = "网站首页"
        verbose_name_plural = "网站首页"

    def route(self, request, path_components):
        # The header and footer show this page's identity: kept so they need not load it again.
        request.routed_site_root = self
        if path_components:
            return route_by_url_path(self, request, path_components)
        return super().route(request, path_components)


class UpdateCategory(models.TextChoices):
    """Update limits of a column by kind (第一次全国政府网站普查; 体办字〔2016〕35号)."""

    NEWS = "news", "动态、要闻类（不超过2周）"
    NOTICE = "notice", "通知公告、政策法规类（不超过6个月）"
    PLAN = "plan", "人事、规划类（不超过1年）"
    BASIC = "basic", "基本信息类（不限）"


UPDATE_LIMIT_DAYS = {
    UpdateCategory.NEWS: 14,
    UpdateCategory.NOTICE: 183,
    UpdateCategory.PLAN: 365,
    UpdateCategory.BASIC: None,
}


class ColumnType(models.TextChoices):
    """栏目类型 of the national web page norms (政府网站网页设计规范, meta tag ColumnType): what a column
    is for, independent of how often it must be updated."""

    OVERVIEW = "概况信息", "概况信息"
    FUNCTIONS = "机构职能", "机构职能"
    LEADERS = "负责人信息", "负责人信息"
    NEWS = "工作动态", "工作动态"
    POLICY = "政策文件", "政策文件"
    DISCLOSURE_GUIDE = "信息公开指南", "信息公开指南"
    DISCLOSURE_CATALOG = "信息公开目录", "信息公开目录"
    DISCLOSURE_REPORT = "信息公开年报", "信息公开年报"
    DISCLOSURE_REQUEST = "依申请公开", "依申请公开"
    DATA = "数据发布", "数据发布"
    INTERPRETATION = "政策解读", "政策解读"
    RESPONSE = "回应关切", "回应关切"
    SERVICES = "办事服务", "办事服务"
    CONSULTATION = "咨询投诉", "咨询投诉"
    SURVEY = "征集调查", "征集调查"
    INTERVIEW = "在线访谈", "在线访谈"
    TOPIC = "专题专栏", "专题专栏"


class ColumnPage(RoutablePageMixin, BasePage):
    """栏目: lists the published items below it, newest first; or forwards elsewhere (转向链接)."""

    page_cache = True

    intro = models.TextField("栏目简介", blank=True)
    update_category = models.CharField(
        "更新时限类别", max_length=10, choices=UpdateCategory.choices, default=UpdateCategory.NEWS
    )
    max_interval_days = models.PositiveIntegerField(
        "自定义最长更新间隔（天）", null=True, blank=True, help_text="填写后取代类别的默认时限"
    )
    departments = ParentalManyToManyField("home.Department", blank=True, verbose_name="责任单位")
    is_core = models.BooleanField("核心栏目", default=False, help_text="外文版须同步的核心信息栏目")
    link_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="转向站内页面"
    )
    link_url = models.URLField("转向外部链接", blank=True)
    column_type = models.CharField(
        "栏目类型", max_length=20, choices=ColumnType.choices, blank=True, help_text="网页设计规范的 ColumnType"
    )
    keywords = models.CharField("栏目关键词", max_length=200, blank=True, help_text="以逗号分隔")

    parent_page_types = ["home.HomePage", "home.ColumnPage", "home.TopicPage"]
    subpage_types = [
        "home.ColumnPage",
        "home.ArticlePage",
        "home.TopicPage",
        "disclosure.PolicyDocumentPage",
        "disclosure.InterpretationPage",
        "disclosure.AnnualReportPage",
        "disclosure.DisclosureRequestPage",
        "interaction.MailboxPage",
        "interaction.SurveyPage",
        "interaction.ConsultationPage",
        "interaction.InterviewPage",
        "yearly_report.YearlyReportPage",
    ]
    template = "pages/column_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("column_type"), FieldPanel("keywords")]),
                FieldRowPanel([FieldPanel("update_category"), FieldPanel("max_interval_days")]),
                FieldPanel("departments", widget=forms.CheckboxSelectMultiple),
                FieldPanel("is_core"),
            ],
            heading="栏目管理",
        ),
        MultiFieldPanel([FieldPanel("link_page"), FieldPanel("link_url")], heading="转向链接（填写后本栏目直接跳转）"),
    ]
    search_fields = chinese(Page.search_fields + [index.SearchField("intro")])
    api_fields = [APIField("intro"), APIField("update_category"), APIField("column_type"), APIField("is_core")]

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    def clean(self):
        super().clean()
        if self.link_page and self.link_url:
            raise ValidationError({"link_url": "转向链接只能填写一个：站内页面或外部链接。"})
        if self.link_page_id and self.link_page_id == self.pk:
            raise ValidationError({"link_page": "栏目不能转向自身。"})

    @property
    def is_link(self):
        return bool(self.link_page_id or self.link_url)

    @property
    def update_limit(self):
        """The longest allowed gap between two publications, or None when exempt."""
        if self.is_link:
            return None
        days = self.max_interval_days or UPDATE_LIMIT_DAYS[self.update_category]
        return timedelta(days=days) if days else None

    def link_target(self, request):
        return self.link_page.get_url(request) if self.link_page_id else self.link_url

    def items(self):
        articles = readable(ArticlePage.objects.filter(below(self)))
        return articles.select_related("department").order_by("-date", "-pk")

    def listing(self):
        """The items for the paginator: a large column sorts only dates and keys, then loads the
        rows of the one page shown."""
        return KeysFirst(readable(ArticlePage.objects.filter(below(self))).order_by("-date", "-pk"))

    def section(self):
        """The column whose sub-columns the side navigation lists: this one, or for a leaf
        column its parent column, so readers can move between sibling columns."""
        if ColumnPage.objects.filter(below(self), depth=self.depth + 1).exists():
            return self
        parent = self.get_parent().specific
        return parent if isinstance(parent, ColumnPage) else self

    def subcolumns(self, section):
        return readable(ColumnPage.objects.filter(below(section), depth=section.depth + 1)).order_by("path")

    @path("")
    def index_route(self, request):
        if self.is_link:
            return redirect(self.link_target(request))
        paginator = Paginator(self.listing(), COLUMN_PAGE_SIZE)
        paginator.count = listing_count(self, self.items())
        try:
            items = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage):
            items = paginator.page(1)
        section_title, subcolumns = self.side_navigation(request)
        return self.render(
            request,
            context_overrides={
                "items": items,
                "topics": self.topics() if self.column_type == ColumnType.TOPIC else [],
                "section_title": section_title,
                "subcolumns": subcolumns,
            },
        )

    def topics(self):
        """The special topics a 专题专栏 column holds, newest first (they are not articles)."""
        topics = TopicPage.objects.filter(below(self), depth=self.depth + 1)
        return readable(topics).order_by("-first_published_at", "-pk")

    def side_navigation(self, request):
        """The side navigation's title and its columns as (id, title, url), kept with the site's
        layout (columns published, moved or restricted renew it)."""

        def build():
            section = self.section()
            return section.title, [(sub.pk, sub.title, sub.get_url(request)) for sub in self.subcolumns(section)]

        return site_layout_value(request, f"sidenav:{self.pk}", build)

    @path("feed/")
    def feed_route(self, request):
        from home.feeds import ColumnFeed

        return ColumnFeed()(request, column=self)

    def get_sitemap_urls(self, request=None):
        return [] if self.is_link else super().get_sitemap_urls(request)


class ArticlePage(BasePage):
    """An item published in a column. Specialised items (policy documents…) extend this model,
    so every column lists them together, ordered by the date shown to readers."""

    page_cache = True

    date = models.DateTimeField("发布日期", default=timezone.now, db_index=True)
    source = models.CharField("来源", max_length=120, blank=True)
    author = models.CharField("作者", max_length=60, blank=True)
    department = models.ForeignKey(
        "home.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="责任单位"
    )
    summary = models.TextField("摘要", blank=True, max_length=500)
    keywords = models.CharField("关键词", max_length=200, blank=True, help_text="以逗号分隔")
    body = StreamField(ArticleBodyBlock(), verbose_name="正文")
    related_links = StreamField([("link", LinkBlock())], blank=True, verbose_name="相关链接")

    parent_page_types = ["home.ColumnPage", "home.TopicPage"]
    subpage_types = []
    template = "pages/article_page.html"
    changes_site_layout = False

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("source"), FieldPanel("author")]),
        FieldPanel("department", widget=forms.Select),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("related_links"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("keywords")]
    search_fields = chinese(
        Page.search_fields
        + [
            index.SearchField("summary", boost=2),
            index.SearchField("body"),
            index.SearchField("source"),
            index.FilterField("date"),
            index.FilterField("department"),
        ]
    )
    api_fields = [
        APIField("date"),
        APIField("source"),
        APIField("author"),
        APIField("department_name"),
        APIField("summary"),
        APIField("body"),
        APIField("related_links"),
    ]

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"

    @property
    def department_name(self):
        return self.department.name if self.department_id else ""

    def column(self):
        return self.get_parent().specific

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if self.alias_of_id:  # a reference shared from another site: list its source's canonical address
            for url in urls:
                url["location"] = self.alias_of.get_full_url(request)
        return urls


class TopicPage(BasePage):
    """专题专栏: a curated section for a campaign or event."""

    page_cache = True

    banner = models.ForeignKey(
        "home.PortalImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="横幅图片"
    )
    intro = models.TextField("专题简介", blank=True)
    body = StreamField(TopicSectionsBlock(), blank=True, verbose_name="专题板块")

    parent_page_types = ["home.ColumnPage", "home.HomePage"]
    subpage_types = [
        "home.ColumnPage",
        "home.ArticlePage",
        "disclosure.PolicyDocumentPage",
        "disclosure.InterpretationPage",
        "interaction.SurveyPage",
        "interaction.ConsultationPage",
        "interaction.InterviewPage",
    ]
    template = "pages/topic_page.html"

    content_panels = Page.content_panels + [FieldPanel("banner"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = chinese(Page.search_fields + [index.SearchField("intro"), index.SearchField("body")])
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"
