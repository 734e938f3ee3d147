"""Site search that works for Chinese on the embedded backend, as readers use it."""

import pytest
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, PageViewRestriction
from wagtail.search.models import IndexEntry

from home.models import ArticlePage, TopicPage
from tests.conftest import add_article, column_at

PORTAL = {"HTTP_HOST": "portal.test"}
LONG_RUN = "为进一步规范信息发布和报送工作确保信息发布和报送的权威性及时性不断推进信息化和政务公开工作"


def search(client, host=PORTAL, **params):
    response = client.get("/search/", params, **host)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html):
    import re

    return re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)


@pytest.fixture
def articles(portal):
    notices = column_at(portal, "tzgg")
    return {
        "plan": add_article(notices, "2020年上海市体育局政务公开工作要点", days_ago=3),
        "cycle": add_article(
            column_at(portal, "zcwj/zfwj"),
            "关于加强政府网站信息内容建设的实施意见",
            days_ago=5,
            body=[("paragraph", f"<p>{LONG_RUN}各栏目更新周期不得超过两周依照国办发〔2014〕57号文件执行</p>")],
        ),
        "mailbox": add_article(notices, "市长信箱来信选登", days_ago=1, summary="领导信箱受理群众来信的情况"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("政务公开", ["plan", "cycle"]),  # four characters inside a long run, in a title and in a body
        ("公开", ["plan", "cycle"]),  # two characters
        ("更新周期", ["cycle"]),
        ("报送", ["cycle"]),
        ("领导信箱", ["mailbox"]),
        ("国办发〔2014〕57号", ["cycle"]),  # a document number
        ("57号", ["cycle"]),
        ("2020年", ["plan"]),  # a year
        ("上海市体育局", ["plan"]),
    ],
)
def test_chinese_words_are_found_inside_longer_text(client, articles, query, expected):
    titles = result_titles(search(client, q=query, type="article"))
    assert sorted(titles) == sorted(articles[key].title for key in expected)


def test_words_that_are_not_there_find_nothing(client, articles):
    html = search(client, q="公积金贷款")
    assert result_titles(html) == []
    assert "没有找到与“公积金贷款”相关的信息" in html
    assert "公积金" in html  # offered as a shorter search


def test_title_matches_rank_above_body_matches(client, portal):
    column = column_at(portal, "tzgg")
    add_article(column, "工作动态汇编", body=[("paragraph", "<p>本期介绍依申请公开办理情况。</p>")], days_ago=0)
    add_article(column, "依申请公开办理指引", body=[("paragraph", "<p>办理流程。</p>")], days_ago=9)
    assert result_titles(search(client, q="依申请公开")) == ["依申请公开办理指引", "工作动态汇编"]
    by_date = result_titles(search(client, q="依申请公开", sort="date"))
    assert by_date == ["工作动态汇编", "依申请公开办理指引"]


@pytest.mark.parametrize("candidates", [100, 1])
def test_first_page_is_exact_when_filters_reject_the_best_candidates(client, portal, sport, monkeypatch, candidates):
    # The backend ranks candidates in the index alone, then applies the reader's filters; with
    # a single candidate per tier the other site's better matches are rejected and the tier is
    # ranked again among this site's pages.
    monkeypatch.setattr("search.backends.TopKSearch.CANDIDATES", candidates)
    monkeypatch.setattr("search.backends.TopKSearch.CANDIDATE_FACTOR", 0 if candidates == 1 else 2)
    add_article(column_at(sport, "gzdt"), "保密审查制度", days_ago=0)
    add_article(column_at(sport, "gzdt"), "保密审查要点", days_ago=0)
    add_article(column_at(portal, "tzgg"), "关于保密审查的通知", days_ago=1)
    add_article(column_at(portal, "tzgg"), "工作动态", body=[("paragraph", "<p>做好保密审查。</p>")], days_ago=2)
    assert result_titles(search(client, q="保密审查")) == ["关于保密审查的通知", "工作动态"]
    everywhere = result_titles(search(client, q="保密审查", scope="all"))
    assert sorted(everywhere[:3]) == ["保密审查制度", "保密审查要点", "关于保密审查的通知"]
    assert everywhere[3:] == ["工作动态"]


def test_results_highlight_the_query_in_a_snippet(client, articles):
    html = search(client, q="更新周期")
    assert "<mark>更新周期</mark>" in html


def test_this_site_versus_all_sites(client, portal, sport):
    add_article(column_at(portal, "tzgg"), "门户网站全民健身通知")
    add_article(column_at(sport, "gzdt"), "体育局全民健身工作动态")
    here = result_titles(search(client, q="全民健身"))
    assert here == ["门户网站全民健身通知"]
    everywhere = search(client, q="全民健身", scope="all")
    # The sports bureau's column 全民健身 is found too: columns are pages readers look for.
    assert sorted(result_titles(everywhere)) == ["体育局全民健身工作动态", "全民健身", "门户网站全民健身通知"]
    assert "<span>测试市体育局</span>" in everywhere  # each result names its site
    only_sport = result_titles(search(client, q="全民健身", scope="all", site=sport.pk, type="article"))
    assert only_sport == ["体育局全民健身工作动态"]


