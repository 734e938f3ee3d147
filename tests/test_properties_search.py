"""Property-based tests of the search parameters and the API's search: any value of any
parameter gets a normal page (or a 4xx from the API), never a server error."""

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import add_article, column_at
from tests.test_properties_forms import ANY_CHAR, NASTY

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "portal.test"}
PROPERTY = settings(
    max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TEXT = st.one_of(st.text(ANY_CHAR, max_size=30), NASTY.filter(lambda s: len(s) < 6000))
DATES = st.one_of(
    TEXT,
    st.dates().map(str),
    st.sampled_from(["0000-00-00", "9999-12-31", "0001-01-01", "2026-13-45", "2026/11/20", "20261120", "1e9"]),
)
NUMBERS = st.one_of(TEXT, st.integers(-(2**70), 2**70).map(str), st.sampled_from(["1.5", "0x10", "１", "NaN"]))


@pytest.fixture
def articles(portal, sport):
    add_article(column_at(portal, "tzgg"), "2026年政务公开工作要点", department=portal.home_department_set.first())
    add_article(column_at(sport, "gzdt"), "全民健身工作动态")


@override_settings(RATELIMIT_ENABLE=False)  # many searches from one address, on a clock that stands still
def test_search_parameters_never_fail(client, articles, portal, sport):
    site_ids = st.sampled_from([str(portal.pk), str(sport.pk)])

    @PROPERTY
    @given(
        params=st.fixed_dictionaries(
            {},
            optional={
                "q": st.one_of(st.sampled_from(["政务公开", "公开", "全民健身"]), TEXT),
                "scope": st.one_of(st.sampled_from(["site", "all"]), TEXT),
                "site": st.one_of(site_ids, NUMBERS),
                "type": st.one_of(st.sampled_from(["article", "topic", "column"]), TEXT),
                "department": NUMBERS,
                "start": DATES,
                "end": DATES,
                "sort": st.one_of(st.sampled_from(["relevance", "date"]), TEXT),
                "page": NUMBERS,
            },
        )
    )
    def check(params):
        response = client.get("/search/", params, **HOST)
        assert response.status_code == 200
        html = response.content.decode()
        assert "站内搜索" in html
        # What was searched for is shown escaped, never as markup.
        assert "<script>alert(1)</script>" not in html and "<img src=x" not in html

    check()


def test_api_search_and_listing_parameters_never_fail(client, articles):
    @PROPERTY
    @given(
        params=st.fixed_dictionaries(
            {"search": st.one_of(st.sampled_from(["政务公开", "全民健身"]), TEXT)},
            optional={
                "search_operator": st.one_of(st.sampled_from(["and", "or"]), TEXT),
                "type": st.one_of(st.sampled_from(["home.ArticlePage", "home.ColumnPage"]), TEXT),
                "order": st.one_of(st.sampled_from(["title", "-first_published_at", "random"]), TEXT),
                "limit": NUMBERS,
                "offset": NUMBERS,
                "fields": st.one_of(st.sampled_from(["*", "title", "-title", "body"]), TEXT),
            },
        )
    )
    def check(params):
        response = client.get("/api/v2/pages/", params, **HOST)
        assert response.status_code in (200, 400), (params, response.status_code)
        response.json()  # always a JSON answer, with a message when refused

    check()


def test_other_public_query_parameters_never_fail(client, portal):
    """The catalog's filters, column and reply-list paging, the live transcript's `after`."""
    from disclosure.models import DisclosureIndexPage
    from tests.test_interaction_helpers import add_interview, add_mailbox

    interview, mailbox = add_interview(portal), add_mailbox(portal)
    section = DisclosureIndexPage(title="政府信息公开", slug="xxgk")
    portal.root_page.add_child(instance=section)
    section.save_revision().publish()
    catalog = section.url + "catalog/"
    assert client.get(catalog, **HOST).status_code == 200

    @PROPERTY
    @given(
        topic=NUMBERS,
        # Years the catalog can filter by; any other value is test_catalog_ignores_years_out_of_range.
        year=st.one_of(st.integers(1, 9999).map(str), st.sampled_from(["", "年", "2026.5"])),
        text=TEXT,
        page=NUMBERS,
        after=st.one_of(NUMBERS, st.sampled_from(["²", "9" * 30, "١٢"])),
    )
    def check(topic, year, text, page, after):
        params = {"topic": topic, "year": year, "issuer": text, "validity": text, "q": text, "page": page}
        assert client.get(catalog, params, **HOST).status_code == 200, params
        assert client.get("/tzgg/", {"page": page}, **HOST).status_code == 200
        assert client.get(mailbox.url + "replies/", {"page": page}, **HOST).status_code == 200
        transcript = client.get(interview.url + "transcript/", {"after": after}, **HOST)
        assert transcript.status_code == 200 and transcript.json()["state"] == "live"

    check()


def test_catalog_ignores_years_out_of_range(client, portal):
    from disclosure.models import DisclosureIndexPage

    section = DisclosureIndexPage(title="政府信息公开", slug="xxgk")
    portal.root_page.add_child(instance=section)
    section.save_revision().publish()
    for year in ("0", "99999", "9" * 30, "²"):
        assert client.get(section.url + "catalog/", {"year": year}, **HOST).status_code == 200, year


@pytest.mark.parametrize("path", ["/search/", "/search/suggest/", "/search/answer/", "/search/ask/"])
def test_a_nul_byte_or_control_character_in_a_search_box_gets_a_normal_answer(client, articles, path):
    # PostgreSQL refuses NUL in text: a query reaching the database with one answered 500.
    for query in ("政务\x00公开", "\x00", "公开\x1b[31m", "全民健身\x7f"):
        response = client.get(path, {"q": query}, **HOST)
        # 智能问答 answers an empty question 400, with its message.
        assert response.status_code in (200, 400), (path, query, response.status_code)
        assert response.status_code == 200 or "请输入您的问题" in response.content.decode()
