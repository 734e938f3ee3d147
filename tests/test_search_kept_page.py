"""The whole search page is kept for anonymous visitors (search.kept_page): a repeated search is
answered from the cache, yet still takes its rate limit and counts toward 热门搜索; a publish or
unpublish anywhere shows at the next search; stray parameters neither show in the page nor make
new entries; personal queries and visitors with a session are never kept."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search import popular
from search.models import SearchTermCount
from tests.conftest import add_article, column_at
from tests.test_search_popular import flush, shown

pytestmark = pytest.mark.django_db
PORTAL = "portal.test"


def search(client, params, address="203.0.113.20", **headers):
    params = {"q": params} if isinstance(params, str) else params
    response = client.get("/search/", params, HTTP_HOST=PORTAL, REMOTE_ADDR=address, **headers)
    return response, response.get("X-Page-Cache"), response.content.decode()


@pytest.fixture
def news(portal):
    column = column_at(portal, "tzgg")
    add_article(column, "全民健身运动会报名通知")
    return column


def test_a_publish_or_an_unpublish_shows_at_the_next_search(client, news):
    _, state, html = search(client, "运动会")
    assert state == "miss" and "共找到 1 条结果" in html
    assert search(client, "运动会")[1] == "hit"

    article = add_article(news, "老年人运动会开幕")
    _, state, html = search(client, "运动会")
    assert state == "miss" and "老年人运动会开幕" in html and "共找到 2 条结果" in html
    assert search(client, "运动会")[1] == "hit"

    article.unpublish()
    _, state, html = search(client, "运动会")
    assert state == "miss" and "老年人运动会开幕" not in html and "共找到 1 条结果" in html


def test_a_kept_page_still_takes_the_rate_limit(client, news):
    answers = [search(client, "运动会", address="192.0.2.30") for _ in range(61)]
    assert [state for _, state, _ in answers[:60]] == ["miss"] + ["hit"] * 59
    refused, state, html = answers[60]
    assert refused.status_code == 429 and state is None and "搜索过于频繁" in html
    response, state, html = search(client, "运动会", address="192.0.2.31")  # the refusal was not kept
    assert response.status_code == 200 and state == "hit" and "搜索过于频繁" not in html


def test_kept_pages_count_toward_popular_terms_but_personal_queries_are_neither_kept_nor_counted(client, news):
    states = [search(client, "运动会", address=f"198.51.100.{n + 1}")[1] for n in range(popular.MIN_VISITORS)]
    assert states == ["miss"] + ["hit"] * (popular.MIN_VISITORS - 1)
    for query in ("运动会 13912345678", "11010519491231002X"):
        for n in range(popular.MIN_VISITORS):
            assert search(client, query, address=f"198.51.100.{n + 1}")[1] is None
    flush()
    assert shown(client) == ["运动会"]
    assert list(SearchTermCount.objects.values_list("term", flat=True)) == ["运动会"]


def test_stray_and_invalid_parameters_share_the_accepted_page_and_never_show_in_it(client, news):
    assert search(client, "运动会")[1] == "miss"
    as_the_form_sends = {"q": "运动会", "scope": "site", "site": "", "type": "", "department": "", "start": ""}
    for params in (
        {**as_the_form_sends, "end": "", "sort": "relevance", "utm_source": "weixin"},
        {"q": "运动会", "page": "999999"},
        {"q": "运动会", "page": "abc", "exact": ""},
    ):
        _, state, html = search(client, params)
        assert state == "hit" and "utm_source" not in html and "999999" not in html
    _, state, html = search(client, {"q": "运动会", "utm_source": "weixin", "kind": "news"})
    assert state == "miss" and "utm_source" not in html  # a kind is a search of its own
    for params in ({"q": "运动会", "scope": "all"}, {"q": "运动会", "exact": "1"}, {"q": "运动会", "sort": "date"}):
        assert search(client, params)[1] == "miss"
        assert search(client, params)[1] == "hit"
    _, state, html = search(client, {"q": "运动会", "type": "nonsense"})
    assert state == "miss" and "“类型”条件无效，已忽略。" in html
    assert "“类型”条件无效" not in search(client, "运动会")[2]


def test_elder_mode_and_signed_in_visitors(client, news, django_user_model):
    assert search(client, "运动会")[1] == "miss"
    client.cookies["portal_mode"] = "elder"
    _, state, html = search(client, "运动会")
    assert state == "miss" and 'class="mode-elder"' in html
    assert search(client, "运动会")[1] == "hit"
    client.force_login(django_user_model.objects.create_user("reader", password="x"))  # noqa: S106
    assert search(client, "运动会")[1] is None


def test_an_editors_pick_shows_at_the_next_search(client, news, portal):
    pick = add_article(news, "全民健身指南")
    assert "search-promotions" not in search(client, "运动会")[2]
    SearchPromotion.objects.create(query=Query.get("运动会"), page=pick, description="推荐阅读")
    _, state, html = search(client, "运动会")
    assert state == "miss" and "推荐阅读" in html
