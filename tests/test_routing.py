"""Pages are routed by url_path (home.routing) with the outcome Wagtail's level-by-level walk gives:
the same page and sub-view for every URL of a site, 404 for the same misses."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import ColumnPage
from home.routing import route_by_url_path
from tests.conftest import add_article, column_at

pytestmark = pytest.mark.django_db


def wagtail_route(root, components):
    request = RequestFactory().get("/")
    try:
        return Page.route(root, request, components)  # Wagtail's own walk, level by level
    except Http404:
        return None


def fast_route(root, components):
    request = RequestFactory().get("/")
    try:
        return route_by_url_path(root, request, components)
    except Http404:
        return None


def outcome(result):
    if result is None:
        return None
    page, args, kwargs = result
    view = args[0].__name__ if args else None
    return page.pk, type(page), view, args[1:] if args else (), kwargs


def paths_of(root):
    """Every page's URL below the root, each with sub-URLs and misses appended."""
    for page in Page.objects.descendant_of(root):
        components = page.url_path[len(root.url_path) :].strip("/").split("/")
        yield components
        for tail in (["feed"], ["catalog"], ["track"], ["track", "supplement"], ["thanks"], ["nope"], ["a", "b"]):
            yield components + tail
        yield components[:-1] + [components[-1] + "x"]


def test_every_url_of_the_demo_routes_as_wagtail_routes_it(portal):
    news = column_at(portal, "xwdt/zwyw")
    add_article(news, "已发布的要闻", days_ago=1)
    add_article(news, "尚未发布的要闻", live=False)
    root = portal.root_page.specific
    checked = 0
    for components in paths_of(root):
        assert outcome(fast_route(root, components)) == outcome(wagtail_route(root, components)), components
        checked += 1
    assert checked > 100


def test_a_live_column_answers_its_own_sub_url_before_a_child_of_that_slug(portal):
    news = column_at(portal, "xwdt/zwyw")
    shadowed = add_article(news, "与订阅地址同名的文章")
    Page.objects.filter(pk=shadowed.pk).update(slug="feed", url_path=news.url_path + "feed/")
    root = portal.root_page.specific
    page, args, _ = fast_route(root, ["xwdt", "zwyw", "feed"])
    assert page.pk == news.pk and args[0].__name__ == "feed_route"
    # Once the column is a draft, its sub-URLs are gone and the child is reached.
    ColumnPage.objects.filter(pk=news.pk).update(live=False)
    page, _, _ = fast_route(root, ["xwdt", "zwyw", "feed"])
    assert page.pk == shadowed.pk


def test_an_article_deep_in_the_tree_costs_two_queries(portal):
    article = add_article(column_at(portal, "xwdt/zwyw"), "深层文章")
    root = portal.root_page.specific
    components = article.url_path[len(root.url_path) :].strip("/").split("/")
    with CaptureQueriesContext(connection) as queries:
        page, _, _ = fast_route(root, components)
    assert page.pk == article.pk and len(queries) == 2


def test_readers_reach_articles_and_miss_drafts_over_http(client, portal):
    news = column_at(portal, "xwdt/zwyw")
    live = add_article(news, "公开的文章")
    draft = add_article(news, "草稿文章", live=False)
    assert client.get(live.url, HTTP_HOST="portal.test").status_code == 200
    assert client.get(news.url + draft.slug + "/", HTTP_HOST="portal.test").status_code == 404
    assert client.get(news.url + "feed/", HTTP_HOST="portal.test")["Content-Type"].startswith("application/rss+xml")
