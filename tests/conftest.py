import shutil
import sqlite3
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from home.models import ArticlePage, ColumnPage
from home.subsites import create_subsite


def restore_wagtail_base():
    """Transactional tests (the live server needs committed data) flush every table afterwards,
    including the rows Wagtail's data migrations made; put back the ones the platform needs."""
    Locale.objects.get_or_create(language_code="zh-hans")
    if not Page.get_first_root_node():
        Page.add_root(title="Root", slug="root")
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    # wagtail-localize hangs its permission off a content type without a model, so only its
    # migration makes it.
    translation = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")[0]
    Permission.objects.get_or_create(
        content_type=translation, codename="submit_translation", defaults={"name": "Can submit translations"}
    )


# The sites most tests read, built once per run: a blueprint's column tree takes seconds to create.
# Tests see them through their own rolled-back transaction; transactional tests (which flush the
# database) run last and build their own.
SITE_GROUP = {
    "portal": lambda: create_subsite("portal.test", "测试市人民政府", "portal", identity={"site_code": "5399000001"}),
    "sport": lambda: create_subsite("sport.test", "测试市体育局", "sport"),
}
HOSTNAMES = {"portal": "portal.test", "sport": "sport.test"}
# The migrated, empty SQLite test database as a file other processes can open (taken before any test
# runs: a later copy of the in-memory database can wait forever on a lock a finished test left).
MIGRATED_SQLITE = Path(tempfile.mkdtemp(prefix="govportal-migrated-")) / "db.sqlite3"
TEST_DATABASE = {"ready": False}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        restore_wagtail_base()
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(MIGRATED_SQLITE) as copy:
                connection.connection.backup(copy)
                copy.execute("DELETE FROM wagtailcore_site")  # Wagtail's welcome site: no site, as after a flush
        for build in SITE_GROUP.values():
            build()
    TEST_DATABASE["ready"] = True


@pytest.fixture
def migrated_database_url(transactional_db, tmp_path):
    """A migrated database without sites that a server started by the test can use: a copy of the
    SQLite test database, or the PostgreSQL test database itself (emptied: the test is transactional)."""
    if connection.vendor == "sqlite":
        shutil.copy(MIGRATED_SQLITE, tmp_path / "db.sqlite3")
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    # A transactional test before this one flushed every table, Wagtail's own rows too.
    restore_wagtail_base()
    Site.objects.all().delete()
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    )


def flush_shared_sites():
    if Site.objects.filter(hostname__in=HOSTNAMES.values()).exists():
        call_command("flush", interactive=False, verbosity=0)
        restore_wagtail_base()


@pytest.fixture(autouse=True)
def flush_before_transactional_tests(request, django_db_blocker):
    """A transactional test starts from an empty site group, as it would without the shared sites."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction")
    if not (transactional or {"transactional_db", "live_server"} & set(request.fixturenames)):
        return
    with django_db_blocker.unblock():
        flush_shared_sites()


def shared_site(key):
    """The session's site, or a new one inside this test's transaction if a flush removed it."""
    return Site.objects.filter(hostname=HOSTNAMES[key]).select_related("root_page").first() or SITE_GROUP[key]()


@pytest.fixture
def without_shared_sites(db):
    """For a test about everything in the database (the demo alone, bulk counts): the shared
    sites are deleted inside its transaction, so they are back for the next test."""
    for site in Site.objects.filter(hostname__in=HOSTNAMES.values()).select_related("root_page"):
        site.root_page.delete()


def clear_caches():
    """Every cache, the shared rate-limit counts and used captchas (a table) included once the
    test database exists."""
    for cache in caches.all():
        if TEST_DATABASE["ready"] or not isinstance(cache, DatabaseCache):
            cache.clear()


@pytest.fixture(autouse=True)
def empty_caches(django_db_blocker):
    """Cached pages and Wagtail's site root paths outlive a test's rolled-back data. The rate-limit
    table is emptied before the test's own transaction, if it has one, begins."""
    with django_db_blocker.unblock():
        clear_caches()


@pytest.fixture(autouse=True)
def steady_rate_windows(monkeypatch):
    """django-ratelimit counts in fixed windows aligned to the clock: a test of "the 61st search in
    a minute is refused" failed whenever its searches straddled a window's end. Its clock stands
    still during a test (a test may still move it, as the survey test does)."""
    import types

    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: now))


@pytest.fixture
def portal(db):
    return shared_site("portal")


@pytest.fixture
def sport(db):
    return shared_site("sport")


def column_at(site, path):
    page = site.root_page
    for slug in path.split("/"):
        page = page.get_children().get(slug=slug)
    return page.specific


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_article(parent, title, days_ago=0, live=True, **fields):
    fields.setdefault("body", [("paragraph", f"<p>{title}的正文。</p>")])
    article = ArticlePage(title=title, live=False, date=timezone.now() - timedelta(days=days_ago), **fields)
    parent.add_child(instance=article)
    if live:
        publish(article)
        # As if it had been published on the date it shows.
        Page.objects.filter(pk=article.pk).update(first_published_at=article.date, last_published_at=article.date)
        article.refresh_from_db()
    else:
        article.save_revision()
    return article


@pytest.fixture
def make_column():
    def make(parent, title, slug, **fields):
        column = ColumnPage(title=title, slug=slug, **fields)
        parent.add_child(instance=column)
        return publish(column)

    return make
