"""Cold pages: how fast a page the page cache does not hold is served, and how many readers meet one
while editors publish.

    .venv/bin/python bench/cold_bench.py               # the demo site group (seed_demo in a fresh SQLite file)
    .venv/bin/python bench/cold_bench.py --reuse       # measure again on the last database
    .venv/bin/python bench/cold_bench.py --reuse --size 100k \
        --database-url sqlite:////tmp/copy-of-site-large.sqlite3   # a site_build group (a copy: bursts publish)

1. Builds the demo (`seed_demo`) in a database of its own and serves it with gunicorn (production
   settings, gunicorn.conf.py, 2 workers unless --workers), the embedded setup: page cache on disk,
   django-q2's ORM broker.
2. Throughput, page cache off: a static file (whitenoise, the ceiling), article pages and column
   pages, each as a ratio to the static file in the same run.
3. A publish burst, page cache on: readers (threads, keep-alive) read the demo's home pages, columns
   and articles, and every article as soon as it is published; meanwhile articles are published into
   columns of every site, one a second. The share of cold answers (X-Page-Cache: miss) is measured
   with the worker rendering the invalidated pages (home.prerender) and without.
4. Writes bench/results/cold-<database>-<size>.json and .md.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
sys.path[:0] = [str(ROOT), str(BENCH)]

import site_load  # noqa: E402

TARGET_ARTICLE = 0.20  # cold article pages serve at least this share of the static file's requests/s
TARGET_COLUMN = 0.15


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(args, work):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "site_settings",
            "DATABASE_URL": args.database_url,
            "SECRET_KEY": "cold-bench-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "localhost,.localhost,127.0.0.1,.bench.test",
            "SECURE_SSL_REDIRECT": "false",
            "SITE_BENCH_STATIC_ROOT": str(work / "static"),
            "SITE_BENCH_CACHE_PREFIX": f"coldbench-{uuid.uuid4().hex[:8]}",
            "SITE_BENCH_PAGE_CACHE_DIR": str(work / "page-cache"),
            "CACHE_DIR": str(work / "cache"),
            "MEDIA_ROOT": str(work / "media"),
            "PRIVATE_MEDIA_ROOT": str(work / "private"),
            "FORM_RATE_LIMITS": "false",
            "WEB_CONCURRENCY": str(args.workers),
            "BIND_IPV6": "false",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(BENCH), os.environ.get("PYTHONPATH", "")]),
        }
    )
    os.environ.pop("REDIS_URL", None)  # the embedded setup: another session's worker may share a Redis queue


@contextmanager
def processes(port, page_cache_seconds, prerender, logfile, worker=False):
    """gunicorn on `port` (and a django-q2 cluster when `worker`), stopped on exit."""
    env = dict(os.environ, PAGE_CACHE_SECONDS=str(page_cache_seconds), PAGE_CACHE_PRERENDER=str(prerender).lower())
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"]
    command += ["--access-logfile", "/dev/null", "--max-requests", "0", "--no-control-socket", "config.wsgi"]
    started = []
    with open(logfile, "ab") as out:
        started.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT))  # noqa: S603
        if worker:
            cluster = [sys.executable, "manage.py", "qcluster"]
            started.append(subprocess.Popen(cluster, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT))  # noqa: S603
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if fetch(port, "localhost", "/robots.txt")[0] < 500:
                    break
            except OSError:
                pass
            if started[0].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {logfile}")
            time.sleep(0.5)
        yield started[0].pid
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def fetch(port, host, path, cookie=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": host, **({"Cookie": cookie} if cookie else {})})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("X-Page-Cache")
    finally:
        conn.close()


# What readers read


def reading_targets():
    """(host, path) of the demo's home pages, the first pages of columns that list articles, and the
    latest articles; `columns` maps each column's address to its id (where the burst publishes)."""
    from wagtail.models import Site

    from home.models import ArticlePage, ColumnPage

    targets = {"home": [], "column": [], "article": [], "columns": {}}
    for site in Site.objects.select_related("root_page").order_by("pk"):
        host = site.root_url.split("://", 1)[1]
        targets["home"].append([host, "/"])
        articles = ArticlePage.objects.live().public().descendant_of(site.root_page)
        parents = {article.path[: -ArticlePage.steplen] for article in articles.only("path")}
        for column in ColumnPage.objects.live().public().filter(path__in=parents).order_by("path"):
            path = column.relative_url(site)
            targets["column"].append([host, path])
            targets["columns"][f"{host}{path}"] = column.pk
        for article in articles.order_by("-date")[:40]:
            targets["article"].append([host, article.relative_url(site)])
    return targets


