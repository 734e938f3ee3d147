"""The monitoring checks against real pages and a local HTTP server: links, column freshness
and emptiness, content quality, personal data, availability and tampering; findings are
recorded once and resolved when fixed."""

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.test import Client
from django_q.models import Schedule

from home.models import UpdateCategory
from home.personal_data import is_resident_id, summary
from monitoring.checks.tampering import hidden_links
from monitoring.http import LinkChecker, Outcome
from monitoring.models import ContentRule, Finding, FindingStatus, Severity
from monitoring.registry import run_check
from tests.conftest import add_article, column_at

# A local server: each path answers as its name says (/ok, /missing, /error, /slow, /loop);
# `pages` serves fixed HTML at other paths.


class Handler(BaseHTTPRequestHandler):
    pages = {}  # path → HTML served with 200
    slow_seconds = 1.0

    def do_GET(self):  # noqa: N802 (the standard library's name)
        path = self.path.split("?")[0]
        if path in self.pages:
            self._send(200, self.pages[path])
        elif path == "/ok" or path.startswith("/ok/"):
            self._send(200, "<html><body>ok</body></html>")
        elif path.startswith("/missing"):
            self._send(404, "not found")
        elif path.startswith("/error"):
            self._send(500, "error")
        elif path.startswith("/slow"):
            time.sleep(self.slow_seconds)
            self._send(200, "late")
        elif path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop-b" if path == "/loop" else "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, "not found")

    def _send(self, status, body):
        data = body.encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    handler = type("TestHandler", (Handler,), {"pages": {}, "slow_seconds": 1.0})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.handler = handler
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def quick_links(settings):
    settings.MONITORING_LINKS = {"timeout": 0.3, "retries": 1, "backoff": 0.01, "host_interval": 0}


def findings(site, check, **filters):
    return Finding.objects.filter(site=site, check_name=check, **filters)


# Links


def test_each_http_answer_is_classified(server):
    checker = LinkChecker(timeout=0.3, retries=1, backoff=0.01)
    names = ["ok", "missing", "error", "slow", "loop"]
    results = checker.check_all([f"{server.base}/{name}" for name in names] + ["ftp://example.org/x"])
    outcome = {name: results[f"{server.base}/{name}"] for name in names}
    assert outcome["ok"].ok and outcome["ok"].status == 200
    assert (outcome["missing"].outcome, outcome["missing"].status) == (Outcome.BROKEN, 404)
    assert (outcome["error"].outcome, outcome["error"].status) == (Outcome.SERVER_ERROR, 500)
    assert outcome["slow"].outcome == Outcome.TIMEOUT and outcome["slow"].attempts == 2  # retried once
    assert outcome["loop"].outcome == Outcome.REDIRECT_LOOP
    assert results["ftp://example.org/x"].outcome == Outcome.INVALID
    # A closed port: unreachable, not a crash.
    closed = LinkChecker(timeout=0.3, retries=0).check("http://127.0.0.1:9/")
    assert closed.outcome == Outcome.UNREACHABLE


@pytest.mark.django_db
def test_broken_links_in_published_pages_become_findings(sport, server, quick_links):
    column = column_at(sport, "gzdt")
    links = [
        ("link", {"title": name, "page": None, "url": f"{server.base}/{name}"})
        for name in ("ok", "missing", "error", "slow", "loop")
    ]
    body = [
        (
            "paragraph",
            '<p><a href="/gzdt/">工作动态</a> <a href="/no-such-column/">旧栏目</a> <a href="mailto:a@b.cn">信</a></p>',
        )
    ]
    page = add_article(column, "关于开展全民健身活动的通知", body=body, related_links=links)
    add_article(
        column,
        "未发布的草稿",
        live=False,
        related_links=[("link", {"title": "草稿", "page": None, "url": f"{server.base}/missing/draft"})],
    )

    summary = run_check("links", sport)

    found = {f.target: f for f in findings(sport, "links")}
    assert set(found) == {f"{server.base}/{n}" for n in ("missing", "error", "slow", "loop")} | {"/no-such-column/"}
    missing = found[f"{server.base}/missing"]
    assert missing.page_id == page.pk and missing.severity == Severity.ERROR
    assert "HTTP 404" in missing.detail and "链接文字：missing" in missing.detail
    assert missing.department.name == "办公室" and "责任单位：办公室" in missing.detail
    assert found[f"{server.base}/slow"].severity == Severity.WARNING
    assert "站内页面不存在" in found["/no-such-column/"].title
    assert summary.new == 5


