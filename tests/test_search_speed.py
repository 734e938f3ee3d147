"""What a search costs on the request path: the rate limit's bookkeeping is a couple of statements
on the `limits` table, never a count of the whole table (casework.limits_cache)."""

import itertools

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import add_article, column_at

pytestmark = pytest.mark.django_db


def search(client, query, address):
    return client.get("/search/", {"q": query}, HTTP_HOST="portal.test", REMOTE_ADDR=address)


def limits_statements(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "运动会", address)
    assert response.status_code == 200 and "全民健身运动会报名通知" in response.content.decode()
    return [q["sql"] for q in queries if "casework_limits" in q["sql"]]


def test_a_search_counts_its_rate_limit_in_at_most_three_statements_without_counting_the_table(client, portal):
    add_article(column_at(portal, "tzgg"), "全民健身运动会报名通知")
    first = limits_statements(client, "192.0.2.9")  # a new address: its count is added
    again = limits_statements(client, "192.0.2.9")  # then read and raised
    assert len(first) == 1 and len(again) <= 3
    assert not any("COUNT(" in sql.upper() for sql in first + again)


def test_rate_limits_still_hold_after_the_table_is_culled(client, portal, monkeypatch):
    add_article(column_at(portal, "tzgg"), "全民健身运动会报名通知")
    limits = caches["limits"]
    monkeypatch.setattr(limits, "_max_entries", 5)
    monkeypatch.setattr(limits, "_writes", itertools.count(1))  # counted and culled on the 100th write
    for n in range(limits.CULL_EVERY):
        limits.set(f"filler:{n}", n, 3600)
    assert limits.get("filler:0") is None  # culled
    statuses = [search(client, "运动会", "192.0.2.10").status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429


def test_repeated_searches_are_served_from_the_cache_and_a_publish_makes_them_fresh(client, portal, settings):
    settings.PAGE_CACHE_SECONDS = 600
    news = column_at(portal, "tzgg")
    add_article(news, "全民健身运动会报名通知")
    assert "全民健身运动会报名通知" in search(client, "运动会", "192.0.2.11").content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = search(client, "运动会", "192.0.2.11").content.decode()
    assert "全民健身运动会报名通知" in again and "共找到 1 条结果" in again
    assert not any("indexentry" in q["sql"] for q in queries)  # not searched again

    add_article(news, "老年人运动会开幕")  # published: the kept results are dropped
    fresh = search(client, "运动会", "192.0.2.11").content.decode()
    assert "老年人运动会开幕" in fresh and "共找到 2 条结果" in fresh
