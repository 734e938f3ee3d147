"""Search benchmark: index generated Chinese articles, run a fixed query set, and report
recall against a ground truth (articles whose text contains the query) and latency.

    .venv/bin/python bench/search_bench.py [--articles 50000] [--database-url URL]
        [--keep] [--compare dotted.backend.module ...]

Runs on a database of its own (a fresh SQLite file by default; `make bench` also makes a fresh
PostgreSQL database when one answers on 127.0.0.1:5432) and writes
bench/results/search-<vendor>.json. Articles are inserted in bulk (the page tree's paths are
computed here) and indexed through the configured search backend, exactly as publishing does.

Latency is that of what the results page runs (search.results.results_page, which the view
calls): the search of the reader's site cut at the page's cap, the count, the first page of
ten as specific pages, and their highlighted snippets. It is measured twice per query: as a
reader searches by default (this site, by relevance), and with filters (all sites, type 文章,
a start date), which the index cannot apply itself.

--keep reuses a database that already holds the benchmark site (the ground truth is generated
again from the same seed). --compare measures other backend modules as well, on the same data
and interleaved with the configured one, so that a busy machine slows them alike.
"""

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
import unicodedata
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "政务公开",
    "依申请公开",
    "领导信箱",
    "更新周期",
    "信息公开",
    "政府网站",
    "全民健身",
    "体育",
    "公开",
    "网站",
    "栏目",
    "在线访谈",
    "意见征集",
    "政策解读",
    "三审",
    "信息发布",
    "监测",
    "国办发〔2014〕57号",
    "2016年",
    "2020年",
    "规范性文件",
    "互动交流",
    "办事指南",
    "集约化",
    "外语版",
    "错链",
    "便民服务",
    "新闻发布会",
    "考核评估",
    "保密审查",
]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TITLE_PARTS = ["关于", "进一步", "做好", "加强", "推进", "全面", "深化", "规范", "落实", "开展"]


def normalize(text):
    return unicodedata.normalize("NFKC", text).lower()


def sentence_pool():
    sentences = []
    for path in sorted((ROOT / "site" / "demo" / "seeds").glob("*.txt")):
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        sentences += [s + "。" for s in re.split(r"[。；]", text) if 8 <= len(s) <= 160]
    return sentences


def generate(count, rng):
    sentences = sentence_pool()
    topics = [normalize(q) for q in QUERIES]
    for n in range(count):
        body = "".join(rng.sample(sentences, rng.randint(3, 7)))
        if rng.random() < 0.2:
            body += f"依据云政办发〔{rng.randint(2015, 2026)}〕{rng.randint(1, 99)}号文件执行。"
        title = f"{rng.choice(TITLE_PARTS)}{rng.choice(TITLE_PARTS)}{rng.choice(QUERIES)}工作的通知（第{n}号）"
        yield title, body, rng.choice(topics)


def build_site(count, rng):
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from home.models import ArticlePage, ColumnPage
    from home.subsites import create_subsite

    site = create_subsite("bench.localhost", "基准测试网站", "portal")
    column = ColumnPage.objects.descendant_of(site.root_page).get(slug="tzgg")
    content_type = ArticlePage().cached_content_type
    locale = Locale.get_default()
    now = timezone.now()
    texts = {}
    pages, articles = [], []
    for n, (title, body, _) in enumerate(generate(count, rng)):
        step, digits = n + 1, ""
        for _ in range(4):
            step, rest = divmod(step, 36)
            digits = ALPHABET[rest] + digits
        slug = f"a{n}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=column.path + digits,
                depth=column.depth + 1,
                numchild=0,
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                url_path=f"{column.url_path}{slug}/",
                locale=locale,
                translation_key=uuid.uuid4(),
                first_published_at=now,
                last_published_at=now,
            )
        )
        articles.append((title, body))
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=2000)
        ids = dict(Page.objects.filter(path__startswith=column.path, depth=column.depth + 1).values_list("slug", "pk"))
        table = ArticlePage._meta.db_table
        rows = []
        for n, (title, body) in enumerate(articles):
            stream = json.dumps([{"type": "paragraph", "value": f"<p>{body}</p>", "id": str(uuid.uuid4())}])
            rows.append((ids[f"a{n}"], now, "基准测试", "", "", "", stream, "[]"))
            texts[ids[f"a{n}"]] = normalize(title + body)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, date, source, author, summary, keywords, body, related_links) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
        Page.objects.filter(pk=column.pk).update(numchild=len(articles))
    return texts


def index_all():
    from wagtail.search.backends import get_search_backend

    from home.models import ArticlePage

    backend = get_search_backend()
    ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 2000):
        backend.add_bulk(ArticlePage, list(ArticlePage.objects.filter(pk__in=ids[start : start + 2000])))


def ground_truth(count, rng):
    """Article texts by page id, for a database built earlier from the same seed."""
    from home.models import ArticlePage

    ids = dict(ArticlePage.objects.filter(slug__startswith="a").values_list("slug", "pk"))
    return {ids[f"a{n}"]: normalize(title + body) for n, (title, body, _) in enumerate(generate(count, rng))}


def use_backend(path):
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = path


