"""After a publish the worker renders the pages the change invalidated into the page cache, so the
first reader of each gets the new page from the cache (home.prerender)."""

import pytest
from django.test import Client

from home import prerender
from home.display_mode import COOKIE, ELDER
from home.prerender import prerender_pages
from tests.conftest import add_article, column_at, publish

PORTAL = {"HTTP_HOST": "portal.test"}
SPORT = {"HTTP_HOST": "sport.test"}


def get(path, host=PORTAL, mode=None):
    client = Client()
    if mode:
        client.cookies[COOKIE] = mode
    response = client.get(path, **host)
    assert response.status_code == 200, path
    return response.get("X-Page-Cache"), response.content.decode()


@pytest.fixture
def news(portal):
    return column_at(portal, "tzgg")


@pytest.fixture
def prerendering(settings):
    settings.PAGE_CACHE_PRERENDER = True
    return settings


def publish_committed(capture, make):
    """Run `make` and the callbacks its transaction would run on commit (the queued task runs inline)."""
    with capture(execute=True):
        return make()


def test_after_a_publish_readers_find_the_article_its_column_and_home_page_rendered(
    prerendering, news, sport, django_capture_on_commit_callbacks
):
    add_article(news, "第一篇通知")
    for path in ("/", "/tzgg/"):
        get(path)
    get("/", SPORT)

    article = publish_committed(
        django_capture_on_commit_callbacks, lambda: add_article(news, "新发布的体育场馆开放通知")
    )

    for path in (article.url, "/tzgg/", "/"):
        state, html = get(path)
        assert state == "hit", path
        assert "新发布的体育场馆开放通知" in html, path
        state, html = get(path, mode=ELDER)
        assert state == "hit", path
        assert 'class="mode-elder' in html or "mode-elder" in html.split("<body")[0], path
    assert get("/", SPORT)[0] == "hit"  # another site's page was never dropped


def test_a_page_that_links_to_the_changed_page_is_rendered_again(
    prerendering, news, django_capture_on_commit_callbacks
):
    target = add_article(news, "2026年预算公开")
    linking = add_article(
        news,
        "预算公开专题导读",
        body=[("paragraph", f'<p>请阅读<a linktype="page" id="{target.pk}">预算公开</a>。</p>')],
    )
    get(linking.url)

    target.title = "2026年部门预算公开"
    publish_committed(django_capture_on_commit_callbacks, lambda: publish(target))

    assert get(linking.url)[0] == "hit"


def test_the_page_comes_first_then_home_and_columns_from_the_top(
    prerendering, news, monkeypatch, django_capture_on_commit_callbacks
):
    handed = []
    monkeypatch.setattr("home.prerender.schedule", handed.append)
    article = publish_committed(django_capture_on_commit_callbacks, lambda: add_article(news, "排序检查"))
    assert handed[-1][:3] == [article.pk, news.get_parent().pk, news.pk]


def test_without_prerendering_the_first_reader_after_a_publish_renders_the_page(
    settings, news, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_PRERENDER = False
    get("/tzgg/")
    publish_committed(django_capture_on_commit_callbacks, lambda: add_article(news, "未预渲染的通知"))
    assert get("/tzgg/")[0] == "miss"


def test_unpublished_and_uncacheable_pages_are_skipped(prerendering, news):
    article = add_article(news, "草稿", live=False)
    rendered = prerender_pages([article.pk, news.pk])
    assert [row["url"] for row in rendered] == [news.get_full_url()] * 2
    assert {row["status"] for row in rendered} == {200}
    assert {row["cache"] for row in rendered} == {"miss"}
    assert {row["cache"] for row in prerender_pages([news.pk])} == {"hit"}


def test_publishes_in_a_burst_share_one_queued_task(prerendering, news, monkeypatch):
    queued = []
    monkeypatch.setattr("home.prerender.async_task", lambda name, **kwargs: queued.append(name))
    first, second = add_article(news, "第一篇"), add_article(news, "第二篇")

    prerender.schedule([first.pk, news.pk])
    prerender.schedule([second.pk, news.pk])

    assert queued == ["home.prerender.prerender_waiting"]
    rendered = prerender.prerender_waiting()
    assert [row["url"] for row in rendered[::2]] == [first.get_full_url(), news.get_full_url(), second.get_full_url()]
    prerender.schedule([first.pk])
    assert len(queued) == 2  # the task took the waiting pages: the next publish queues another
