"""长者模式 served by the server: entered and left by a parameter or the cookie the toolbar sets,
rendered without JavaScript, and kept apart from the standard pages in the page cache."""

import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import add_article, column_at

PORTAL = {"HTTP_HOST": "portal.test"}
ELDER = {"portal_mode": "elder"}


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.fixture
def article(portal):
    return add_article(column_at(portal, "tzgg"), "关于开展敬老月活动的通知")


def test_the_mode_parameter_remembers_the_choice_and_returns_to_the_plain_address(client, portal):
    response = client.get("/search/?q=养老&mode=elder&page=2", **PORTAL)
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=%E5%85%BB%E8%80%81&page=2"
    assert response.cookies["portal_mode"].value == "elder"
    assert 'class="mode-elder"' in html_tag(client.get("/", **PORTAL))

    response = client.get("/?mode=standard", **PORTAL)
    assert response["Location"] == "/"
    assert response.cookies["portal_mode"]["max-age"] == 0
    assert "mode-elder" not in html_tag(client.get("/", **PORTAL))


def test_an_unknown_mode_is_ignored(client, portal):
    response = client.get("/?mode=<script>", **PORTAL)
    assert response.status_code == 200
    assert "mode-elder" not in html_tag(response)


def test_every_page_links_to_entering_and_leaving_elder_mode(client, article):
    path = urlsplit(article.url).path
    html = client.get(path + "?from=home", **PORTAL).content.decode()
    assert f'href="{path}?from=home&amp;mode=elder"' in html
    assert f'href="{path}?from=home&amp;mode=standard"' in html
    assert 'aria-controls="a11y-toolbar"' in html


def test_the_page_cache_keeps_each_mode_apart(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for path in ("/", article.url):
        assert client.get(path, **PORTAL)["X-Page-Cache"] == "miss"
        client.cookies.load(ELDER)
        elder = client.get(path, **PORTAL)
        assert elder["X-Page-Cache"] == "miss" and 'class="mode-elder"' in html_tag(elder)
        elder = client.get(path, **PORTAL)
        assert elder["X-Page-Cache"] == "hit" and 'class="mode-elder"' in html_tag(elder)
        del client.cookies["portal_mode"]
        standard = client.get(path, **PORTAL)
        assert standard["X-Page-Cache"] == "hit" and "mode-elder" not in html_tag(standard)


def test_a_cdn_is_only_told_to_keep_the_standard_variant(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    assert "s-maxage" in client.get(article.url, **PORTAL)["Cache-Control"]
    client.cookies.load(ELDER)
    assert "s-maxage" not in client.get(article.url, **PORTAL).get("Cache-Control", "")
