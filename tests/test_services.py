"""Interfaces for others: health check, API v2, sitemap, robots.txt."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from wagtail.models import PageViewRestriction

from tests.conftest import add_article, column_at

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_reports_database_and_queue(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert report["database"]["status"] == "ok"
    assert report["queue"]["status"] == "ok"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(database_url):
    """Start the app under gunicorn, as production runs it, against the given database."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, port


def get_json(url, wait=60):
    """GET a JSON answer, waiting for a server that is still starting (on a busy machine a
    gunicorn worker takes a while to import the app)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=wait) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.parametrize(
    "database_url",
    ["sqlite:////nonexistent-directory/db.sqlite3", "postgres://nobody@127.0.0.1:1/nothing"],
    ids=["sqlite-file-missing", "postgres-unreachable"],
)
def test_healthz_reports_a_broken_database_as_unhealthy_over_http(database_url):
    process, port = serve(database_url)
    try:
        status, report = get_json(f"http://127.0.0.1:{port}/healthz")
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert status == 503
    assert report["status"] == "error"
    assert report["database"]["status"] == "error"


def test_api_lists_only_live_public_pages(client, portal):
    column = column_at(portal, "tzgg")
    add_article(column, "公开的通知")
    add_article(column, "未发布的草稿", live=False)
    private = add_article(column, "内部通知")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/api/v2/pages/?type=home.ArticlePage&fields=source,date", HTTP_HOST="portal.test")
    titles = [item["title"] for item in response.json()["items"]]
    assert "公开的通知" in titles
    assert "未发布的草稿" not in titles
    assert "内部通知" not in titles


def test_sitemap_and_robots_are_per_site(client, portal, sport):
    add_article(column_at(portal, "tzgg"), "门户网站的通知")
    portal_map = client.get("/sitemap.xml", HTTP_HOST="portal.test").content.decode()
    sport_map = client.get("/sitemap.xml", HTTP_HOST="sport.test").content.decode()
    assert "http://portal.test/tzgg/" in portal_map
    assert "portal.test" not in sport_map and "http://sport.test/gzdt/" in sport_map
    assert "gjzwfw" not in portal_map  # link columns forward elsewhere; not listed

    robots = client.get("/robots.txt", HTTP_HOST="sport.test").content.decode()
    assert "Sitemap: http://sport.test/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots


def test_sqlite_file_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    """Concurrent form posts wait for the writer instead of failing with 'database is locked'."""
    script = (
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    mode, timeout = out.stdout.split()[-2:]
    assert mode == "wal"
    assert int(timeout) >= 5000
