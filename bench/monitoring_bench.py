"""Monitoring benchmark: the link checker against local HTTP servers answering with mixed
delays and status codes (links per second; every broken link found, no false alarm), and
the column freshness scan over many columns.

    .venv/bin/python bench/monitoring_bench.py --small   # 500 links, 500 columns
    .venv/bin/python bench/monitoring_bench.py           # 5,000 links, 5,000 columns
"""

import argparse
import json
import os
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOSTS = [f"127.0.0.{n}" for n in range(1, 9)]  # every 127.x address is the loopback on Linux
TIMEOUT = 1.0


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default 5 drops connections under load: false timeouts

    def handle_error(self, request, client_address):
        pass  # a client that gave up on a slow answer is expected here


class Handler(BaseHTTPRequestHandler):
    """/<kind>/<delay ms>/<n>: ok, missing (404), error (500), slow (past the timeout),
    loop (redirects to itself via a twin), moved (one redirect to ok)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802
        _, kind, delay, n = self.path.split("/")
        time.sleep(int(delay) / 1000)
        if kind in ("loop", "moved"):
            target = {"loop": f"/loop-b/0/{n}", "moved": f"/ok/0/{n}"}[kind]
            return self._reply(302, location=target)
        if kind == "loop-b":
            return self._reply(302, location=f"/loop/0/{n}")
        self._reply({"ok": 200, "missing": 404, "error": 500, "slow": 200}[kind])

    def _reply(self, status, location=None):
        body = b"<html><body>bench</body></html>"
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def start_servers():
    servers = []
    for host in HOSTS:
        server = Server((host, 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers


MIX = [  # kind, share, delay range (ms), broken?
    ("ok", 0.78, (0, 60), False),
    ("moved", 0.05, (0, 20), False),
    ("missing", 0.06, (0, 20), True),
    ("error", 0.05, (0, 20), True),
    ("slow", 0.03, (int(TIMEOUT * 1000) + 300, int(TIMEOUT * 1000) + 600), True),
    ("loop", 0.03, (0, 10), True),
]


def make_links(servers, count, rng):
    links = {}
    kinds = rng.choices(MIX, weights=[m[1] for m in MIX], k=count)
    for n, (kind, _, (low, high), broken) in enumerate(kinds):
        server = servers[n % len(servers)]
        host, port = server.server_address
        links[f"http://{host}:{port}/{kind}/{rng.randint(low, high)}/{n}"] = broken
    return links


def bench_links(count):
    from monitoring.http import LinkChecker

    servers = start_servers()
    links = make_links(servers, count, random.Random(7))
    checker = LinkChecker(timeout=TIMEOUT, retries=0, workers=64, per_host=8, host_interval=0)
    started = time.monotonic()
    results = checker.check_all(list(links))
    elapsed = time.monotonic() - started
    expected = {url for url, broken in links.items() if broken}
    found = {url for url, result in results.items() if not result.ok}
    missed, false_alarms = expected - found, found - expected
    for url in sorted(missed | false_alarms)[:10]:
        print(f"  ! {url}: {results[url].describe()}")
    print(f"链接检查：{count} 个链接（{len(expected)} 个失效），{len(HOSTS)} 个主机，每主机并发 {checker.per_host}")
    print(f"  用时 {elapsed:.2f} 秒，{count / elapsed:.0f} 个/秒")
    print(f"  漏报 {len(missed)} 个，误报 {len(false_alarms)} 个")
    for server in servers:
        server.shutdown()
    figures = {"links": count, "link_seconds": round(elapsed, 2), "links_per_second": round(count / elapsed)}
    return not missed and not false_alarms, figures | {"missed": len(missed), "false_alarms": len(false_alarms)}


def bench_freshness(count):
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from home.subsites import create_subsite
    from monitoring.checks.columns import check_empty_columns, check_freshness

    # Building thousands of pages: keep the search index out of the set-up.
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    site = create_subsite("bench.test", "基准测试网站", "department")
    with transaction.atomic():
        expected_stale, expected_empty = _build_columns(site.root_page, count, random.Random(11), timezone.now())
    print(f"栏目更新：准备 {count} 个栏目用时 {time.monotonic() - started:.1f} 秒")

    started = time.monotonic()
    stale = [o for o in check_freshness(site) if o.severity == "error" and o.page.slug.startswith("c")]
    empty = [o for o in check_empty_columns(site) if o.page.slug.startswith("c")]
    elapsed = time.monotonic() - started
    print(f"  扫描用时 {elapsed:.2f} 秒（{count / elapsed:.0f} 个栏目/秒）")
    print(f"  超期 {len(stale)} 个（应为 {expected_stale}），空栏目 {len(empty)} 个（应为 {expected_empty}）")
    ok = len(stale) == expected_stale and len(empty) == expected_empty
    figures = {"columns": count, "column_scan_seconds": round(elapsed, 2)}
    return ok, figures | {"columns_per_second": round(count / elapsed)}


def _build_columns(home, count, rng, now):
    """`count` news columns whose one item is 1 to 60 days old, or which are empty."""
    from datetime import timedelta

    from home.models import ArticlePage, ColumnPage

    stale = empty = 0
    for n in range(count):
        column = home.add_child(instance=ColumnPage(title=f"栏目{n}", slug=f"c{n}", live=True))
        age = rng.choice([None, 1, 5, 13, 20, 60])
        if age is None:
            empty += 1
            continue
        stale += age > 14
        column.add_child(instance=ArticlePage(title=f"信息{n}", slug="a", live=True, date=now - timedelta(days=age)))
    return stale, empty


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="500 个链接和栏目，几秒钟跑完")
    args = parser.parse_args()
    count = 500 if args.small else 5000
    os.chdir(ROOT)
    links_ok, links = bench_links(count)
    columns_ok, columns = bench_freshness(count)
    ok = links_ok and columns_ok
    result = {"correct": ok, **links, **columns}
    (ROOT / "bench" / "results" / "monitoring.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print("结果正确" if ok else "结果有误")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
