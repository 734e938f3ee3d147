"""The meta tags of the national web page norms (政府网站网页设计规范) on every page type, parsed from
the served HTML; column types set by blueprints; monitoring reports the pages missing one."""

import importlib
import tomllib
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import timezone

from disclosure.models import AnnualReportPage, InterpretationPage, PolicyDocumentPage
from home.models import ColumnPage, ColumnType, Department, TopicPage
from home.subsites import BLUEPRINT_DIR
from monitoring.models import Finding
from monitoring.registry import run_check
from tests.conftest import add_article, column_at, publish
from tests.test_disclosure_factories import add_request_page
from tests.test_interaction_helpers import add_consultation, add_interview, add_mailbox, add_page, add_survey

pytestmark = pytest.mark.django_db

HOST = "portal.test"
SITE = {"SiteName": "测试市人民政府", "SiteDomain": HOST, "SiteIDCode": "5399000001"}


class MetaTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "name" in attrs:
            assert attrs["name"] not in self.tags, f"{attrs['name']} twice"
            self.tags[attrs["name"]] = attrs.get("content", "")


def meta(client, url):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    parser = MetaTags()
    parser.feed(response.content.decode())
    return parser.tags


def column_level(name, kind, **more):
    return {**SITE, "ColumnName": name, "ColumnType": kind, **more}


def only(tags, names):
    return {name: tags[name] for name in names if name in tags}


NORM_TAGS = [
    *SITE,
    *("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"),
    *("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Description", "Image", "Url"),
]


@pytest.fixture
def pages(portal):
    news = column_at(portal, "xwdt/zwyw")  # no type of its own: 新闻动态's 工作动态
    news.intro = "本市政务要闻。"
    news.keywords = "要闻,政务"
    publish(news)
    department = Department.objects.create(site=portal, locale=news.locale, name="市政府办公室")
    article = add_article(
        news,
        "市政府召开常务会议",
        source="市政府办公室",
        author="王明",
        keywords="常务会议",
        summary="会议研究了民生工作。",
    )
    article.date = timezone.make_aware(datetime(2026, 5, 6, 9, 30))
    publish(article)
    unsourced = add_article(column_at(portal, "tzgg"), "关于端午节放假的通知", department=department)
    topic = add_page(column_at(portal, "ztzl"), TopicPage(title="优化营商环境", slug="yshj", intro="专题简介。"))
    topic_item = add_article(topic, "营商环境改革举措", source="市发展改革委")
    policy = add_page(
        column_at(portal, "zcwj/zfwj"),
        PolicyDocumentPage(
            title="关于促进消费的若干措施",
            issuing_body="测试市人民政府",
            written_on=date(2026, 3, 1),
            source="市政府办公室",
            body=[("paragraph", "<p>正文</p>")],
        ),
    )
    interpretation = add_page(
        column_at(portal, "zcwj/zcjd"),
        InterpretationPage(
            title="《关于促进消费的若干措施》解读", source="市商务局", body=[("paragraph", "<p>解读</p>")]
        ),
    )
    report = add_page(
        column_at(portal, "zfxxgk/gknb"),
        AnnualReportPage(
            title="2026年政府信息公开工作年度报告",
            year=2026,
            source="市政府办公室",
            body=[("paragraph", "<p>报告</p>")],
        ),
    )
    items = {"survey": add_survey(portal), "consultation": add_consultation(portal), "interview": add_interview(portal)}
    for item in items.values():
        item.source = "市政府办公室"
        publish(item)
    return {
        **items,
        "news": news,
        "article": article,
        "unsourced": unsourced,
        "topic": topic,
        "topic item": topic_item,
        "policy": policy,
        "interpretation": interpretation,
        "report": report,
        "mailbox": add_mailbox(portal),
        "request form": add_request_page(portal),
    }


def test_home_and_pages_outside_the_tree_carry_the_site_tags(client, pages):
    assert only(meta(client, "/"), NORM_TAGS) == SITE
    assert only(meta(client, "/search/?q=会议"), NORM_TAGS) == SITE


def test_columns_carry_their_own_or_their_section_type(client, pages):
    assert only(meta(client, pages["news"].url), NORM_TAGS) == column_level(
        "政务要闻", "工作动态", ColumnDescription="本市政务要闻。", ColumnKeywords="要闻,政务"
    )
    assert only(meta(client, column_at(pages["news"].get_site(), "zcwj/zcjd").url), NORM_TAGS) == column_level(
        "政策解读", "政策解读"
    )
    assert only(meta(client, pages["topic"].url), NORM_TAGS) == column_level(
        "优化营商环境", "专题专栏", ColumnDescription="专题简介。"
    )


