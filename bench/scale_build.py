"""Provincial-scale site group for bench/scale_bench.py: 200 sites, 500,000 articles, built in
bounded memory.

    .venv/bin/python bench/scale_build.py [--sites 200] [--articles 500000]
        [--database-url postgres://postgres@127.0.0.1:5432/h_scale]

Drops and creates the database, migrates, then builds the group as bench/site_build.py does
(sites and blueprint columns through `create_subsite`, more columns in bulk), except that the
articles are generated, inserted and indexed in chunks of CHUNK: memory stays flat however many
there are (site_build keeps every article object until the end, about 10 KB each). Writes the
build record (timings, the URLs to request) beside the database name in the temp directory;
bench/scale_bench.py measures from it.
"""

import argparse
import json
import multiprocessing
import os
import random
import resource
import secrets
import sys
import tempfile
import time
import urllib.parse
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(BENCH)]

import site_build  # noqa: E402
from search_bench import generate  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/h_scale"
CHUNK = 10_000
INDEXERS = 3  # processes indexing while the next chunk is generated
SAMPLED_ARTICLES = 200
WORK = Path(tempfile.gettempdir()) / "sitebench"


def log(message):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC 峰值内存 {rss} MB] {message}", flush=True)


def record_path(url):
    return WORK / f"scale-build-{Path(urllib.parse.urlparse(url).path).name}.json"


