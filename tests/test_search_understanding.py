"""Search understands what citizens type: questions, words run together, abbreviations and
synonyms find the page; pages holding the query exactly still come first."""

import re

import pytest

from search.models import SynonymGroup
from tests.conftest import add_article, column_at

PORTAL = {"HTTP_HOST": "portal.test"}


def titles(client, **params):
    response = client.get("/search/", params, **PORTAL)
    assert response.status_code == 200
    return re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', response.content.decode())


@pytest.fixture
def pages(portal):
    notices, news = column_at(portal, "tzgg"), column_at(portal, "xwdt")
    return {
        "insurance": add_article(notices, "关于做好2027年度城乡居民基本医疗保险参保缴费工作的通知", days_ago=2),
        "farm": add_article(
            notices,
            "青山县农产品质量安全监督抽检结果公示",
            days_ago=3,
            body=[("paragraph", "<p>本次抽检蔬菜、水果共120批次。</p>")],
        ),
        "fund": add_article(notices, "住房公积金提取业务办理指南", days_ago=4),
        "bureau": add_article(news, "市人力资源和社会保障局召开技能人才工作推进会", days_ago=1),
        "school": add_article(notices, "2027年义务教育阶段学校招生入学政策解读", days_ago=5),
        "env": add_article(news, "城乡环境卫生整治工作动态", days_ago=0),
        "cards": add_article(notices, "社会保障卡申领服务指南", days_ago=6),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("城乡居民医疗保险怎么缴费？", "insurance"),  # a question
        ("义务教育学校招生有哪些政策", "school"),
        ("在哪里可以查看农产品抽检结果", "farm"),
        ("县农产品抽检公示", "farm"),  # words that never stand side by side
        ("公积金业务指南", "fund"),
        ("人社局", "bureau"),  # an abbreviation
        ("医保缴费", "insurance"),  # a synonym
        ("怎么办社保卡", "cards"),  # a synonym inside a question
    ],
)
def test_citizens_words_find_the_page_first(client, pages, query, expected):
    assert titles(client, q=query)[:1] == [pages[expected].title]


def test_most_words_must_be_there(client, pages):
    # 城乡 and 整治 are both in the environment news, but not 医疗保险 nor 缴费.
    found = titles(client, q="城乡居民医疗保险缴费")
    assert pages["insurance"].title in found
    assert pages["env"].title not in found


def test_pages_holding_the_query_exactly_come_first(client, portal, pages):
    notices = column_at(portal, "tzgg")
    exact_in_body = add_article(
        notices, "工作简报第12期", days_ago=9, body=[("paragraph", "<p>本期关注社会保障卡申领进度。</p>")]
    )
    found = titles(client, q="社会保障卡申领")
    # Both exact matches (title first, then body) before anything that only holds the words.
    assert found[:2] == [pages["cards"].title, exact_in_body.title]


def test_administrators_add_synonyms(client, portal):
    renewal = add_article(column_at(portal, "tzgg"), "2027年老旧小区改造项目公示")
    assert titles(client, q="旧改") == []
    SynonymGroup.objects.create(terms="旧改，老旧小区改造")
    assert titles(client, q="旧改") == [renewal.title]
    assert titles(client, q="旧改项目") == [renewal.title]


LOOSENED = "没有同时包含全部关键词的结果"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("青少年篮球比赛", "basketball"),  # the title says 锦标赛
        ("第三季度经济运行", "economy"),  # the title says 前三季度
        ("学府路晚上施工太吵了怎么办", "noise"),  # 太吵 and 晚上 are the writer's words, not the page's
    ],
)
def test_when_no_page_holds_all_the_words_most_of_them_do(client, portal, pages, query, expected):
    news = column_at(portal, "xwdt")
    found = {
        "basketball": add_article(news, "2027年云州市青少年篮球锦标赛落幕"),
        "economy": add_article(news, "2027年前三季度云州市经济运行情况"),
        "noise": add_article(news, "关于学府路夜间施工噪声扰民问题的答复"),
    }
    response = client.get("/search/", {"q": query}, **PORTAL)
    assert titles(client, q=query)[:1] == [found[expected].title]
    assert LOOSENED in response.content.decode()


def test_pages_holding_every_word_are_not_said_to_hold_some(client, pages):
    response = client.get("/search/", {"q": "公积金业务指南"}, **PORTAL)
    assert LOOSENED not in response.content.decode()


def test_words_in_no_page_still_find_nothing(client, pages):
    response = client.get("/search/", {"q": "潜水艇航母驱逐舰"}, **PORTAL)
    assert titles(client, q="潜水艇航母驱逐舰") == []
    assert LOOSENED not in response.content.decode()


def test_synonym_group_is_checked_in_the_admin(admin_client):
    response = admin_client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "仅一个词"})
    assert response.status_code == 200
    assert "请至少填写两个词" in response.content.decode()
    response = admin_client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "不动产证、不动产权证书"})
    assert response.status_code == 302
    assert SynonymGroup.objects.get().terms == "不动产证，不动产权证书"


@pytest.mark.parametrize("query", ["怎么办呢？", "是不是有哪些吗", "？？？！！", "在哪里" * 40])
def test_only_filler_words_or_punctuation_get_a_normal_page(client, pages, query):
    assert titles(client, q=query) == []