# Columns


@pytest.fixture
def columns(sport, make_column):
    home = sport.root_page
    made = {
        "fresh": make_column(home, "新鲜栏目", "fresh"),
        "almost": make_column(home, "将超期栏目", "almost"),
        "stale": make_column(home, "超期栏目", "stale"),
        "empty": make_column(home, "空白栏目", "empty"),
        "basic": make_column(home, "机构职能", "basic", update_category=UpdateCategory.BASIC),
        "link": make_column(home, "转向栏目", "link", link_url="https://www.gov.cn/"),
        "custom": make_column(home, "自定义时限", "custom", max_interval_days=5),
    }
    add_article(made["fresh"], "今天的动态", days_ago=1)
    add_article(made["almost"], "十二天前的动态", days_ago=12)  # 12 of 14 days: past 80%
    add_article(made["stale"], "二十天前的动态", days_ago=20)
    add_article(made["basic"], "三年前的职能介绍", days_ago=1000)
    add_article(made["custom"], "六天前的动态", days_ago=6)
    return made


@pytest.mark.django_db
def test_stale_almost_stale_and_empty_columns_are_found_and_fresh_ones_are_not(sport, columns):
    run_check("freshness", sport)
    run_check("empty_columns", sport)
    fresh = {f.page_id: f for f in findings(sport, "freshness")}
    empty = {f.page_id for f in findings(sport, "empty_columns")}

    assert fresh[columns["stale"].pk].severity == Severity.ERROR
    assert "超期未更新" in fresh[columns["stale"].pk].title
    assert fresh[columns["almost"].pk].severity == Severity.WARNING
    assert "即将超期" in fresh[columns["almost"].pk].title
    assert fresh[columns["custom"].pk].severity == Severity.ERROR  # 6 days past its own 5-day limit
    for exempt in ("fresh", "basic", "link", "empty"):
        assert columns[exempt].pk not in fresh
    assert columns["empty"].pk in empty
    assert not {columns[name].pk for name in ("fresh", "stale", "link", "basic")} & empty
    # A column with sub-columns is judged through them, not itself.
    assert column_at(sport, "qmjs").pk not in empty and column_at(sport, "qmjs/dtxx").pk in empty


@pytest.mark.django_db
def test_a_rerun_adds_no_duplicates_and_resolves_what_was_fixed(sport, columns):
    first = run_check("freshness", sport)
    again = run_check("freshness", sport)
    assert (again.found, again.new, again.resolved) == (first.found, 0, 0)
    assert findings(sport, "freshness").count() == first.found
    finding = findings(sport, "freshness").get(page=columns["stale"])
    seen = finding.first_seen

    add_article(columns["stale"], "终于更新了", days_ago=0)
    fixed = run_check("freshness", sport)
    assert fixed.resolved == 1 and fixed.new == 0
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED and finding.resolved_at is not None
    assert finding.first_seen == seen
    assert findings(sport, "freshness").count() == first.found


@pytest.mark.django_db
def test_ignored_findings_stay_ignored(sport, columns):
    run_check("empty_columns", sport)
    finding = findings(sport, "empty_columns").get(page=columns["empty"])
    finding.status = FindingStatus.IGNORED
    finding.save()
    run_check("empty_columns", sport)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.IGNORED


# Content


@pytest.mark.django_db
def test_sensitive_and_miswritten_words_in_published_pages(sport):
    ContentRule.objects.create(kind="misspelling", word="按装", correction="安装")
    ContentRule.objects.create(kind="sensitive", word="内部资料")
    column = column_at(sport, "gzdt")
    page = add_article(column, "健身器材按装完成", body=[("paragraph", "<p>本文为内部资料，按装工作已完成。</p>")])
    add_article(column, "草稿里的内部资料", live=False)
    run_check("content_quality", sport)
    titles = sorted(f.title for f in findings(sport, "content_quality"))
    assert titles == [
        f"“{page.title}”含敏感词“内部资料”（1 处）",
        f"“{page.title}”含错别字“按装”应为“安装”（2 处）",
    ]