def server_cpu_seconds(pid):
    """CPU time (user + system) used so far by gunicorn's master `pid` and its workers."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def throughput(port, server_pid, targets, static, args):
    """Requests/s of each kind, and the server's CPU time per request: on a machine shared with other
    work the throughput ratio moves with the load, the CPU time a request costs much less."""
    figures = {}
    for kind, items in (("static", [static]), ("article", targets["article"]), ("column", targets["column"])):
        site_load.run(items, port, args.connections, 2)  # discarded: workers warm up
        cpu = server_cpu_seconds(server_pid)
        figures[kind] = site_load.run(items, port, args.connections, args.duration)
        cpu = server_cpu_seconds(server_pid) - cpu
        figures[kind]["server_cpu_ms_per_request"] = round(cpu * 1000 / max(figures[kind]["requests"], 1), 2)
        log(
            f"  冷 {kind:<8} {figures[kind]['rps']:>8.1f} 请求/秒  p50 {figures[kind]['p50_ms']:>6.1f} ms  "
            f"服务器 CPU {figures[kind]['server_cpu_ms_per_request']:.2f} ms/请求"
        )
    for kind in ("article", "column"):
        f = figures[kind]
        f["share_of_static"] = round(f["rps"] / figures["static"]["rps"], 3)
        f["cpu_share_of_static"] = round(
            figures["static"]["server_cpu_ms_per_request"] / max(f["server_cpu_ms_per_request"], 0.001), 3
        )
    return figures


# The publish burst


class Readers:
    """Threads reading the targets (and each new article) and counting cached and cold answers."""

    def __init__(self, port, targets, connections):
        self.port, self.targets, self.lock = port, list(targets), threading.Lock()
        self.counts = {"hit": 0, "miss": 0, "other": 0, "errors": 0}
        self.failures = {}
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(n,)) for n in range(connections)]

    def add(self, target):
        with self.lock:
            self.targets.append(target)

    def read(self, seed):
        chooser = random.Random(seed)  # noqa: S311 not for security
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while not self.stop.is_set():
            with self.lock:
                host, path = chooser.choice(self.targets)
            # One reader in ten uses 长者模式 (elder mode), which the cache keeps apart.
            headers = {"Host": host, **({"Cookie": "portal_mode=elder"} if chooser.random() < 0.1 else {})}
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                state = response.getheader("X-Page-Cache") or "other"
                key, failure = (state, None) if response.status == 200 else ("errors", f"HTTP {response.status} {path}")
            except (OSError, http.client.HTTPException) as error:
                key, failure = "errors", f"{type(error).__name__} {path}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            with self.lock:
                self.counts[key] += 1
                if failure:
                    self.failures[failure] = self.failures.get(failure, 0) + 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def burst(port, targets, args, prerender, label):
    """Publish `args.publishes` articles, one every `args.interval` seconds, while readers read."""
    from django.conf import settings
    from django.utils import timezone

    from home.models import ArticlePage, ColumnPage

    settings.PAGE_CACHE_PRERENDER = prerender  # the publishing process queues the rendering
    every = [t for kind in ("home", "column", "article") for t in targets[kind]]
    # Every page in the cache, as on a site that has been read for a while; a column that forwards
    # readers elsewhere (a redirect) is not read.
    every = [[host, path] for host, path in every if fetch(port, host, path)[0] == 200]
    chosen = [
        ((host, path), ColumnPage.objects.get(pk=targets["columns"][f"{host}{path}"]))
        for host, path in targets["column"]
        if [host, path] in every
    ]
    random.Random(7).shuffle(chosen)  # noqa: S311 not for security
    stamp = uuid.uuid4().hex[:6]
    with Readers(port, every, args.readers) as readers:
        time.sleep(2)
        with readers.lock:
            before = dict(readers.counts)
            readers.failures.clear()
        for n in range(args.publishes):
            (host, _), column = chosen[n % len(chosen)]
            article = ArticlePage(
                title=f"关于做好第{n + 1}批政务信息公开工作的通知（{stamp}）",
                slug=f"cold-{stamp}-{n}",
                date=timezone.now(),
                body=[("paragraph", "<p>各单位：现将有关事项通知如下，请认真贯彻执行。</p>")],
            )
            column.add_child(instance=article)
            article.save_revision().publish()
            readers.add([host, article.relative_url(article.get_site())])
            time.sleep(args.interval)
        time.sleep(args.interval)
        counts = {k: readers.counts[k] - before[k] for k in readers.counts}
        counts["failures"] = dict(readers.failures)
    pages = counts["hit"] + counts["miss"]
    counts["cold_share"] = round(counts["miss"] / pages, 4) if pages else None
    log(f"  {label}：{pages} 次页面请求，冷 {counts['miss']}（{counts['cold_share']:.1%}），错误 {counts['errors']}")
    return counts


# Report


def markdown(result):
    m, t = result["machine"], result["throughput"]
    lines = [
        f"# 冷页面基准 · {result['database']} · {result['size']}",
        "",
        f"{result['counts']['sites']} 个网站，{result['counts']['articles']} 篇文章。"
        f"机器：{m['cpu']}，{m['cores']} 核；{m['date']}。"
        f"gunicorn {result['workers']} 个 worker（生产配置），页面缓存在磁盘，django-q2 ORM 队列；"
        f"压测工具 {m['load_generator']}，{result['load']['connections']} 个连接 × {result['load']['duration']} 秒。"
        "机器与其他任务共享，数字有噪声；比值取自同一次运行。",
        "",
        "## 冷页面吞吐（页面缓存关闭），与静态文件之比",
        "",
        "| 页面 | 请求/秒 | p50 ms | p95 ms | 服务器 CPU ms/请求 | 请求/秒之比 | 按 CPU 之比 | 目标 | 结果 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, label, target in (
        ("static", "静态文件", None),
        ("article", "文章", TARGET_ARTICLE),
        ("column", "栏目第1页", TARGET_COLUMN),
    ):
        f = t[kind]
        share, cpu_share = f.get("share_of_static", 1.0), f.get("cpu_share_of_static", 1.0)
        verdict = "" if target is None else ("达到" if share >= target else "未达到")
        lines.append(
            f"| {label} | {f['rps']} | {f['p50_ms']} | {f['p95_ms']} | {f['server_cpu_ms_per_request']} | "
            f"{share:.3f} | {cpu_share:.3f} | {'' if target is None else f'≥ {target:.2f}'} | {verdict} |"
        )
    lines += [
        "",
        "请求/秒之比受同机其他任务影响大；按 CPU 之比 = 静态文件每请求的服务器 CPU 时间 / "
        "该页面每请求的服务器 CPU 时间。",
    ]
    lines += [
        "",
        f"## 发布高峰中的冷页面比例（{result['burst']['publishes']} 篇文章，每 {result['burst']['interval']} 秒一篇，"
        f"{result['burst']['readers']} 个读者并发）",
        "",
        "| 发布后 | 可缓存页面请求 | 缓存命中 | 冷页面 | 冷页面比例 | 不缓存的页面（带验证码的表单） | 错误 |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, label in (("prerender", "后台预渲染失效页面"), ("no_prerender", "不预渲染（由第一位读者渲染）")):
        c = result["burst"].get(key)
        if c is None:
            continue
        lines.append(
            f"| {label} | {c['hit'] + c['miss']} | {c['hit']} | {c['miss']} | {c['cold_share']:.1%} | {c['other']} | "
            f"{c['errors']} |"
        )
        for failure, count in sorted(c.get("failures", {}).items()):
            lines.append(f"|  错误：{failure} |  |  |  |  |  | {count} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="默认：临时目录中的 SQLite 文件（演示站群）")
    parser.add_argument("--reuse", action="store_true", help="复用上次生成的演示数据库")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--no-burst", action="store_true", help="只测冷页面吞吐")
    parser.add_argument("--size", default="demo", help="结果的规模标签与文件名，如 100k（复用 site_build 生成的库时）")
    args = parser.parse_args()

    work = Path(tempfile.gettempdir()) / "coldbench"
    work.mkdir(exist_ok=True)
    database_file = work / "demo.sqlite3"
    args.database_url = args.database_url or f"sqlite:///{database_file}"
    if not args.reuse and args.database_url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database_file}{suffix}").unlink(missing_ok=True)
    configure(args, work)

    import django

    django.setup()
    import site_bench
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django_q.models import OrmQ

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from wagtail.models import Site

    from home.models import ArticlePage

    if not Site.objects.exists() or not args.reuse:
        settings.PAGE_CACHE_PRERENDER = False  # the demo's own publishes are not the burst measured
        started = time.perf_counter()
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        log(f"演示站群已生成（{time.perf_counter() - started:.0f} 秒）")
    OrmQ.objects.all().delete()  # an empty queue: the worker does only what the bursts ask
    targets = reading_targets()
    static = ["localhost", "/static/" + site_bench.static_target(work / "static")]
    counts = {"sites": Site.objects.count(), "articles": ArticlePage.objects.count()}
    database = connection.vendor
    connections.close_all()

    port, logfile = free_port(), work / "gunicorn.log"
    result = {
        "database": database,
        "size": args.size,
        "counts": counts,
        "workers": args.workers,
        "machine": site_bench.machine(),
        "load": {"connections": args.connections, "duration": args.duration},
        "targets": targets,
    }
    log(f"冷页面吞吐：gunicorn {args.workers} 个 worker，页面缓存关闭")
    with processes(port, 0, False, logfile) as server_pid:
        result["throughput"] = throughput(port, server_pid, targets, static, args)
    result["burst"] = {"publishes": args.publishes, "interval": args.interval, "readers": args.readers}
    for key, prerender in () if args.no_burst else (("no_prerender", False), ("prerender", True)):
        log(f"发布高峰：{'后台预渲染' if prerender else '不预渲染'}")
        with processes(port, 600, prerender, logfile, worker=True):
            result["burst"][key] = burst(port, targets, args, prerender, key)
        connections.close_all()
    result["checks"] = {
        "cold_article_share": result["throughput"]["article"]["share_of_static"],
        "cold_column_share": result["throughput"]["column"]["share_of_static"],
        "cold_article_cpu_share": result["throughput"]["article"]["cpu_share_of_static"],
        "cold_column_cpu_share": result["throughput"]["column"]["cpu_share_of_static"],
    }
    RESULTS.mkdir(exist_ok=True)
    name = f"cold-{database}-{args.size}"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    text = markdown(result)
    (RESULTS / f"{name}.md").write_text(text)
    print(text)
    log(f"结果：bench/results/{name}.json, bench/results/{name}.md")


if __name__ == "__main__":
    main()
