"""`seed_demo` builds a believable, healthy site group, and a second run changes nothing."""

import io
import os

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from demo.monitoring import EMPTY_COLUMN, STALE_COLUMN
from demo.site_group import DEMO_PASSWORD
from home.models import ArticlePage, ColumnPage

PLANTED = {STALE_COLUMN, EMPTY_COLUMN}


def dump():
    out = io.StringIO()
    call_command("dumpdata", exclude=["contenttypes", "auth.permission"], stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(without_shared_sites):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_twice_leaves_the_same_database(demo):
    before = dump()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "新增文章 0 篇" in out.getvalue()
    assert dump() == before


def test_demo_site_group_is_complete_and_healthy(demo, client):
    assert {s.hostname: s.site_name for s in Site.objects.all()} == {
        "localhost": "云州市人民政府",
        "sport.localhost": "云州市体育局",
        "county.localhost": "青山县人民政府",
    }
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
    assert f"密码 {DEMO_PASSWORD}" in demo
    login = RequestFactory().post("/admin/login/")  # the login throttle (django-axes) reads the request
    assert authenticate(login, username="admin", password=DEMO_PASSWORD).is_superuser
    editor = authenticate(login, username="sport_editor", password=DEMO_PASSWORD)
    assert [g.name for g in editor.groups.all()] == ["云州市体育局-编辑"]

    # Every column has content within its update limit, but for the problems planted for monitoring.
    now = timezone.now()
    for column in ColumnPage.objects.live():
        if column.is_link or ColumnPage.objects.child_of(column).exists() or column.slug in PLANTED:
            continue
        newest = ArticlePage.objects.live().descendant_of(column).order_by("-date").first()
        assert newest is not None, f"empty column {column.url_path}"
        if column.update_limit:
            assert now - newest.date < column.update_limit, f"stale column {column.url_path}"

    # Pages render, with text taken from the seed documents.
    home = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "云州市人民政府" in home and "政务要闻" in home and "政务公开专题" in home
    sport = client.get("/", HTTP_HOST="sport.localhost").content.decode()
    assert "全民健身" in sport and "体育宣传文化" in sport
    notice = ArticlePage.objects.get(title__contains="进一步加强信息发布报送工作的通知")
    html = client.get(notice.url, HTTP_HOST="sport.localhost").content.decode()
    assert "各司、局，各直属单位" in html
    assert "总局各厅、司、局的制度性文件" not in html  # page-header noise of the scanned original
    bodies = [str(article.body.raw_data) for article in ArticlePage.objects.live()]
    for word in ("政务公开", "领导信箱", "更新周期", "依申请公开"):
        assert any(word in body for body in bodies), word


def test_seed_demo_registers_the_sites_on_the_port_they_are_served_on(demo, monkeypatch):
    """`make run` exports PORT: links across sites, feeds and sitemaps are built from it."""
    assert set(Site.objects.values_list("port", flat=True)) == {int(os.environ.get("PORT", "8000"))}
    monkeypatch.setenv("PORT", "8123")
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert set(Site.objects.values_list("port", flat=True)) == {8123}
    assert "云州市体育局: http://sport.localhost:8123/" in out.getvalue()

    monkeypatch.setenv("PORT", "80a")
    with pytest.raises(CommandError, match="PORT 应为 1 到 65535 之间的端口号"):
        call_command("seed_demo", stdout=io.StringIO())
    assert set(Site.objects.values_list("port", flat=True)) == {8123}