def test_drafts_unpublished_and_private_pages_are_never_found_nor_indexed(client, portal):
    column = column_at(portal, "tzgg")
    add_article(column, "保密草稿关于机构调整")
    draft = add_article(column, "草稿关于机构调整", live=False)
    withdrawn = add_article(column, "撤回的机构调整通知")
    withdrawn.unpublish()
    private = add_article(column, "内部机构调整方案")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert result_titles(search(client, q="机构调整")) == ["保密草稿关于机构调整"]
    indexed = set(IndexEntry.objects.values_list("object_id", flat=True))
    assert not {str(draft.pk), str(withdrawn.pk), str(private.pk)} & indexed

    call_command("update_index", verbosity=0)
    indexed = set(IndexEntry.objects.values_list("object_id", flat=True))
    assert not {str(draft.pk), str(withdrawn.pk), str(private.pk)} & indexed
    assert result_titles(search(client, q="机构调整")) == ["保密草稿关于机构调整"]


def test_filters_by_type_department_and_date(client, portal):
    column = column_at(portal, "tzgg")
    office = portal.home_department_set.get(name="政府办公室")
    stats = portal.home_department_set.get(name="统计局")
    add_article(column, "统计局营商环境数据发布", department=stats, days_ago=40)
    add_article(column, "政府办公室营商环境通知", department=office, days_ago=2)
    topic = TopicPage(title="优化营商环境专题", slug="yshj", intro="营商环境")
    column_at(portal, "ztzl").add_child(instance=topic)
    topic.save_revision().publish()

    assert result_titles(search(client, q="营商环境", type="topic")) == ["优化营商环境专题"]
    assert result_titles(search(client, q="营商环境", department=stats.pk)) == ["统计局营商环境数据发布"]
    recent = result_titles(
        search(client, q="营商环境", type="article", start=str(ArticlePage.objects.get(department=office).date.date()))
    )
    assert recent == ["政府办公室营商环境通知"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "   "},
        {"q": "！！？？……"},
        {"q": '" OR 1=1 --'},
        {"q": "政务* NEAR(公开 更新) AND -OR"},
        {"q": "'; DROP TABLE wagtailcore_page; --"},
        {"q": "政" * 500},
        {"q": "公开", "type": "nonsense", "site": "999999", "department": "abc", "start": "2026-13-45", "sort": "x"},
        {"q": "公开", "start": "2026-12-01", "end": "2026-01-01"},
        {"q": "公开", "page": "-3"},
        {"q": "公开", "page": "99999"},
    ],
)
def test_bad_queries_get_a_normal_page(client, articles, params):
    html = search(client, **params)
    assert "站内搜索" in html
    assert "Traceback" not in html


@pytest.mark.parametrize("query", [":", "《》", "！！ OR ？？"])
def test_api_search_without_searchable_text_finds_nothing(client, articles, query):
    response = client.get("/api/v2/pages/", {"search": query}, **PORTAL)
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_bad_parameters_are_explained(client, articles):
    html = search(client, q="！！？？")
    assert "关键词中没有可检索的文字" in html
    html = search(client, q="信箱", type="nonsense")
    assert "“类型”条件无效，已忽略。" in html
    assert sorted(result_titles(html)) == ["市长信箱来信选登", "领导信箱"]  # the article and the column
    html = search(client, q="公开" * 80)
    assert "关键词过长" in html


def test_editors_promotions(client, articles):
    SearchPromotion.objects.create(query=Query.get("信箱"), page=articles["mailbox"], description="写信请点这里")
    html = search(client, q="信箱")
    assert "写信请点这里" in html
    search(client, q="政务公开")
    assert list(Query.objects.values_list("query_string", flat=True)) == ["信箱"]  # searching records nothing


def test_api_search_understands_chinese(client, articles):
    response = client.get("/api/v2/pages/", {"search": "更新周期"}, **PORTAL)
    assert [item["title"] for item in response.json()["items"]] == [articles["cycle"].title]


def test_english_mirror_pages_are_searched_in_english(client, portal):
    english = Locale.objects.create(language_code="en")
    home_en = portal.root_page.specific.copy_for_translation(english)
    home_en.save_revision().publish()
    news_en = column_at(portal, "xwdt").copy_for_translation(english)
    news_en.save_revision().publish()
    add_article(news_en, "Government Information Disclosure Guide", body=[("paragraph", "<p>How to apply.</p>")])
    add_article(column_at(portal, "xwdt"), "政府信息公开指南")
    response = client.get("/en/search/", {"q": "disclosure"}, **PORTAL)
    assert result_titles(response.content.decode()) == ["Government Information Disclosure Guide"]
    assert result_titles(search(client, q="信息公开", type="article")) == ["政府信息公开指南"]


def test_counting_stops_at_the_cap_and_says_so(client, articles, monkeypatch):
    monkeypatch.setattr("search.views.MAX_RESULTS", 2)
    html = search(client, q="公开")  # found in more pages than the cap
    assert "找到 2 条以上结果" in html
    assert "共找到 1 条结果" in search(client, q="领导信箱", type="article")  # under the cap
