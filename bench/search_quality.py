"""Search and 智能问答 quality on the demo site group: the cases of bench/search_cases.toml (what
citizens type: questions, run-together words, typos, pinyin, initials, short names, everyday
words, exact terms, and questions for the answer endpoint), asked over HTTP as a reader would.

    .venv/bin/python bench/search_quality.py [--database-url URL] [--keep] [--kinds qa typo ...]

Seeds the demo into a database of its own (a fresh SQLite file by default; PostgreSQL with
--database-url, as `make bench` does when one answers on 127.0.0.1:5432), then asks each case on
its site: /search/?q=… (the first page of results, in order) or /search/answer/?q=… (kind qa:
right when the answer cites an expected page; qa_none: right when no answer is given). Prints
success@1, success@10, MRR and the share of cases meeting their own bar (first, or first ten) per
kind, and the answer endpoint's latency; writes bench/results/search-quality-<vendor>.json and .md.
"""

import argparse
import html
import json
import os
import re
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CASES = ROOT / "bench" / "search_cases.toml"
HOSTS = {"portal": "localhost", "sport": "sport.localhost", "county": "county.localhost"}
RESULT_RE = re.compile(r'<li class="search-result[^"]*">.*?<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S)


def load_cases(kinds=None, path=CASES):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [{"kind": kind, **case} for kind, cases in data.items() if not kinds or kind in kinds for case in cases]


def clean_title(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def same_title(found, expected):
    return " ".join(found.split()) == " ".join(expected.split())


def search_titles(client, host, query):
    """The titles of the first results page, in order."""
    response = client.get("/search/", {"q": query}, HTTP_HOST=host)
    return [clean_title(title) for _, title in RESULT_RE.findall(response.content.decode())]


def ask(client, host, query):
    started = time.perf_counter()
    response = client.get("/search/answer/", {"q": query}, HTTP_HOST=host)
    elapsed = (time.perf_counter() - started) * 1000
    body = response.json() if response.status_code == 200 else {"answered": False}
    return body, elapsed


def run_case(client, hosts, case, timings):
    host = hosts[case["site"]]
    if case["kind"] in ("qa", "qa_none"):
        body, elapsed = ask(client, host, case["q"])
        timings.append(elapsed)
        partial = bool(body.get("partial"))
        if case["kind"] == "qa_none":
            rank = None if body.get("answered") else 1
            return rank, [body.get("source_title")] if body.get("answered") else [], partial
        cited = body.get("source_title") or ""
        right = body.get("answered") and any(same_title(cited, e) for e in case["expect"])
        return (1 if right else None), [cited], partial
    titles = search_titles(client, host, case["q"])
    rank = next((n for n, t in enumerate(titles[:10], 1) if any(same_title(t, e) for e in case["expect"])), None)
    return rank, titles[:10], False


def complete_only(row):
    """Met counting only complete answers: for qa, right and not marked partial; for qa_none, no
    answer or a partial one (shown with the ways on)."""
    if row["kind"] == "qa":
        return row["rank"] == 1 and not row["partial"]
    return row["rank"] == 1 or row["partial"]


def summarise(rows):
    kinds = {}
    for row in rows:
        kinds.setdefault(row["kind"], []).append(row)
    table = {}
    for kind, items in [*kinds.items(), ("all", rows)]:
        ranks = [r["rank"] for r in items]
        table[kind] = {
            "cases": len(items),
            "success_at_1": round(sum(1 for r in ranks if r == 1) / len(items), 3),
            "success_at_10": round(sum(1 for r in ranks if r and r <= 10) / len(items), 3),
            "mrr": round(sum(1 / r for r in ranks if r) / len(items), 3),
            "meets_bar": round(sum(1 for r in items if r["rank"] and r["rank"] <= r["within"]) / len(items), 3),
        }
        if kind in ("qa", "qa_none"):
            table[kind]["complete_only"] = round(sum(map(complete_only, items)) / len(items), 3)
    return table


def percentile(values, pct):
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))], 1) if ordered else None


