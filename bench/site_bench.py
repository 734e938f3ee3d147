"""Site benchmark: generate a large site group, serve it with gunicorn, load it over HTTP.

    .venv/bin/python bench/site_bench.py --small     # 3 sites, 60 columns, 3,000 articles
    .venv/bin/python bench/site_bench.py             # 20 sites, 1,000 columns, 100,000 articles
    .venv/bin/python bench/site_bench.py --database-url postgres://postgres@127.0.0.1:5432/sitebench

1. Builds the group in a fresh database (SQLite file in the temp directory by default; a
   PostgreSQL database whose name starts with `sitebench` is dropped and created): sites and
   their blueprint columns through `create_subsite`, further columns and the articles in bulk,
   the search index through the backend (bench/site_build.py).
2. Serves it with gunicorn (gunicorn.conf.py, production settings, whitenoise for static files)
   on 127.0.0.1, once with the page cache off (cold) and once on (warm, every URL primed).
3. Loads home, column, deep column page, article, search and a static file (the ceiling) with
   wrk, or a Python load generator when wrk is missing: requests/s and p50/p95 at a fixed
   concurrency, and p95 at one client for cold article and column pages.
4. Counts database queries per page in-process (test client) and profiles cold pages.
5. Writes bench/results/site-<database>-<size>.json and .md, with the search and monitoring
   benchmarks' latest figures and the targets checked.
"""

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
sys.path[:0] = [str(ROOT), str(BENCH)]

import site_load  # noqa: E402

KINDS = ["home", "column", "deep", "article", "search", "static"]
LABELS = {
    "home": "首页",
    "column": "栏目列表第1页",
    "deep": "栏目列表第50页",
    "article": "文章",
    "search": "搜索",
    "static": "静态文件（上限）",
}
TARGET_WARM_SHARE = 0.30  # warm pages serve at least 30 % of the static file's requests/s
TARGET_COLD_P95_MS = 50  # cold article and column pages, one client
# The search page against the static file (issue 15): on the small (demo-size) group and at scale.
TARGET_SEARCH_SHARE = {"small": 0.10, "large": 0.05}
SEARCH_CASES = BENCH / "search_cases.toml"
SIZES = {"small": (3, 60, 3_000), "large": (20, 1_000, 100_000)}


def log(message):
    print(message, flush=True)


