"""Each reading page runs a bounded number of queries however much content the site holds: the
counts are measured on the same site with few and with many articles, without the page cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import Department, TopicPage
from tests.conftest import add_article, column_at, publish

HOST = {"HTTP_HOST": "portal.test"}
# Search also looks up promoted results and counts the address against its rate limit: about seven
# statements in the database cache of the embedded setup, none with Redis.
BUDGETS = {"home": 12, "column": 17, "column page 2": 17, "article": 13, "topic": 15, "search": 32}


def _fill(portal, articles):
    news = column_at(portal, "xwdt/zwyw")
    department = Department.objects.get_or_create(site=portal, name="市政府办公室", locale=portal.root_page.locale)[0]
    existing = news.get_children().count()
    for n in range(existing, articles):
        add_article(news, f"政务公开要闻第{n}号", days_ago=n % 40, department=department, source="市政府办公室")
    return news


def _urls(portal, news):
    topic = TopicPage.objects.child_of(column_at(portal, "ztzl")).first()
    return {
        "home": "/",
        "column": news.url,
        "column page 2": news.url + "?page=2",
        "article": news.get_children().live().last().url,
        "topic": topic.url,
        "search": "/search/?q=政务公开",
    }


def _count(client, url):
    client.get(url, **HOST)  # a running server has its per-process caches warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **HOST).status_code == 200
    return len(queries)


@pytest.fixture
def counts(client, portal, settings):
    settings.PAGE_CACHE_SECONDS = 0
    home = portal.root_page.specific
    news = _fill(portal, 0)
    home.body = [("latest_items", {"column": news, "title": "", "count": 8})]
    publish(home)
    topic = TopicPage(
        title="政务公开专题",
        slug="zwgk",
        body=[("latest_items", {"column": news, "title": "要闻", "count": 5})],
    )
    column_at(portal, "ztzl").add_child(instance=topic)
    publish(topic)

    def measure(articles):
        news = _fill(portal, articles)
        return {name: _count(client, url) for name, url in _urls(portal, news).items()}

    return measure


def test_reading_pages_run_the_same_queries_with_five_times_the_articles(counts):
    few, many = counts(25), counts(125)
    for name, budget in BUDGETS.items():
        assert few[name] <= budget, (name, few[name])
        assert many[name] == few[name], (name, few[name], many[name])