def test_resident_id_checksum_and_mobile_numbers():
    assert is_resident_id("11010519491231002X")
    assert not is_resident_id("110105194912310021")
    found = summary("身份证 11010519491231002X，电话 13912345678，座机 0871-65100001，编号 110105194912310021")
    assert found == {"身份证号": ["110105********002X"], "手机号码": ["139****5678"], "固定电话": ["0871-****0001"]}


@pytest.mark.django_db
def test_personal_data_in_a_published_page_is_a_critical_finding(sport):
    column = column_at(sport, "gsgg")
    add_article(
        column, "获奖名单公示", body=[("paragraph", "<p>张三，身份证号11010519491231002X，电话13912345678。</p>")]
    )
    run_check("personal_data", sport)
    finding = findings(sport, "personal_data").get()
    assert finding.severity == Severity.CRITICAL
    assert "110105********002X" in finding.detail and "139****5678" in finding.detail
    assert "11010519491231002X" not in finding.detail + finding.title


# Availability and tampering


@pytest.fixture
def site_served_by(server, settings, sport):
    settings.MONITORING_ORIGIN = server.base
    settings.MONITORING_AVAILABILITY_BUDGET = 0.5
    return server


@pytest.mark.django_db
def test_availability_of_home_and_key_pages(sport, site_served_by):
    home_html = Client().get("/", HTTP_HOST=sport.hostname).content.decode()
    site_served_by.handler.pages["/"] = home_html
    run_check("availability", sport)
    found = findings(sport, "availability")
    assert not found.filter(page_id=sport.root_page_id).exists()
    assert found.exists() and all("HTTP 404" in f.title for f in found)  # the key columns are not served

    site_served_by.handler.pages.clear()
    run_check("availability", sport)
    home = findings(sport, "availability").get(page_id=sport.root_page_id)
    assert home.severity == Severity.CRITICAL and home.status == FindingStatus.OPEN


@pytest.mark.django_db
def test_defacement_and_hidden_links_are_found(sport, site_served_by):
    rendered = Client().get("/", HTTP_HOST=sport.hostname).content.decode()
    site_served_by.handler.pages["/"] = rendered
    run_check("tampering", sport)
    assert not findings(sport, "tampering", page_id=sport.root_page_id).exists()

    injected = '<div style="display:none"><a href="http://casino.example/">博彩</a></div>'
    site_served_by.handler.pages["/"] = rendered.replace("</body>", injected + "</body>")
    run_check("tampering", sport)
    found = {f.key.split(":")[0]: f for f in findings(sport, "tampering", page_id=sport.root_page_id)}
    assert set(found) == {"hidden_links", "defacement"}
    assert "http://casino.example/" in found["hidden_links"].detail
    assert found["defacement"].severity == Severity.CRITICAL


def test_hidden_links_by_style_class_and_attribute():
    html = """<style>.gone{display:none}</style>
    <a href="/seen">看得见</a><p class="gone"><a href="http://a.example/">a</a></p>
    <span style="position:absolute;left:-9999px"><a href="http://b.example/">b</a></span>
    <div hidden><a href="http://c.example/">c</a></div>"""
    assert set(hidden_links(html)) == {"http://a.example/", "http://b.example/", "http://c.example/"}


# Jobs


@pytest.mark.django_db
def test_run_monitoring_prints_a_summary(sport, columns):
    out = io.StringIO()
    call_command("run_monitoring", "--site", "sport.test", "--check", "empty_columns", stdout=out)
    assert "测试市体育局（sport.test） 空栏目：问题" in out.getvalue()
    assert findings(sport, "empty_columns", page=columns["empty"]).exists()


@pytest.mark.django_db
def test_schedules_exist_after_migrate():
    names = set(Schedule.objects.values_list("name", flat=True))
    assert {"监测·错链断链", "监测·栏目更新", "监测·空栏目", "定时发布（publish_scheduled）"} <= names
    publish_job = Schedule.objects.get(name="定时发布（publish_scheduled）")
    assert (publish_job.func, publish_job.args) == ("django.core.management.call_command", "'publish_scheduled'")
