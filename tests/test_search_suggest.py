"""搜索联想: suggestions while typing come from the index's own words and published titles,
never from what other visitors typed; any input gets a JSON answer."""

import pytest
from django.test import override_settings

from search.models import PopularTerm
from tests.conftest import add_article, column_at

PORTAL = {"HTTP_HOST": "portal.test"}


def suggest(client, q, **headers):
    response = client.get("/search/suggest/", {"q": q}, **PORTAL, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["suggestions"]


@pytest.fixture
def pages(portal):
    return {
        "drill": add_article(column_at(portal, "xwdt"), "全市开展消防安全应急疏散演练", days_ago=1),
        "heating": add_article(column_at(portal, "tzgg"), "2027年冬季城区集中供暖收费标准公示", days_ago=2),
    }


def test_titles_and_column_names_are_suggested(client, pages):
    assert pages["drill"].title in suggest(client, "消防安全")
    assert "通知公告" in suggest(client, "通知")  # a column of the portal


@pytest.mark.parametrize("typed", ["tongzhi", "tong zhi gong", "tzgg"])
def test_pinyin_and_initials_suggest_the_chinese_term(client, pages, typed):
    assert "通知公告" in suggest(client, typed)


def test_approved_terms_are_suggested_and_visitors_input_never(client, portal, pages):
    PopularTerm.objects.create(site=portal, term="供暖收费")
    assert suggest(client, "供暖")[0] == "供暖收费"
    client.get("/search/", {"q": "供暖费张三欠缴名单"}, **PORTAL)  # what one visitor typed
    assert not [s for s in suggest(client, "供暖费") if "张三" in s]


@pytest.mark.parametrize(
    "typed", ["", "   ", "？！。…", "\x00\x07\x1b[31m", "供" * 10000, "13812345678", "<script>alert(1)</script>"]
)
def test_any_input_gets_a_json_answer(client, pages, typed):
    found = suggest(client, typed)
    assert isinstance(found, list)
    assert not [s for s in found if "13812345678" in s or "<script>" in s]


def test_suggestions_are_cacheable(client, pages):
    response = client.get("/search/suggest/", {"q": "消防"}, **PORTAL)
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]


@override_settings(RATELIMIT_ENABLE=True)
def test_suggestions_are_rate_limited(client, pages, monkeypatch):
    monkeypatch.setattr("search.views.SUGGEST_LIMIT.limit", 3)
    answers = [client.get("/search/suggest/", {"q": f"消防{i}"}, **PORTAL) for i in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert "频繁" in answers[-1].json()["error"]


def test_search_boxes_are_comboboxes(client, pages):
    html = client.get("/search/", {"q": "消防"}, **PORTAL).content.decode()
    assert 'data-suggest-url="/search/suggest/"' in html
    assert "js/search-suggest.js" in html
