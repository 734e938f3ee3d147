"""Provincial-scale benchmark: the site group bench/scale_build.py built (200 sites, 500,000
articles on PostgreSQL), measured like bench/site_bench.py, plus the admin screens.

    .venv/bin/python bench/scale_build.py  --sites 200 --articles 500000   # once: the database
    .venv/bin/python bench/scale_bench.py                                  # measure it
    .venv/bin/python bench/scale_bench.py --database-url postgres://postgres@127.0.0.1:5432/h_scale_3

1. In-process (test client, page cache off): queries, SQL time and time per page for home,
   column, deep column page, article and search, and cProfile of the cold pages
   (site_bench.in_process); then the admin screens for a superuser and a sub-site editor
   (bench/scale_admin.py).
2. gunicorn with the production settings, page cache off (cold) and on (warm): requests/s and
   p50/p95 per page kind and for a static file, the ceiling (site_bench's server and load).
3. Writes bench/results/scale-<database>-<sites>.json and .md. When the results of a run with
   fewer sites exist (`make bench-scale` measures 3 sites first), the .md sets the queries per
   page and per admin screen side by side: they must not grow with the number of sites.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
sys.path[:0] = [str(ROOT), str(BENCH)]

import scale_build  # noqa: E402
import site_bench  # noqa: E402
import site_load  # noqa: E402

LABELS = site_bench.LABELS
KINDS = site_bench.KINDS


def log(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def measure(args, record):
    import scale_admin
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from wagtail.models import Site

    from home.models import ArticlePage, ColumnPage

    call_command("migrate", verbosity=0)  # migrations added since the build
    call_command("collectstatic", interactive=False, verbosity=0)
    targets = record["targets"]
    targets["static"] = [
        [targets["home"][0][0], settings.STATIC_URL + site_bench.static_target(scale_build.WORK / "static")]
    ]
    counts = {
        "sites": Site.objects.count(),
        "columns": ColumnPage.objects.count(),
        "articles": ArticlePage.objects.count(),
    }
    log(f"{connection.vendor}：{counts['sites']} 个网站，{counts['columns']} 个栏目，{counts['articles']} 篇文章")
    figures, profiles = site_bench.in_process(targets, args.profile_requests)
    for kind, f in figures.items():
        log(
            f"  进程内 {LABELS[kind]:<10} {f['queries']:>3} 个查询  "
            f"SQL {f['sql_ms']:>7.1f} ms  中位 {f['median_ms']:>7.1f} ms"
        )
    site = Site.objects.order_by("pk")[1]  # the editor's site: neither the first nor the last
    admin = scale_admin.measure(site, repeats=args.admin_repeats, host=targets["home"][0][0])
    for who, screens in admin.items():
        for label, f in screens.items():
            log(f"  后台 {who:<9} {label:<14} HTTP {f['status']}  {f['queries']:>4} 个查询  中位 {f['median_ms']} ms")
    database = connection.vendor
    connections.close_all()
    workers, threads = site_bench.gunicorn_shape()
    result = {
        "database": database,
        "counts": counts,
        "build": {
            k: record[k] for k in ("timings", "generation_seconds", "peak_rss_mb", "articles_planned") if k in record
        },
        "machine": site_bench.machine(),
        "server": {
            "workers": workers,
            "threads": threads,
            "cache": "Redis" if "REDIS_URL" in os.environ else "本地内存（每个 worker 各一份）",
        },
        "load": {"connections": args.connections, "duration": args.duration, "warmup": args.warmup},
        "targets": targets,
        "in_process": figures,
        "admin": admin,
        "profiles": profiles,
    }
    if args.no_load:
        return result
    logfile = scale_build.WORK / f"gunicorn-scale-{counts['sites']}.log"
    log(f"压测：{site_load.tool()}，{args.connections} 个连接 × {args.duration:g} 秒；gunicorn 日志 {logfile}")
    with site_bench.server(args.port, 0, logfile):
        site_bench.check_targets(args.port, targets)
        result["cold"] = site_bench.load_all(args.port, targets, args, "冷")
        result["cold_one_client"] = site_bench.one_client(args.port, targets, args)
    with site_bench.server(args.port, 600, logfile):
        site_bench.check_targets(args.port, targets)  # primes every URL once
        result["warm"] = site_bench.load_all(args.port, targets, args, "热")
    return result


def smaller_run(result):
    """The results of the same benchmark with the fewest sites, if it has fewer than this one."""
    runs = []
    for path in RESULTS.glob(f"scale-{result['database']}-*.json"):
        other = json.loads(path.read_text())
        if other["counts"]["sites"] < result["counts"]["sites"]:
            runs.append(other)
    return min(runs, key=lambda r: r["counts"]["sites"]) if runs else None


def markdown(result):
    lines = []
    add = lines.append
    c, m, b = result["counts"], result["machine"], result["build"]
    add(f"# 省级规模站群基准 · {result['database']} · {c['sites']} 个网站")
    add("")
    add(
        f"{c['sites']} 个网站，{c['columns']} 个栏目，{c['articles']} 篇文章"
        f"（计划 {b.get('articles_planned', c['articles'])} 篇）。"
    )
    add(
        f"机器：{m['cpu']}，{m['cores']} 核，内存 {m['memory']}；Python {m['python']}"
        + (f"，PostgreSQL {m['postgresql']}" if "postgresql" in m else f"，SQLite {m['sqlite']}")
        + f"；{m['date']}。机器与其他任务共享，数字有噪声：看比例与查询数。"
    )
    t = b.get("timings", {})
    add(
        "生成（bench/scale_build.py）："
        + "，".join(f"{k} {v} 秒" for k, v in t.items())
        + f"；共 {b.get('generation_seconds')} 秒，生成进程峰值内存 {b.get('peak_rss_mb')} MB。"
    )
    if "cold" in result:
        s = result["server"]
        add(
            f"服务：gunicorn {s['workers']} 个 worker × {s['threads']} 线程，缓存 {s['cache']}；"
            f"压测 {m['load_generator']}，{result['load']['connections']} 个连接 × {result['load']['duration']} 秒。"
        )
        add("")
        add(
            "| 页面 | 冷 请求/秒 | 冷 p50 ms | 冷 p95 ms | 热 请求/秒 | 热 p95 ms | 冷/静态 | 热/静态 "
            "| 单客户端冷 p95 ms |"
        )
        add("|---|---|---|---|---|---|---|---|---|")
        static = site_bench.static_ceiling(result)
        for kind in KINDS:
            cold, warm, one = result["cold"][kind], result["warm"][kind], result["cold_one_client"].get(kind)
            add(
                f"| {LABELS[kind]} | {cold['rps']} | {cold['p50_ms']} | {cold['p95_ms']} | {warm['rps']} | "
                f"{warm['p95_ms']} | {cold['rps'] / static:.2f} | {warm['rps'] / static:.2f} | "
                f"{one['p95_ms'] if one else ''} |"
            )
    small = smaller_run(result)
    add("")
    add("## 每页查询数与进程内耗时（页面缓存关闭）")
    add("")
    head = f"{small['counts']['sites']} 站 → {c['sites']} 站" if small else f"{c['sites']} 站"
    add(f"| 页面 | 查询数（{head}） | SQL ms | 进程内中位 ms（最快） |")
    add("|---|---|---|---|")
    for kind, f in result["in_process"].items():
        queries = f"{small['in_process'][kind]['queries']} → {f['queries']}" if small else f["queries"]
        add(f"| {LABELS[kind]} | {queries} | {f['sql_ms']} | {f['median_ms']} ({f['min_ms']}) |")
    add("")
    add("## 后台（每个界面：查询数、中位耗时）")
    add("")
    add(f"| 界面 | 平台管理员 查询（{head}） | ms | 子站编辑 查询（{head}） | ms |")
    add("|---|---|---|---|---|")
    admin = result["admin"]
    for label in admin["superuser"] | admin["editor"]:
        cells = []
        for who in ("superuser", "editor"):
            f = admin[who].get(label)
            if f is None:
                cells += ["—", ""]
                continue
            before = small["admin"][who].get(label, {}).get("queries") if small else None
            status = "" if f["status"] == 200 else f" (HTTP {f['status']})"
            cells += [
                f"{before} → {f['queries']}{status}" if before is not None else f"{f['queries']}{status}",
                str(f["median_ms"]),
            ]
        add(f"| {label} | " + " | ".join(cells) + " |")
    add("")
    add("## 最慢的 SQL（进程内，单次请求）")
    for kind, f in result["in_process"].items():
        add("")
        add(f"{LABELS[kind]} {f['url']}：{f['queries']} 个查询，SQL 共 {f['sql_ms']} ms")
        for q in f["slowest_sql"]:
            add(f"- {q['ms']} ms: `{q['sql'][:300]}`")
    add("")
    add("## 冷页面剖析（cProfile，进程内）")
    for kind, profile in result["profiles"].items():
        add("")
        add(f"### {LABELS[kind]}（剖析下每请求 {profile['ms_per_request_profiled']} ms）")
        add("")
        add("```")
        add("\n".join(profile["text"].splitlines()[:45]))
        add("```")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=scale_build.DEFAULT_URL)
    parser.add_argument("--port", type=int, default=8210)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--profile-requests", type=int, default=10)
    parser.add_argument("--admin-repeats", type=int, default=3)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--no-load", action="store_true", help="只做进程内与后台测量")
    parser.add_argument("--report", metavar="JSON", help="只从已有结果重新生成 .md")
    args = parser.parse_args()
    if args.report:
        result = json.loads(Path(args.report).read_text())
        Path(args.report).with_suffix(".md").write_text(markdown(result))
        return
    record_path = scale_build.record_path(args.database_url)
    if not record_path.exists():
        sys.exit(f"没有生成记录 {record_path}：先运行 bench/scale_build.py --database-url {args.database_url}")
    record = json.loads(record_path.read_text())
    scale_build.configure(args.database_url, scale_build.WORK / "static")
    if site_bench.redis_reachable():
        os.environ["REDIS_URL"] = args.redis_url

    import django

    django.setup()
    result = measure(args, record)
    RESULTS.mkdir(exist_ok=True)
    name = f"scale-{result['database']}-{result['counts']['sites']}"
    if args.no_load:
        name += "-inprocess"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    (RESULTS / f"{name}.md").write_text(markdown(result))
    log(f"结果：bench/results/{name}.json, bench/results/{name}.md")


if __name__ == "__main__":
    main()