# Environment and database


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def prepare_database(url):
    """A fresh database: the SQLite file removed, or the PostgreSQL database dropped and created."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.startswith("sitebench"):
        sys.exit("--database-url: the benchmark drops and recreates its database; its name must start with sitebench")
    import psycopg

    admin = parsed._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def configure(args, static_root):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "site_settings",
            "DATABASE_URL": args.database_url,
            "SECRET_KEY": "site-bench-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": ".bench.test,127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "PAGE_CACHE_SECONDS": "0",
            # Every load client is one address: the search page's 60 a minute would answer 429.
            "FORM_RATE_LIMITS": "false",
            "SITE_BENCH_STATIC_ROOT": str(static_root),
            "SITE_BENCH_CACHE_PREFIX": f"sitebench-{uuid.uuid4().hex[:8]}",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(BENCH), os.environ.get("PYTHONPATH", "")]),
        }
    )
    if args.redis and redis_reachable():
        os.environ["REDIS_URL"] = args.redis_url
    else:
        os.environ.pop("REDIS_URL", None)


# In-process: queries per page, in-process time, profiles


def client_get(client, host, path):
    response = client.get(path, HTTP_HOST=host)
    if response.status_code != 200:
        raise RuntimeError(f"{host}{path}: HTTP {response.status_code}")
    return response


def in_process(targets, profile_requests):
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    figures = {}
    for kind in ["home", "column", "deep", "article", "search"]:
        host, path = targets[kind][0]
        client_get(client, host, path)  # per-process caches (site root paths…) as a server has them
        with CaptureQueriesContext(connection) as captured:
            client_get(client, host, path)
        queries = captured.captured_queries
        slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:3]
        timings = []
        for n in range(10):
            h, p = targets[kind][n % len(targets[kind])]
            started = time.perf_counter()
            client_get(client, h, p)
            timings.append((time.perf_counter() - started) * 1000)
        figures[kind] = {
            "url": f"http://{host}{path}",
            "queries": len(queries),
            "sql_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
            "median_ms": round(statistics.median(timings), 1),
            # The fastest of the ten: the least disturbed by other work on a shared machine.
            "min_ms": round(min(timings), 1),
            "slowest_sql": [{"ms": round(float(q["time"]) * 1000, 1), "sql": short_sql(q["sql"])} for q in slowest],
            "sql": [f"{float(q['time']) * 1000:.1f} ms {short_sql(q['sql'])}" for q in queries],
        }
        reset_queries()
    profiles = {}
    for kind in ["article", "column", "deep", "home"]:
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for n in range(profile_requests):
            client_get(client, *targets[kind][n % len(targets[kind])])
        profiler.disable()
        elapsed = (time.perf_counter() - started) * 1000 / profile_requests
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats(28)
        stats.sort_stats("tottime").print_stats(14)
        # The project's own functions (and template tags) on the way.
        stats.sort_stats("cumulative").print_stats(f"{ROOT}/(home|search|site|disclosure|interaction|mirrors)/", 20)
        profiles[kind] = {"ms_per_request_profiled": round(elapsed, 1), "text": compact_profile(text.getvalue())}
    return figures, profiles


def short_sql(sql):
    """A query without its column list: `SELECT … FROM … WHERE …`, at most 300 characters."""
    start = sql.find(" FROM ")
    if sql.startswith("SELECT") and start > 60:
        sql = "SELECT …" + sql[start:]
    return sql[:300]


def compact_profile(text):
    lines = []
    for line in text.splitlines():
        line = line.replace(str(ROOT / ".venv" / "lib"), "~").replace(str(ROOT) + "/", "")
        line = re.sub(r"/python3\.\d+/site-packages/", "/", line)
        if line.strip():
            lines.append(line.rstrip())
    return "\n".join(lines)


# The server and the load


@contextmanager
def server(port, page_cache_seconds, logfile):
    env = dict(os.environ)
    env.update(
        {
            "PAGE_CACHE_SECONDS": str(page_cache_seconds),
            "SITE_BENCH_CACHE_PREFIX": f"sitebench-{uuid.uuid4().hex[:8]}",
            "PORT": str(port),
            "BIND_IPV6": "false",
        }
    )
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"]
    # No access log (writing it costs the workers time), no worker recycling mid-measurement, and
    # no control socket (its default path is shared with every other gunicorn of this user).
    command += ["--access-logfile", "/dev/null", "--max-requests", "0", "--no-control-socket", "config.wsgi"]
    with open(logfile, "ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({process.returncode}); see {logfile}")
            try:
                if fetch(port, "127.0.0.1", "/robots.txt")[0] < 500:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 90 s; see {logfile}")
            time.sleep(0.5)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch(port, host, path):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def check_targets(port, targets):
    """Every URL answers 200 (and primes the page cache when it is on)."""
    bad = []
    for kind, items in targets.items():
        for host, path in items:
            status, _ = fetch(port, host, path)
            if status != 200:
                bad.append(f"{kind} {host}{path}: HTTP {status}")
    if bad:
        raise RuntimeError("URLs not answering 200:\n  " + "\n  ".join(bad[:20]))


def load_all(port, targets, args, label):
    figures = {}
    for kind in KINDS:
        site_load.run(targets[kind], port, args.connections, args.warmup)  # discarded: workers warm up
        figures[kind] = site_load.run(targets[kind], port, args.connections, args.duration)
        f = figures[kind]
        log(
            f"  {label} {LABELS[kind]:<10} {f['rps']:>8.1f} 请求/秒  p50 {f['p50_ms']:>6.1f} ms  "
            f"p95 {f['p95_ms']:>6.1f} ms  错误 {f['errors']}"
        )
    return figures


def one_client(port, targets, args):
    figures = {}
    for kind in ["article", "column", "home"]:
        figures[kind] = site_load.run(targets[kind], port, 1, args.duration)
        f = figures[kind]
        log(f"  单客户端 冷 {LABELS[kind]:<10} p50 {f['p50_ms']:>6.1f} ms  p95 {f['p95_ms']:>6.1f} ms")
    return figures


def static_target(static_root):
    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
    return manifest["paths"].get("css/site.css") or next(iter(manifest["paths"].values()))


# Reporting


def machine():
    cpu = "unknown"
    with suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import sqlite3

    from django.db import connection

    info = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_generator": site_load.tool(),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    return info


def other_benchmarks():
    found = {}
    for path in sorted(RESULTS.glob("search-*.json")):
        data = json.loads(path.read_text())
        found[path.stem] = {k: v for k, v in data.items() if not isinstance(v, (list, dict))}
    for path in sorted(RESULTS.glob("monitoring*.json")):
        data = json.loads(path.read_text())
        found[path.stem] = {k: v for k, v in data.items() if not isinstance(v, (list, dict))}
    return found


def search_mix(targets):
    """Many distinct searches, as citizens type them: the build's common words and every search
    case of bench/search_cases.toml (questions, typos, pinyin…), cycled over the sites, so that the
    warm run measures the results cache on a realistic mix rather than one repeated URL."""
    import tomllib

    cases = tomllib.loads(SEARCH_CASES.read_text(encoding="utf-8"))
    queries = [case["q"] for kind, items in cases.items() if not kind.startswith("qa") for case in items]
    hosts = [host for host, _ in targets["home"]]
    built = [path for _, path in targets["search"]]
    paths = built + [f"/search/?q={urllib.parse.quote(q)}" for q in dict.fromkeys(queries)]
    return [[hosts[n % len(hosts)], path] for n, path in enumerate(paths)]


def static_ceiling(result):
    """The static file's requests/s: the better of its two measurements (cold and warm server),
    since a burst of other work on a shared machine can halve one of them."""
    return max(result["cold"]["static"]["rps"], result["warm"]["static"]["rps"])


def checks(result):
    static_rps = static_ceiling(result)
    out = []
    for kind in ["home", "column", "deep", "article"]:  # search results are not kept in the page cache
        share = result["warm"][kind]["rps"] / static_rps if static_rps else 0
        out.append(
            {
                "target": f"热缓存 {LABELS[kind]} ≥ 静态文件请求/秒的 {TARGET_WARM_SHARE:.0%}",
                "value": f"{share:.0%}",
                "ok": share >= TARGET_WARM_SHARE,
            }
        )
    share = TARGET_SEARCH_SHARE.get(result["size"])
    for run, label in (("cold", "不缓存"), ("warm", "结果缓存")) if share else ():
        measured = result[run]["search"]["rps"] / static_rps if static_rps else 0
        mix = len(result["targets"]["search"])
        out.append(
            {
                "target": f"搜索（{label}，{mix} 个不同查询轮换）≥ 静态文件请求/秒的 {share:.0%}",
                "value": f"{measured:.1%}",
                "ok": measured >= share,
            }
        )
    for kind in ["article", "column"]:
        p95 = result["cold_one_client"][kind]["p95_ms"]
        out.append(
            {
                "target": f"冷 {LABELS[kind]} 单客户端 p95 ≤ {TARGET_COLD_P95_MS} ms",
                "value": f"{p95} ms",
                "ok": p95 <= TARGET_COLD_P95_MS,
            }
        )
    return out


def growth(result, database):
    """Large run against the small run of the same database: per-page cost ratios."""
    small_path = RESULTS / f"site-{database}-small.json"
    if result["size"] == "small" or not small_path.exists():
        return None
    small = json.loads(small_path.read_text())
    rows = {}
    for kind in ["home", "column", "deep", "article", "search"]:
        small_ip, large_ip = small["in_process"][kind], result["in_process"][kind]
        rows[kind] = {
            "articles": [small["counts"]["articles"], result["counts"]["articles"]],
            "queries": [small["in_process"][kind]["queries"], result["in_process"][kind]["queries"]],
            "in_process_ms_ratio": ratio(
                large_ip.get("min_ms", large_ip["median_ms"]), small_ip.get("min_ms", small_ip["median_ms"])
            ),
            "sql_ms_ratio": ratio(large_ip["sql_ms"], small_ip["sql_ms"]),
            "cold_rps_ratio": ratio(small["cold"][kind]["rps"], result["cold"][kind]["rps"]),
        }
        if kind in result["cold_one_client"]:
            rows[kind]["cold_p95_one_client_ratio"] = ratio(
                result["cold_one_client"][kind]["p95_ms"], small["cold_one_client"][kind]["p95_ms"]
            )
    return rows


def ratio(a, b):
    return round(a / b, 2) if b else None


def markdown(result):
    m, lines = result["machine"], []
    add = lines.append
    add(f"# 站群性能基准 · {result['database']} · {result['size']}")
    add("")
    c = result["counts"]
    add(f"{c['sites']} 个网站，{c['columns']} 个栏目，{c['articles']} 篇文章。")
    add(
        f"机器：{m['cpu']}，{m['cores']} 核，内存 {m['memory']}；Python {m['python']}，SQLite {m['sqlite']}"
        + (f"，PostgreSQL {m['postgresql']}" if "postgresql" in m else "")
        + f"；{m['date']}。"
    )
    add(
        f"服务：gunicorn（gunicorn.conf.py：{result['server']['workers']} 个 worker × "
        f"{result['server']['threads']} 线程），缓存 {result['server']['cache']}；"
        f"压测工具 {m['load_generator']}，{result['load']['connections']} 个连接 × {result['load']['duration']} 秒"
        f"（先预热 {result['load']['warmup']} 秒）。机器与其他任务共享，数字有噪声。"
    )
    add("")
    t = result["timings"]
    add(
        "生成用时（秒）：迁移 {migrate:.1f}，collectstatic {collectstatic:.1f}，建站 {sites:.1f}，"
        "批量栏目 {columns:.1f}，批量文章 {articles:.1f}，首页板块 {homes:.1f}，搜索索引 {index:.1f}。".format(**t)
    )
    add("")
    add(
        "| 页面 | 冷 请求/秒 | 冷 p50 ms | 冷 p95 ms | 热 请求/秒 | 热 p50 ms | 热 p95 ms | 热/静态上限 "
        "| 单客户端冷 p95 ms | 查询数 | 进程内 ms 中位（最快） |"
    )
    add("|---|---|---|---|---|---|---|---|---|---|---|")
    static_rps = static_ceiling(result)
    for kind in KINDS:
        cold, warm = result["cold"][kind], result["warm"][kind]
        one = result["cold_one_client"].get(kind)
        ip = result["in_process"].get(kind)
        in_process_ms = f"{ip['median_ms']} ({ip.get('min_ms', '–')})" if ip else ""
        add(
            f"| {LABELS[kind]} | {cold['rps']} | {cold['p50_ms']} | {cold['p95_ms']} | {warm['rps']} | "
            f"{warm['p50_ms']} | {warm['p95_ms']} | {warm['rps'] / static_rps:.0%} | "
            f"{one['p95_ms'] if one else ''} | {ip['queries'] if ip else ''} | {in_process_ms} |"
        )
    add("")
    add("## 目标")
    add("")
    add("| 目标 | 实测 | 结果 |")
    add("|---|---|---|")
    for check in result["checks"]:
        add(f"| {check['target']} | {check['value']} | {'达到' if check['ok'] else '未达到'} |")
    if result.get("growth"):
        add("")
        add("## 随文章数增长（大规模 / 小规模）")
        add("")
        add("| 页面 | 文章数 | 查询数 | 进程内耗时比（最快） | SQL 耗时比 | 冷请求/秒 小/大 | 单客户端冷 p95 比 |")
        add("|---|---|---|---|---|---|---|")
        for kind, row in result["growth"].items():
            add(
                f"| {LABELS[kind]} | {row['articles'][0]} → {row['articles'][1]} | "
                f"{row['queries'][0]} → {row['queries'][1]} | {row['in_process_ms_ratio']} | {row['sql_ms_ratio']} | "
                f"{row['cold_rps_ratio']} | {row.get('cold_p95_one_client_ratio', '')} |"
            )
    if result["other_benchmarks"]:
        add("")
        add("## 搜索与监测基准（最近一次结果）")
        add("")
        for name, data in result["other_benchmarks"].items():
            add(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in data.items()))
    add("")
    add("## 最慢的 SQL（进程内，单次请求）")
    for kind, figures in result["in_process"].items():
        add("")
        add(f"{LABELS[kind]} {figures['url']}：{figures['queries']} 个查询，SQL 共 {figures['sql_ms']} ms")
        for q in figures["slowest_sql"]:
            add(f"- {q['ms']} ms: `{q['sql'][:300]}`")
    add("")
    add("## 每页的全部 SQL（进程内，页面缓存关闭）")
    for kind in ["article", "column", "home"]:
        add("")
        add(f"{LABELS[kind]}：")
        add("")
        add("```")
        add("\n".join(result["in_process"][kind].get("sql", [])))
        add("```")
    add("")
    add("## 冷页面剖析（cProfile，进程内）")
    for kind, profile in result["profiles"].items():
        add("")
        add(f"### {LABELS[kind]}（剖析下每请求 {profile['ms_per_request_profiled']} ms）")
        add("")
        add("```")
        add(profile["text"])
        add("```")
    return "\n".join(lines) + "\n"


def gunicorn_shape():
    """Workers and threads gunicorn.conf.py gives on this machine."""
    namespace = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102
    return namespace["workers"], namespace["threads"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="3 个网站、60 个栏目、3,000 篇文章")
    parser.add_argument("--sites", type=int)
    parser.add_argument("--columns", type=int)
    parser.add_argument("--articles", type=int)
    parser.add_argument("--database-url", help="默认：临时目录中的 SQLite 文件")
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--profile-requests", type=int, default=20)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--no-redis", dest="redis", action="store_false", help="进程内缓存（每个 worker 各一份）")
    parser.add_argument("--no-load", action="store_true", help="只生成数据和进程内测量")
    parser.add_argument("--report", metavar="JSON", help="只从已有结果重新生成 .md")
    parser.add_argument("--reuse", action="store_true", help="复用上次生成的数据库和 URL，只重新测量")
    args = parser.parse_args()
    if args.report:
        result = json.loads(Path(args.report).read_text())
        result["checks"] = checks(result)
        result["growth"] = growth(result, result["database"])
        Path(args.report).with_suffix(".md").write_text(markdown(result))
        return

    size = "small" if args.small else "large"
    sites, columns, articles = SIZES[size]
    if args.sites or args.columns or args.articles:
        size = "custom"
    sites, columns, articles = args.sites or sites, args.columns or columns, args.articles or articles
    work = Path(tempfile.gettempdir()) / "sitebench"
    work.mkdir(exist_ok=True)
    args.database_url = args.database_url or f"sqlite:///{work / f'site-{size}.sqlite3'}"
    static_root = work / "static"
    # What the build made (timings, the URLs to request), kept beside the database for --reuse.
    build_record = work / f"build-{Path(urllib.parse.urlparse(args.database_url).path).name}.json"
    previous = None
    if args.reuse:
        if not build_record.exists():
            sys.exit(f"--reuse：没有可复用的生成记录 {build_record}，先不带 --reuse 运行一次")
        previous = json.loads(build_record.read_text())
    else:
        prepare_database(args.database_url)
    configure(args, static_root)

    import django

    django.setup()
    import site_build
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections

    database = connection.vendor
    log(
        f"站群基准：{database}，{sites} 个网站，{columns} 个栏目，{articles} 篇文章；"
        f"缓存 {settings.CACHES['default']['BACKEND']}"
    )
    if previous:
        log("复用上次生成的数据库（--reuse）：只重新测量")
        call_command("migrate", verbosity=0)  # indexes added since the build
        call_command("collectstatic", interactive=False, verbosity=0)
        timings, total, targets = previous["timings"], previous["generation_seconds"], previous["targets"]
    else:
        timings = {}
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        timings["migrate"] = time.perf_counter() - started
        started = time.perf_counter()
        call_command("collectstatic", interactive=False, verbosity=0)
        timings["collectstatic"] = time.perf_counter() - started
        log(f"迁移 {timings['migrate']:.1f} 秒，collectstatic {timings['collectstatic']:.1f} 秒")

        started = time.perf_counter()
        build_timings, targets = site_build.build(sites, columns, articles, log=log)
        timings.update(build_timings)
        total = time.perf_counter() - started
        log(f"生成共 {total:.1f} 秒")
        build_record.write_text(
            json.dumps({"timings": timings, "generation_seconds": total, "targets": targets}, ensure_ascii=False)
        )
    targets["static"] = [["s01.bench.test", settings.STATIC_URL + static_target(static_root)]]
    targets["search"] = search_mix(targets)

    from home.models import ArticlePage, ColumnPage

    counts = {
        "sites": sites,
        "columns": ColumnPage.objects.count(),
        "articles": ArticlePage.objects.count(),
    }
    figures, profiles = in_process(targets, args.profile_requests)
    for kind, f in figures.items():
        log(
            f"  进程内 {LABELS[kind]:<10} {f['queries']:>3} 个查询  SQL {f['sql_ms']:>7.1f} ms  "
            f"中位 {f['median_ms']:>7.1f} ms  最快 {f['min_ms']:>7.1f} ms"
        )
    connections.close_all()

    workers, threads = gunicorn_shape()
    result = {
        "database": database,
        "size": size,
        "counts": counts,
        "timings": {k: round(v, 1) for k, v in timings.items()},
        "generation_seconds": round(total, 1),
        "machine": machine(),
        "server": {
            "workers": workers,
            "threads": threads,
            "cache": "Redis" if "REDIS_URL" in os.environ else "本地内存（每个 worker 各一份）",
        },
        "load": {"connections": args.connections, "duration": args.duration, "warmup": args.warmup},
        "targets": targets,
        "in_process": figures,
        "profiles": profiles,
    }
    if args.no_load:
        measured = work / f"in-process-{build_record.stem.removeprefix('build-')}.json"
        measured.write_text(json.dumps(result, ensure_ascii=False, indent=2))
        log(f"进程内测量与剖析：{measured}")
        return

    logfile = work / f"gunicorn-{database}-{size}.log"
    log(f"压测：{site_load.tool()}，{args.connections} 个连接 × {args.duration:g} 秒；gunicorn 日志 {logfile}")
    with server(args.port, 0, logfile):
        check_targets(args.port, targets)
        result["cold"] = load_all(args.port, targets, args, "冷")
        result["cold_one_client"] = one_client(args.port, targets, args)
    with server(args.port, 600, logfile):
        check_targets(args.port, targets)  # primes every URL once
        result["warm"] = load_all(args.port, targets, args, "热")

    result["checks"] = checks(result)
    result["growth"] = growth(result, database)
    result["other_benchmarks"] = other_benchmarks()
    RESULTS.mkdir(exist_ok=True)
    name = f"site-{database}-{size}"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    text = markdown(result)
    (RESULTS / f"{name}.md").write_text(text)
    print(text.split("## 最慢的 SQL")[0])
    log(f"结果：bench/results/{name}.json, bench/results/{name}.md")
    if shutil.which("wrk") is None:
        log("（未找到 wrk：使用了 Python 压测进程）")


if __name__ == "__main__":
    main()
