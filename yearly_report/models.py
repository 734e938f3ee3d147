"""Page views per page and day (written by the flush task from the cache counts, see
home.pageviews), and the yearly website work report as a page of its site."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.models import ArticlePage
from home.scoping import SiteOwned


class PageViewDay(SiteOwned):
    """Views of one address of a site on one day; `visits` are the views that came from outside
    the site (a new visit). Nothing about the visitors."""

    day = models.DateField("日期", db_index=True)
    path = models.CharField("地址", max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="页面"
    )
    views = models.PositiveIntegerField("浏览量", default=0)
    visits = models.PositiveIntegerField("访问次数", default=0)

    class Meta:
        verbose_name = "页面浏览量"
        verbose_name_plural = "页面浏览量"
        constraints = [models.UniqueConstraint(fields=["site", "day", "path"], name="pageview_day_unique")]

    def __str__(self):
        return f"{self.day} {self.path} {self.views}"


class SiteType(models.TextChoices):
    PORTAL = "portal", "政府门户网站"
    DEPARTMENT = "department", "部门网站"
    SPECIAL = "special", "专项网站"


def _yes(label, default=False):
    return models.BooleanField(label, default=default)


class YearlyReportPage(RoutablePageMixin, ArticlePage):
    """政府网站工作年度报表: the figures are computed from the platform's own data when the report is
    generated (kept in `figures`, so that a published report does not change afterwards); what the
    platform cannot know is typed in by the editors before they submit it for review."""

    page_cache = False  # the downloads are sub-pages

    year = models.PositiveIntegerField("报表年度")
    figures = models.JSONField("统计数据", default=dict, editable=False)
    generated_at = models.DateTimeField("生成时间", null=True, blank=True, editable=False)
    site_type = models.CharField("网站类型", max_length=12, choices=SiteType.choices, default=SiteType.PORTAL)
    registered_users = models.PositiveIntegerField("注册用户数（个）", default=0)
    service_items = models.PositiveIntegerField("政务服务事项数量（项）", default=0)
    online_service_items = models.PositiveIntegerField("可全程在线办理政务服务事项数量（项）", default=0)
    security_assessments = models.PositiveIntegerField("安全检测评估次数（次）", default=0)
    warning_mechanism = _yes("是否建立安全监测预警机制", True)
    emergency_drills = _yes("是否开展应急演练")
    security_officer = _yes("是否明确网站安全责任人", True)
    ipv6 = _yes("是否支持IPv6访问")
    weibo_name = models.CharField("微博名称", max_length=60, blank=True)
    weibo_posts = models.PositiveIntegerField("微博信息发布量（条）", default=0)
    weibo_followers = models.PositiveIntegerField("微博关注量（个）", default=0)
    wechat_name = models.CharField("微信名称", max_length=60, blank=True)
    wechat_posts = models.PositiveIntegerField("微信信息发布量（条）", default=0)
    wechat_subscribers = models.PositiveIntegerField("微信订阅数（个）", default=0)
    other_media = models.CharField("其他移动新媒体", max_length=200, blank=True)
    head = models.CharField("单位负责人", max_length=30, blank=True)
    reviewer = models.CharField("审核人", max_length=30, blank=True)
    filler = models.CharField("填报人", max_length=30, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)

    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    template = "yearly_report/yearly_report_page.html"

    content_panels = ArticlePage.content_panels[:2] + [
        FieldRowPanel([FieldPanel("year", read_only=True), FieldPanel("site_type")]),
        FieldPanel("summary"),
        FieldPanel("body", heading="说明"),
        MultiFieldPanel(
            [FieldPanel("registered_users"), FieldPanel("service_items"), FieldPanel("online_service_items")],
            heading="办事服务（平台外的数据，请填写）",
        ),
        MultiFieldPanel(
            [
                FieldPanel("security_assessments"),
                FieldRowPanel(
                    [FieldPanel("warning_mechanism"), FieldPanel("emergency_drills"), FieldPanel("security_officer")]
                ),
                FieldPanel("ipv6"),
            ],
            heading="安全防护与IPv6（监测发现和整改的问题数自动统计）",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("weibo_name"), FieldPanel("weibo_posts"), FieldPanel("weibo_followers")]),
                FieldRowPanel(
                    [FieldPanel("wechat_name"), FieldPanel("wechat_posts"), FieldPanel("wechat_subscribers")]
                ),
                FieldPanel("other_media"),
            ],
            heading="移动新媒体",
        ),
        FieldRowPanel(
            [FieldPanel("head"), FieldPanel("reviewer"), FieldPanel("filler"), FieldPanel("contact_phone")],
            heading="填报信息",
        ),
    ]

    class Meta:
        verbose_name = "政府网站工作年度报表"
        verbose_name_plural = "政府网站工作年度报表"

    def get_context(self, request, *args, **kwargs):
        from yearly_report.table import report_table

        context = super().get_context(request, *args, **kwargs)
        context["table"] = report_table(self)
        return context

    @path("xlsx/")
    def xlsx_route(self, request):
        from yearly_report.exports import report_xlsx

        return report_xlsx(self)

    @path("pdf/")
    def pdf_route(self, request):
        from yearly_report.exports import report_pdf

        return report_pdf(self)