def page_latency(values, site):
    from search import results
    from search.views import MAX_RESULTS, RESULTS_PER_PAGE

    started = time.perf_counter()
    paginator, page_obj, pages = results.results_page(values, site, 1, MAX_RESULTS, RESULTS_PER_PAGE)
    snippets = [results.highlight(results.page_text(page), values["q"]) for page in pages]
    elapsed = (time.perf_counter() - started) * 1000
    assert len(snippets) == min(RESULTS_PER_PAGE, paginator.count)
    return elapsed, [page.pk for page in pages]


def measure(texts, repeats, backends, site):
    from search.results import run_search, words

    words("预热")  # load jieba and its dictionary before timing anything
    plain = {"scope": "site"}
    filtered = {"scope": "all", "type": "article", "start": date(2000, 1, 1)}
    stats = {path: {"rows": [], "latencies": [], "filtered": []} for path in backends}
    for query in QUERIES:
        truth = {pk for pk, text in texts.items() if normalize(query) in text}
        first_pages = {}
        for path in backends:
            use_backend(path)
            found = {page.pk for page in run_search({"q": query, **plain}, site)[:1_000_000]}
            recall = len(found & truth) / len(truth) if truth else 1.0
            precision = len(found & truth) / len(found) if found else 1.0
            stats[path]["rows"].append(
                {"query": query, "truth": len(truth), "found": len(found), "recall": recall, "precision": precision}
            )
            first_pages[path] = page_latency({"q": query, **plain}, site)[1]  # also warms caches
        timings = {path: ([], []) for path in backends}
        for _ in range(repeats):
            for path in backends:
                use_backend(path)
                timings[path][0].append(page_latency({"q": query, **plain}, site)[0])
                timings[path][1].append(page_latency({"q": query, **filtered}, site)[0])
        for path in backends:
            row = stats[path]["rows"][-1]
            row["median_ms"] = statistics.median(timings[path][0])
            row["filtered_median_ms"] = statistics.median(timings[path][1])
            row["same_first_page"] = first_pages[path] == first_pages[backends[0]]
            stats[path]["latencies"] += timings[path][0]
            stats[path]["filtered"] += timings[path][1]
    use_backend(backends[0])
    return stats


def summarise(stat):
    rows = stat["rows"]
    return {
        "recall_mean": round(statistics.mean(r["recall"] for r in rows), 4),
        "recall_min": round(min(r["recall"] for r in rows), 4),
        "p50_ms": round(percentile(stat["latencies"], 50), 1),
        "p95_ms": round(percentile(stat["latencies"], 95), 1),
        "filtered_p50_ms": round(percentile(stat["filtered"], 50), 1),
        "filtered_p95_ms": round(percentile(stat["filtered"], 95), 1),
    }


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'bench' / 'results' / 'search-bench.sqlite3'}")
    parser.add_argument("--keep", action="store_true", help="reuse the database if it holds the benchmark site")
    parser.add_argument("--compare", nargs="*", default=[], help="other search backend modules to measure too")
    args = parser.parse_args()

    if args.database_url.startswith("sqlite:///") and not args.keep:
        Path(args.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Site

    call_command("migrate", verbosity=0)
    rng = random.Random(20261121)

    site = Site.objects.filter(hostname="bench.localhost").first()
    built = indexed = None
    if args.keep and site is not None:
        texts = ground_truth(args.articles, rng)
    else:
        started = time.perf_counter()
        texts = build_site(args.articles, rng)
        built = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        index_all()
        indexed = round(time.perf_counter() - started, 1)
        site = Site.objects.get(hostname="bench.localhost")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live site
    backends = [settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"], *args.compare]
    stats = measure(texts, args.repeats, backends, site)

    summary = {
        "database": connection.vendor,
        "articles": len(texts),
        "backend": backends[0],
        "build_seconds": built,  # None when --keep reused the database
        "index_seconds": indexed,
        **summarise(stats[backends[0]]),
        "measured": "search.results.results_page: this site by relevance, count up to 1,000, first ten, snippets",
        "filtered": "the same with scope all sites, type 文章 and a start date",
        "compared": {path: summarise(stats[path]) for path in backends[1:]},
        "queries": stats[backends[0]]["rows"],
    }
    out = ROOT / "bench" / "results" / f"search-{connection.vendor}.json"
    out.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    how = "on a reused database" if indexed is None else f"indexed in {indexed} s"
    print(f"search benchmark on {connection.vendor}: {summary['articles']} articles, {how}")
    print("| query | pages containing it | found | recall | median ms | filtered median ms |")
    print("|---|---|---|---|---|---|")
    for r in stats[backends[0]]["rows"]:
        print(
            f"| {r['query']} | {r['truth']} | {r['found']} | {r['recall']:.3f} | {r['median_ms']:.1f} "
            f"| {r['filtered_median_ms']:.1f} |"
        )
    for path in backends:
        figures = summarise(stats[path])
        print(
            f"{path}: recall mean {figures['recall_mean']}, min {figures['recall_min']}; "
            f"latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms; "
            f"filtered p50 {figures['filtered_p50_ms']} ms, p95 {figures['filtered_p95_ms']} ms"
        )
    if args.compare:
        differing = [r["query"] for path in args.compare for r in stats[path]["rows"] if not r["same_first_page"]]
        print(f"queries whose first page differs from {backends[0]}'s: {sorted(set(differing)) or 'none'}")


if __name__ == "__main__":
    main()
