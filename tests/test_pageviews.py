"""Page views: counted per page and day in the cache with nothing about the visitor, never written to
the database by a public request, copied into PageViewDay by the flush task (idempotently);
bots, signed-in staff, the admin and error answers are not counted."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.pageviews import counted_paths
from tests.conftest import add_article, clear_caches, column_at
from yearly_report.models import PageViewDay
from yearly_report.visits import flush

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


@pytest.fixture(autouse=True)
def fresh_caches():
    clear_caches()


@pytest.fixture
def article(portal):
    return add_article(column_at(portal, "xwdt/zwyw"), "全市体育场馆免费开放")


def visit(client, url, agent=BROWSER, **headers):
    return client.get(url, HTTP_HOST="portal.test", HTTP_USER_AGENT=agent, **headers)


def test_a_public_page_request_writes_nothing_to_the_database(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders the page
    visit(client, article.url)  # warm Wagtail's own caches
    with CaptureQueriesContext(connection) as queries:
        assert visit(client, article.url).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert not PageViewDay.objects.exists()


def test_views_and_visits_are_flushed_per_page_and_day(client, portal, article):
    visit(client, article.url)  # from outside: a visit
    visit(client, article.url, HTTP_REFERER="http://portal.test/")  # from the site itself
    visit(client, article.url, HTTP_REFERER="https://www.baidu.com/s?wd=体育场馆")  # a visit
    visit(client, "/", HTTP_REFERER="http://portal.test/xwdt/")
    assert flush() == 2
    row = PageViewDay.objects.get(site=portal, page=article)
    assert (row.views, row.visits, row.day) == (3, 2, timezone.localdate())
    home = PageViewDay.objects.get(site=portal, path="/")
    assert (home.views, home.visits, home.page_id) == (1, 0, portal.root_page_id)
    # Running again writes the same totals; more views raise them.
    flush()
    visit(client, article.url)
    flush()
    row.refresh_from_db()
    assert (row.views, row.visits) == (4, 3) and PageViewDay.objects.count() == 2


def test_pages_from_the_page_cache_are_counted_too_without_a_query(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert visit(client, article.url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        assert visit(client, article.url)["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert [row[2] for row in counted_paths(timezone.localdate())] == [2]


def test_host_names_of_one_site_add_up(client, portal, article):
    visit(client, article.url)
    client.get(article.url, HTTP_HOST="portal.test:80", HTTP_USER_AGENT=BROWSER)
    flush()
    assert PageViewDay.objects.get(site=portal, page=article).views == 2


def test_bots_staff_admin_and_errors_are_not_counted(client, article, django_user_model):
    visit(client, article.url, agent="Mozilla/5.0 (compatible; Baiduspider/2.0)")
    visit(client, article.url, agent="")  # monitoring's own fetches send none
    visit(client, article.url, agent="python-requests/2.32")
    visit(client, "/no-such-page/")
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "pw"))
    visit(client, article.url)
    visit(client, "/admin/")
    assert counted_paths(timezone.localdate()) == []


def test_nothing_about_the_visitor_is_kept(client, article):
    visit(client, article.url, REMOTE_ADDR="203.0.113.7")
    flush()
    stored = list(PageViewDay.objects.values())
    assert stored and "203.0.113.7" not in str(stored)
    assert all("203.0.113.7" not in str(value) for value in cache._cache.values())