def test_forms_are_columns_of_their_own_kind(client, pages):
    assert only(meta(client, pages["mailbox"].url), NORM_TAGS) == column_level("市长信箱", "咨询投诉")
    assert only(meta(client, pages["request form"].url), NORM_TAGS) == column_level("依申请公开", "依申请公开")


def test_articles_carry_their_column_and_their_own_tags(client, pages):
    article = pages["article"]
    assert only(meta(client, article.url), NORM_TAGS) == {
        **column_level("政务要闻", "工作动态", ColumnDescription="本市政务要闻。", ColumnKeywords="要闻,政务"),
        "ArticleTitle": "市政府召开常务会议",
        "PubDate": "2026-05-06 09:30",
        "ContentSource": "市政府办公室",
        "Keywords": "常务会议",
        "Author": "王明",
        "Description": "会议研究了民生工作。",
        "Url": article.full_url,
    }
    assert meta(client, pages["unsourced"].url)["ContentSource"] == "市政府办公室"  # its department
    assert only(meta(client, pages["topic item"].url), ("ColumnName", "ColumnType", "ContentSource")) == {
        "ColumnName": "优化营商环境",
        "ColumnType": "专题专栏",
        "ContentSource": "市发展改革委",
    }


@pytest.mark.parametrize(
    "name, column, kind",
    [
        ("policy", "政府文件", "政策文件"),
        ("interpretation", "政策解读", "政策解读"),
        ("report", "政府信息公开工作年度报告", "信息公开年报"),
        ("survey", "网上调查", "征集调查"),
        ("consultation", "意见征集", "征集调查"),
        ("interview", "在线访谈", "在线访谈"),
    ],
)
def test_every_kind_of_item_carries_the_required_tags(client, pages, name, column, kind):
    page = pages[name]
    tags = meta(client, page.url)
    assert only(tags, ("ColumnName", "ColumnType", "ArticleTitle")) == {
        "ColumnName": column,
        "ColumnType": kind,
        "ArticleTitle": page.title,
    }
    assert tags["PubDate"] == timezone.localtime(page.specific.date).strftime("%Y-%m-%d %H:%M")
    assert {*SITE, "ContentSource", "Url"} <= set(tags)


def test_every_blueprint_column_has_a_type_of_the_norms_list():
    def check(columns, inherited=""):
        for column in columns:
            kind = column.get("type", inherited)
            assert kind in ColumnType.values, column["title"]
            check(column.get("children", []), kind)

    for path in Path(BLUEPRINT_DIR).glob("*.toml"):
        check(tomllib.loads(path.read_text(encoding="utf-8"))["columns"])


def test_monitoring_reports_each_missing_tag_where_it_is_set(portal, pages):
    home = portal.root_page.specific
    home.site_code = ""
    publish(home)
    untyped = ColumnPage(title="临时栏目", slug="lslm")
    home.add_child(instance=untyped)
    publish(untyped)
    add_article(untyped, "无来源的文章")  # its column's missing type is reported on the column only
    add_article(untyped, "有来源的文章", source="市政府办公室")

    run_check("page_metadata", portal)

    found = {f.page.title: f.title for f in Finding.objects.filter(check_name="page_metadata").select_related("page")}
    assert found == {
        "测试市人民政府": "“测试市人民政府”缺少网页元数据 SiteIDCode",
        "临时栏目": "“临时栏目”缺少网页元数据 ColumnType",
        "无来源的文章": "“无来源的文章”缺少网页元数据 ContentSource",
    }

    untyped.column_type = ColumnType.NEWS
    publish(untyped)
    run_check("page_metadata", portal)
    assert Finding.objects.filter(check_name="page_metadata", status="open").count() == 2


def test_columns_made_before_their_type_existed_take_it_from_their_blueprint(portal):
    from django.apps import apps

    backfill = importlib.import_module("home.migrations.0007_column_types_from_blueprints")
    unknown = ColumnPage(title="临时栏目", slug="lslm")
    portal.root_page.add_child(instance=unknown)
    publish(unknown)
    columns = ColumnPage.objects.descendant_of(portal.root_page)
    columns.update(column_type="")
    for column in columns:
        revision = column.latest_revision
        revision.content["column_type"] = ""
        revision.save()

    backfill.fill_types(apps, None)

    news, interpretation = column_at(portal, "xwdt"), column_at(portal, "zcwj/zcjd")
    assert (news.column_type, interpretation.column_type) == ("工作动态", "政策解读")
    assert column_at(portal, "xwdt/zwyw").column_type == ""  # inherits 工作动态 when the tags are made
    assert ColumnPage.objects.get(pk=unknown.pk).column_type == ""
    assert interpretation.get_latest_revision_as_object().column_type == "政策解读"
