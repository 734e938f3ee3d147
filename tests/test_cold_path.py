"""A cold page (one the page cache does not hold) reuses what depends only on the site's layout: the
site and home page each process remembers (home.site_lookup) and the header and footer markup
(layout_fragment). None of it may show a reader something older than what was published."""

import pytest
from django.test import Client

from home.display_mode import COOKIE, ELDER
from tests.conftest import column_at, publish

PORTAL = {"HTTP_HOST": "portal.test"}


@pytest.fixture
def cold(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every answer rendered, as for a reader after a change


def html(client, path, host=PORTAL):
    response = client.get(path, **host)
    assert response.status_code == 200, path
    return response.content.decode()


def test_each_page_keeps_its_own_display_mode_links(cold, portal, client):
    html(client, "/")
    column = html(client, "/tzgg/?page=1")
    assert 'href="/tzgg/?mode=elder&amp;page=1"' in column
    assert 'href="/tzgg/?mode=standard&amp;page=1"' in column
    assert 'href="/?mode=elder"' in html(client, "/")


def test_the_elder_mode_header_is_kept_apart(cold, portal):
    reader = Client()
    reader.cookies[COOKIE] = ELDER
    assert 'class="mode-elder"' in html(reader, "/tzgg/")
    assert 'class="mode-elder"' not in html(Client(), "/tzgg/")


def test_publishing_the_home_page_shows_its_new_identity_in_header_and_footer(cold, portal, client):
    html(client, "/tzgg/")
    home = portal.root_page.specific
    home.title = "测试市人民政府门户网站"
    home.organiser = "测试市人民政府办公室"
    publish(home)

    page = html(client, "/tzgg/")
    assert '<span class="site-header__name">测试市人民政府门户网站</span>' in page
    assert "主办单位：测试市人民政府办公室" in page


def test_a_renamed_site_is_served_under_its_new_host(cold, portal, sport, client):
    html(client, "/tzgg/")
    portal.hostname = "www.portal.test"
    portal.save()
    assert "测试市人民政府" in html(client, "/tzgg/", {"HTTP_HOST": "www.portal.test"})
    sport.is_default_site = True
    sport.save()
    # The old host name now falls back to the default site, as Wagtail routes it.
    assert "测试市体育局" in html(client, "/", PORTAL)


def test_a_column_added_to_the_menu_shows_on_pages_already_rendered(cold, portal, client, make_column):
    html(client, "/tzgg/")
    make_column(portal.root_page, "营商环境", "yshj", show_in_menus=True)
    assert "营商环境" in html(client, column_at(portal, "tzgg").url)