def table(summary):
    lines = [
        "| kind | cases | success@1 | success@10 | MRR | meets bar | complete only |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, row in summary["kinds"].items():
        complete = f"{row['complete_only']:.3f}" if "complete_only" in row else "—"
        lines.append(
            f"| {kind} | {row['cases']} | {row['success_at_1']:.3f} | {row['success_at_10']:.3f} | "
            f"{row['mrr']:.3f} | {row['meets_bar']:.3f} | {complete} |"
        )
    return lines


def markdown(summary):
    lines = [
        f"# Search and 智能问答 quality on the demo ({summary['database']})",
        "",
        f"{summary['cases']} cases from bench/{summary['case_file']}; "
        + (f"demo seeded in {summary['seed_seconds']} s. " if summary["seed_seconds"] > 1 else "demo seeded before. ")
        + "success@k: an expected page among the first k results (for qa: the answer cites it; for qa_none: "
        "no answer given); MRR over the first ten; bar: the case's own requirement (first, or first ten).",
        "",
        "complete only (智能问答): for qa, right and not marked partial; for qa_none, no answer or only a "
        "partial one (shown with the ways on).",
        "",
        *table(summary),
    ]
    lines += [
        "",
        f"Answer endpoint on the demo: p50 {summary['answer_p50_ms']} ms, p95 {summary['answer_p95_ms']} ms "
        f"({summary['answer_requests']} requests, the knowledge already built).",
        *(
            [
                "",
                f"At scale ({summary['at_scale']['articles']} articles on one site, {summary['at_scale']['requests']} "
                f"requests): p50 {summary['at_scale']['p50_ms']} ms, p95 {summary['at_scale']['p95_ms']} ms; the first "
                f"question after a change (knowledge rebuilt) {summary['at_scale']['first_after_change_ms']} ms.",
            ]
            if "at_scale" in summary
            else []
        ),
        "",
        "## Misses",
        "",
        "| kind | site | query | expected | got (first three) |",
        "|---|---|---|---|---|",
    ]
    for row in summary["rows"]:
        if not row["rank"] or row["rank"] > row["within"]:
            got = "；".join(t for t in row["got"][:3] if t) or "—"
            got += "（部分相关）" if row.get("partial") else ""
            expected = row["expect"][0] if row["expect"] else "（不作答）"
            lines.append(f"| {row['kind']} | {row['site']} | {row['q']} | {expected} | {got} |")
    return "\n".join(lines) + "\n"


def build_articles(count):
    """A site whose news column holds `count` articles (bench/search_bench.py's generated text),
    inserted in bulk: the page rows through the ORM, the article rows with every column of the
    model at its default but for the text."""
    import random
    import uuid

    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from bench.search_bench import ALPHABET, generate
    from home.models import ArticlePage, ColumnPage
    from home.subsites import create_subsite

    site = create_subsite("answers.localhost", "问答基准网站", "portal")
    column = ColumnPage.objects.descendant_of(site.root_page).get(slug="tzgg")
    content_type, locale, now = ArticlePage().cached_content_type, Locale.get_default(), timezone.now()
    fields = list(ArticlePage._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    insert = f"INSERT INTO {ArticlePage._meta.db_table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    texts = list(generate(count, random.Random(20261121)))
    pages = []
    for n, (title, _, _) in enumerate(texts):
        step, digits = n + 1, ""
        for _ in range(4):
            step, rest = divmod(step, 36)
            digits = ALPHABET[rest] + digits
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=f"a{n}",
                path=column.path + digits,
                depth=column.depth + 1,
                numchild=0,
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                url_path=f"{column.url_path}a{n}/",
                locale=locale,
                translation_key=uuid.uuid4(),
                first_published_at=now,
                last_published_at=now,
            )
        )
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=2000)
        ids = dict(Page.objects.filter(path__startswith=column.path, depth=column.depth + 1).values_list("slug", "pk"))
        rows = []
        for n, (title, body, _) in enumerate(texts):
            article = ArticlePage(
                page_ptr_id=ids[f"a{n}"], title=title, date=now, body=[("paragraph", f"<p>{body}</p>")]
            )
            rows.append([f.get_db_prep_save(getattr(article, f.attname), connection) for f in fields])
        with connection.cursor() as cursor:
            cursor.executemany(insert, rows)
        Page.objects.filter(pk=column.pk).update(numchild=len(texts))
    return site