def prepare_database(url):
    """Drop and create the PostgreSQL database (a SQLite file is removed)."""
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def configure(url, static_root):
    """The benchmark's production settings (bench/site_settings.py) on `url`."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "site_settings",
            "DATABASE_URL": url,
            "SECRET_KEY": "scale-bench-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": ".bench.test,127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "PAGE_CACHE_SECONDS": "0",
            # Every load client is one address: the search page's 60 a minute would answer 429.
            "FORM_RATE_LIMITS": "false",
            "SITE_BENCH_STATIC_ROOT": str(static_root),
            "SITE_BENCH_CACHE_PREFIX": f"scalebench-{uuid.uuid4().hex[:8]}",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(BENCH), os.environ.get("PYTHONPATH", "")]),
        }
    )


def hostname(n):
    return f"s{n:03d}.bench.test"


def blueprint_of(n):
    return site_build.BLUEPRINTS[(n - 1) % len(site_build.BLUEPRINTS)]


def make_site(n):
    """Site n: the first of each blueprint through `create_subsite`, as the admin's form makes it;
    the others with the same result made faster (`quick_subsite`)."""
    from home.subsites import create_subsite

    make = create_subsite if n <= len(site_build.BLUEPRINTS) else quick_subsite
    return make(
        hostname(n),
        f"云州省基准测试第{n:03d}站",
        blueprint_of(n),
        is_default=n == 1,
        identity={"site_code": f"5300{n:06d}", "phone": "0871-12345678"},
    )


def create_sites(count):
    """Sites 1..count, skipping those a stopped build already made. One after another: a site takes
    about 0.4 s at any count, while processes making sites at once queue on the tree's root row
    and retry lost paths (200 sites took 19 minutes with four)."""
    from wagtail.models import Site

    site_build.remove_stock_welcome_page()
    existing = set(Site.objects.values_list("hostname", flat=True))
    missing = [n for n in range(1, count + 1) if hostname(n) not in existing]
    log(f"  已有 {count - len(missing)} 个网站，新建 {len(missing)} 个")
    for done, n in enumerate(missing, start=1):
        make_site(n)
        if done % 20 == 0:
            log(f"  网站 {done}/{len(missing)}")
    by_host = {site.hostname: site for site in Site.objects.select_related("root_page")}
    return [(by_host[hostname(n)], blueprint_of(n)) for n in range(1, count + 1)]


def quick_subsite(hostname, name, blueprint_key, is_default=False, identity=None):
    """What `create_subsite` makes (home page, blueprint columns, departments, groups, collection,
    workflow), with the columns inserted in bulk, live and without revisions, instead of added
    and published one by one."""
    from django.db import transaction
    from django.utils.text import slugify
    from wagtail.models import Locale, Page, Site

    from home import subsites
    from home.models import ColumnPage, Department, HomePage
    from interaction.roles import ensure_groups

    blueprint = subsites.load_blueprint(blueprint_key)
    locale = Locale.get_default()
    with transaction.atomic():
        home = HomePage(title=name, slug=slugify(hostname), locale=locale, organiser=name, **(identity or {}))
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.create(
            hostname=hostname, port=80, site_name=name, root_page=home, is_default_site=is_default
        )
        departments = {
            spec["name"]: Department.objects.create(
                site=site, locale=locale, name=spec["name"], code=spec.get("code", "")
            )
            for spec in blueprint.departments
        }
        columns, links = [], []

        def add(parent, specs, in_menu):
            for step, spec in enumerate(specs, start=1):
                column = ColumnPage(
                    title=spec["title"],
                    draft_title=spec["title"],
                    slug=spec["slug"],
                    path=parent.path + site_build.step_key(step),
                    depth=parent.depth + 1,
                    numchild=len(spec.get("children", [])),
                    live=True,
                    has_unpublished_changes=False,
                    url_path=f"{parent.url_path}{spec['slug']}/",
                    locale=locale,
                    translation_key=uuid.uuid4(),
                    update_category=spec.get("category", "news"),
                    max_interval_days=spec.get("max_days"),
                    is_core=spec.get("core", False),
                    link_url=spec.get("link", ""),
                    column_type=spec.get("type", ""),
                    show_in_menus=in_menu,
                )
                columns.append(column)
                links.extend((column, departments[d].pk) for d in spec.get("departments", []))
                add(column, spec.get("children", []), in_menu=False)

        add(home, blueprint.columns, in_menu=True)
        site_build.insert_pages(ColumnPage, columns)
        Page.objects.filter(pk=home.pk).update(numchild=len(blueprint.columns))
        through = ColumnPage.departments.through
        through.objects.bulk_create([through(columnpage_id=c.id, department_id=d) for c, d in links])
        home.refresh_from_db()
        subsites._add_home_sections(home)
        groups = subsites._create_groups(site, home)
        subsites._create_workflow(name, home, groups)
        ensure_groups(site)
    site_build.index_columns(columns)
    return site


def article(n, title, body, column, site, department, rng, now, paths, locale):
    from home.models import ArticlePage

    date = now - timedelta(days=rng.random() * 1500)
    sentences = [s + "。" for s in body.split("。") if s]
    third = max(1, len(sentences) // 3)
    paragraphs = ["".join(sentences[i : i + third]) for i in range(0, len(sentences), third)]
    stream = [{"type": "paragraph", "value": f"<p>{p}</p>", "id": str(uuid.uuid4())} for p in paragraphs]
    if rng.random() < 0.3:
        stream.insert(1, {"type": "heading", "value": {"text": title[:20], "level": "h2"}, "id": str(uuid.uuid4())})
    slug = f"a{n}"
    return ArticlePage(
        **site_build._tree_fields(paths, column, title, slug, locale),
        first_published_at=date,
        last_published_at=date,
        latest_revision_created_at=date,
        date=date,
        source=site.site_name,
        author=rng.choice(site_build.AUTHORS),
        department_id=department,
        summary=sentences[0] if rng.random() < 0.3 else "",
        body=json.dumps(stream, ensure_ascii=False),
        related_links="[]",
    )


def index_articles(ids):
    """Index these articles through the configured backend (in a pool process): segmenting the
    Chinese text is Python work, several times the cost of inserting."""
    from wagtail.search.backends import get_search_backend

    from home.models import ArticlePage

    backend = get_search_backend()
    for start in range(0, len(ids), site_build.BATCH):
        backend.add_bulk(ArticlePage, list(ArticlePage.objects.filter(pk__in=ids[start : start + site_build.BATCH])))


def add_articles(sites, count, rng, until=None):
    """Insert and index the articles CHUNK at a time; return the sampled article URLs and the
    main columns. The column of each article is drawn as in site_build (one deep column, every
    site's main column a large share, the rest falling off with a column's rank)."""
    from django.db import connections, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from home.models import ArticlePage, Department

    columns, mains, plan, spread = site_build.plan_articles(sites, count)
    everything = [(site, column) for site, _ in sites for column in columns[site.pk]]
    site_of = {column.pk: site for site, column in everything}
    by_pk = {column.pk: column for _, column in everything}
    assignment = []  # column objects shared: a reference per article
    for pk, n in plan.items():
        assignment += [by_pk[pk]] * n
    weights = [1 / (1 + (rank % 40)) for rank in range(len(everything))]
    assignment += [column for _, column in rng.choices(everything, weights=weights, k=spread)]
    rng.shuffle(assignment)
    sampled = set(rng.sample(range(count), min(SAMPLED_ARTICLES, count)))

    departments = {
        site.pk: list(Department.objects.filter(site=site).values_list("pk", flat=True)) for site, _ in sites
    }
    locale = Locale.get_default()
    now = timezone.now()
    paths = site_build.ChildPaths()
    urls, chunk, pending = [], [], []
    timings = {"insert": 0.0, "index_wait": 0.0}
    connections.close_all()  # the indexing processes are forked: none may share this connection
    pool = multiprocessing.get_context("fork").Pool(INDEXERS, initializer=connections.close_all)

    def flush():
        started = time.perf_counter()
        with transaction.atomic():
            site_build.insert_pages(ArticlePage, chunk)
        timings["insert"] += time.perf_counter() - started
        pending.append(pool.apply_async(index_articles, ([a.id for a in chunk],)))
        chunk.clear()
        started = time.perf_counter()
        while len(pending) > INDEXERS:  # bounded: at most a chunk queued per indexing process
            pending.pop(0).get()
        timings["index_wait"] += time.perf_counter() - started

    roots = {site.root_page.path: site for site, _ in sites}
    written = 0
    for n, ((title, body, _), column) in enumerate(zip(generate(count, rng), assignment, strict=True)):
        site = site_of[column.pk]
        page = article(n, title, body, column, site, rng.choice(departments[site.pk]), rng, now, paths, locale)
        chunk.append(page)
        if n in sampled:
            root = roots[page.path[:8]].root_page
            urls.append([site.hostname, site_build.relative_url(page, root)])
        if len(chunk) >= CHUNK:
            flush()
            written = n + 1
            if written % (CHUNK * 5) == 0:
                log(
                    f"  文章 {written}/{count}（写入 {timings['insert']:.0f} 秒，"
                    f"等待索引 {timings['index_wait']:.0f} 秒）"
                )
            if until and time.time() > until:
                log(f"  到达截止时间：停在 {written} 篇")
                break
    else:
        if chunk:
            flush()
        written = count
    for job in pending:
        job.get()
    pool.close()
    pool.join()
    with transaction.atomic():
        for column_pk, added in paths.added().items():
            Page.objects.filter(pk=column_pk).update(numchild=F("numchild") + added)
    return urls, mains, timings, written


def targets(sites, mains, article_urls, rng):
    from home.models import ColumnPage

    roots = {site.root_page.path: site for site, _ in sites}

    def host_and_path(page):
        site = roots[page.path[:8]]
        return [site.hostname, site_build.relative_url(page, site.root_page)]

    columns = [host_and_path(c) for c in mains]
    other_ids = list(
        ColumnPage.objects.filter(depth__gte=3, link_url="", link_page=None)  # a link column redirects
        .exclude(pk__in=[m.pk for m in mains])
        .values_list("pk", flat=True)
    )
    picked = ColumnPage.objects.filter(pk__in=rng.sample(other_ids, min(40, len(other_ids)))).order_by("pk")
    columns += [host_and_path(c) for c in picked]
    queries = ["政务公开", "信息公开", "全民健身", "规范性文件", "新闻发布会", "办事指南"]
    hosts = [site.hostname for site, _ in sites]
    return {
        "home": [[h, "/"] for h in hosts],
        "column": columns,
        "deep": [[hosts[0], f"{site_build.relative_url(mains[0], sites[0][0].root_page)}?page={site_build.DEEP_PAGE}"]],
        "article": article_urls,
        "search": [[hosts[n % len(hosts)], f"/search/?q={urllib.parse.quote(q)}"] for n, q in enumerate(queries)],
    }


def build(site_count, column_count, article_count, seed=20261128, until=None):
    rng = random.Random(seed)
    timings = {}

    started = time.perf_counter()
    sites = create_sites(site_count)
    timings["sites"] = time.perf_counter() - started
    log(f"建站 {site_count} 个（create_subsite）：{timings['sites']:.1f} 秒")

    started = time.perf_counter()
    extra = site_build.add_columns(sites, column_count, rng)
    site_build.index_columns(extra)
    timings["columns"] = time.perf_counter() - started
    log(f"批量栏目 {len(extra)} 个：{timings['columns']:.1f} 秒")

    started = time.perf_counter()
    article_urls, mains, split, written = add_articles(sites, article_count, rng, until)
    timings["articles"] = time.perf_counter() - started
    timings["articles_insert"] = split["insert"]
    timings["articles_index_wait"] = split["index_wait"]
    log(
        f"文章 {written} 篇：共 {timings['articles']:.1f} 秒"
        f"（写入 {split['insert']:.1f} 秒，等待索引 {split['index_wait']:.1f} 秒）"
    )

    started = time.perf_counter()
    site_build.fill_homes(sites, mains)
    timings["homes"] = time.perf_counter() - started
    started = time.perf_counter()
    site_build.analyze()
    timings["analyze"] = time.perf_counter() - started
    return timings, targets(sites, mains, article_urls, rng), written


def deadline(hhmm):
    """Today's HH:MM UTC as a timestamp (None without one)."""
    if not hhmm:
        return None
    hours, minutes = map(int, hhmm.split(":"))
    now = datetime.now(UTC)
    return now.replace(hour=hours, minute=minutes, second=0, microsecond=0).timestamp()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--columns", type=int, help="栏目总数；默认每站 50 个")
    parser.add_argument("--articles", type=int, default=500_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--resume", action="store_true", help="不重建数据库：补齐已有网站之外的网站，再生成文章")
    parser.add_argument("--until", help="UTC 时刻 HH:MM：到时停止写入文章，按已写入的规模收尾")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    if not args.resume:
        prepare_database(args.database_url)
    configure(args.database_url, WORK / "static")

    import django

    django.setup()
    from django.core.management import call_command

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    timings["collectstatic"] = time.perf_counter() - started
    log(f"迁移 {timings['migrate']:.1f} 秒，collectstatic {timings['collectstatic']:.1f} 秒")

    started = time.perf_counter()
    build_timings, urls, written = build(
        args.sites, args.columns or 50 * args.sites, args.articles, until=deadline(args.until)
    )
    timings.update(build_timings)
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    log(f"生成共 {total:.1f} 秒，峰值内存 {peak} MB")
    record = {
        "database_url": args.database_url,
        "sites": args.sites,
        "articles": written,
        "articles_planned": args.articles,
        "timings": {k: round(v, 1) for k, v in timings.items()},
        "generation_seconds": round(total, 1),
        "peak_rss_mb": peak,
        "targets": urls,
    }
    record_path(args.database_url).write_text(json.dumps(record, ensure_ascii=False, indent=1))
    log(f"生成记录：{record_path(args.database_url)}")


if __name__ == "__main__":
    main()