def answers_at_scale(client, count, cases, repeats=5):
    """The answer endpoint on a site of `count` generated articles (bench/search_bench.py's
    generator) that also holds the portal's FAQ entries: the first question after a change (the
    site's knowledge rebuilt) and the others, as the p50/p95 of every request."""
    from wagtail.models import Site

    from answers import knowledge
    from answers.models import FaqEntry
    from home.models import ArticlePage

    site = Site.objects.filter(hostname="answers.localhost").first()
    if site is None:
        site = build_articles(count)
    source = ArticlePage.objects.filter(path__startswith=site.root_page.path).first()
    portal = Site.objects.get(hostname=HOSTS["portal"])
    for entry in FaqEntry.objects.filter(site=portal):
        FaqEntry.objects.get_or_create(
            site=site,
            question=entry.question,
            defaults={
                "variants": entry.variants,
                "answer": entry.answer,
                "source_page": source,
                "review_on": entry.review_on,
            },
        )
    host = f"{site.hostname}:{site.port}"
    knowledge.changed()
    cold = ask(client, host, cases[0]["q"])[1]
    timings, answered = [], 0
    for _ in range(repeats):
        for case in cases:
            body, elapsed = ask(client, host, case["q"])
            timings.append(elapsed)
            answered += bool(body.get("answered"))
    return {
        "articles": ArticlePage.objects.filter(path__startswith=site.root_page.path).count(),
        "requests": len(timings),
        "answered": answered,
        "first_after_change_ms": round(cold, 1),
        "p50_ms": percentile(timings, 50),
        "p95_ms": percentile(timings, 95),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{Path(tempfile.gettempdir()) / 'search-quality.sqlite3'}")
    parser.add_argument("--keep", action="store_true", help="reuse a database that already holds the demo")
    parser.add_argument("--kinds", nargs="*", help="only these kinds of cases")
    parser.add_argument(
        "--cases",
        type=Path,
        default=CASES,
        help="the case file (bench/search_cases_heldout.toml: cases written without running the search)",
    )
    parser.add_argument(
        "--answer-articles", type=int, default=0, help="also time the answer endpoint on a site of this many articles"
    )
    args = parser.parse_args()

    if args.database_url.startswith("sqlite:///") and not args.keep:
        Path(args.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ["FORM_RATE_LIMITS"] = "false"  # 180 questions from one address
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import Site

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages name hashed static files
    started = time.perf_counter()
    if not (args.keep and Site.objects.filter(hostname="sport.localhost").exists()):
        for cache in caches.all():
            cache.clear()
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    seeded = round(time.perf_counter() - started, 1)
    hosts = {
        key: f"{site.hostname}:{site.port}"
        for key, name in HOSTS.items()
        for site in Site.objects.filter(hostname=name)
    }

    client = Client()
    cases = load_cases(args.kinds, args.cases)
    timings, rows = [], []
    for host in hosts.values():  # jieba, and each site's knowledge built before anything is timed
        client.get("/search/answer/", {"q": "预热"}, HTTP_HOST=host)
    for case in cases:
        rank, got, partial = run_case(client, hosts, case, timings)
        rows.append({**case, "within": case.get("within", 1), "rank": rank, "got": got, "partial": partial})

    summary = {
        "database": connection.vendor,
        "cases": len(rows),
        "case_file": args.cases.name,
        "seed_seconds": seeded,
        "kinds": summarise(rows),
        "answer_requests": len(timings),
        "answer_p50_ms": percentile(timings, 50),
        "answer_p95_ms": percentile(timings, 95),
        "rows": rows,
    }
    if args.answer_articles:
        summary["at_scale"] = answers_at_scale(client, args.answer_articles, [c for c in cases if c["kind"] == "qa"])
    case_set = args.cases.stem.removeprefix("search_cases").replace("_", "-")  # "" or "-heldout"
    out = ROOT / "bench" / "results" / f"search-quality{case_set}-{connection.vendor}"
    out.with_suffix(".json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    out.with_suffix(".md").write_text(markdown(summary))
    print(f"search quality on {connection.vendor}: {len(rows)} cases")
    print("\n".join(table(summary)))
    print(f"answer endpoint: p50 {summary['answer_p50_ms']} ms, p95 {summary['answer_p95_ms']} ms")
    if "at_scale" in summary:
        print("at scale:", json.dumps(summary["at_scale"], ensure_ascii=False))


if __name__ == "__main__":
    main()
