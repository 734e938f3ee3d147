"""Generating a large site group fast, for bench/site_bench.py.

The sites and their blueprint columns are made by `home.subsites.create_subsite` (what the admin
does); further columns and the articles are inserted in bulk with their page-tree paths computed
here (Wagtail's `add_child` costs several queries per page: far too slow for 100,000 articles).
Articles reuse bench/search_bench.py's generated Chinese text and its indexing through the
configured search backend. Needs a configured Django (django.setup() done by the caller).
"""

import json
import random
import time
import uuid
from datetime import timedelta
from urllib.parse import quote

from search_bench import ALPHABET, generate, index_all

BLUEPRINTS = ("portal", "department", "sport")
# The column that receives the largest share of a site's articles (deep pagination is read there).
MAIN_COLUMN = {"portal": "tzgg", "department": "gsgg", "sport": "gsgg"}
EXTRA_COLUMN_NAMES = [
    "工作动态",
    "政策解读",
    "公示公告",
    "人事信息",
    "财政信息",
    "统计数据",
    "规划计划",
    "重点项目",
    "应急管理",
    "生态环境",
    "教育信息",
    "医疗卫生",
    "社会保障",
    "就业创业",
    "住房保障",
    "食品安全",
    "安全生产",
    "招标采购",
    "行政执法",
    "建议提案办理",
]
AUTHORS = ["", "", "王晓东", "李静", "张伟", "刘洋", "陈敏", "杨帆"]
DEEP_PAGE = 50
BATCH = 2000


def hostname(n):
    return f"s{n:02d}.bench.test"


def step_key(step):
    """The 4-character base-36 step of a materialized path (treebeard's MP_Node, steplen 4)."""
    digits = ""
    for _ in range(4):
        step, rest = divmod(step, 36)
        digits = ALPHABET[rest] + digits
    return digits


class ChildPaths:
    """Next free child path of each parent page, read once from the database."""

    def __init__(self):
        self.next, self.first = {}, {}

    def take(self, parent):
        from wagtail.models import Page

        if parent.pk not in self.next:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next[parent.pk] = self.first[parent.pk] = int(last[-4:], 36) + 1 if last else 1
        step = self.next[parent.pk]
        self.next[parent.pk] += 1
        return parent.path + step_key(step)

    def added(self):
        """{parent pk: how many children were handed out} (to add to the parents' numchild)."""
        return {pk: self.next[pk] - self.first[pk] for pk in self.next}


def _tree_fields(paths, parent, title, slug, locale):
    """What a live page inserted under `parent` without Wagtail's add_child needs."""
    return {
        "title": title,
        "draft_title": title,
        "slug": slug,
        "path": paths.take(parent),
        "depth": parent.depth + 1,
        "numchild": 0,
        "live": True,
        "has_unpublished_changes": False,
        "url_path": f"{parent.url_path}{slug}/",
        "locale": locale,
        "translation_key": uuid.uuid4(),
    }


def insert_pages(model, objs):
    """Bulk-insert `objs` (instances of a Page subclass): the Page rows, then the subclass rows."""
    from django.db import connection
    from wagtail.models import Page

    for start in range(0, len(objs), BATCH):
        chunk = objs[start : start + BATCH]
        Page.objects.bulk_create(chunk)
        if any(obj.id is None for obj in chunk):  # databases that return no ids from bulk inserts
            ids = dict(Page.objects.filter(path__in=[obj.path for obj in chunk]).values_list("path", "id"))
            for obj in chunk:
                obj.id = ids[obj.path]
        for obj in chunk:
            obj.page_ptr_id = obj.id
        fields = model._meta.local_concrete_fields
        for sub in range(0, len(chunk), 500):
            model._base_manager._insert(chunk[sub : sub + 500], fields=fields, using=connection.alias)


def remove_stock_welcome_page():
    from wagtail.models import Page, Site

    for page in Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore"):
        Site.objects.filter(root_page=page).delete()
        page.delete()


def create_sites(count, log, blueprints=BLUEPRINTS):
    from home.subsites import create_subsite

    remove_stock_welcome_page()
    sites = []
    for n in range(1, count + 1):
        blueprint = blueprints[(n - 1) % len(blueprints)]
        site = create_subsite(
            hostname(n),
            f"云州市基准测试第{n:02d}站",
            blueprint,
            is_default=n == 1,
            identity={"site_code": f"53000000{n:02d}", "phone": "0871-12345678"},
        )
        sites.append((site, blueprint))
        if n == 1 or n % 5 == 0:
            log(f"  网站 {n}/{count}")
    return sites


def add_columns(sites, total, rng):
    """Bulk-add columns below the blueprint's top-level columns until there are `total` columns."""
    from django.db import transaction
    from django.db.models import F
    from wagtail.models import Locale, Page

    from home.models import ColumnPage, Department

    missing = total - ColumnPage.objects.count()
    if missing <= 0:
        return []
    locale = Locale.get_default()
    paths = ChildPaths()
    new, links = [], []
    for index, (site, _) in enumerate(sites):
        share = missing // len(sites) + (index < missing % len(sites))
        parents = [c for c in ColumnPage.objects.child_of(site.root_page).order_by("path") if not c.is_link]
        departments = list(Department.objects.filter(site=site).values_list("pk", flat=True))
        for k in range(share):
            parent = parents[k % len(parents)]
            name = EXTRA_COLUMN_NAMES[k % len(EXTRA_COLUMN_NAMES)]
            title = name if k < len(EXTRA_COLUMN_NAMES) else f"{name}（{k // len(EXTRA_COLUMN_NAMES) + 1}）"
            slug = f"c{k}"
            column = ColumnPage(
                **_tree_fields(paths, parent, title, slug, locale),
                update_category=rng.choice(["news", "notice", "plan", "basic"]),
                show_in_menus=False,
            )
            new.append(column)
            links.append((column, rng.choice(departments)))
    with transaction.atomic():
        insert_pages(ColumnPage, new)
        through = ColumnPage.departments.through
        through.objects.bulk_create(
            [through(columnpage_id=column.id, department_id=dept) for column, dept in links], batch_size=BATCH
        )
        for parent_pk, added in paths.added().items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + added)
    return new


def plan_articles(sites, count):
    """How many articles each column gets: the first site's main column enough for page 50 of
    its list (deep pagination), every site's main column a large share, the rest at random."""
    from home.models import ColumnPage

    columns, mains = {}, []
    for site, blueprint in sites:
        site_columns = [c for c in ColumnPage.objects.descendant_of(site.root_page).order_by("path") if not c.is_link]
        columns[site.pk] = site_columns
        mains.append(next(c for c in site_columns if c.slug == MAIN_COLUMN[blueprint] and c.depth == 3))
    plan = {}
    first = min(max(DEEP_PAGE * 20 + 100, count // 20), count // 2)
    plan[mains[0].pk] = first
    rest = count - first
    other_main = rest // 4 // max(1, len(mains) - 1) if len(mains) > 1 else 0
    for column in mains[1:]:
        plan[column.pk] = other_main
    return columns, mains, plan, count - sum(plan.values())


def add_articles(sites, count, rng, log):
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from home.models import ArticlePage, Department

    columns, mains, plan, spread = plan_articles(sites, count)
    everything = [(site, column) for site, _ in sites for column in columns[site.pk]]
    site_of = {column.pk: site for site, column in everything}
    by_pk = {column.pk: column for _, column in everything}
    assignment = []
    for pk, n in plan.items():
        assignment += [by_pk[pk]] * n
    # A few busy columns, many quiet ones: weights fall off with a column's rank.
    weights = [1 / (1 + (rank % 40)) for rank in range(len(everything))]
    assignment += [column for _, column in rng.choices(everything, weights=weights, k=spread)]
    rng.shuffle(assignment)

    departments = {}
    for site, _ in sites:
        departments[site.pk] = list(Department.objects.filter(site=site).values_list("pk", flat=True))
    locale = Locale.get_default()
    now = timezone.now()
    paths = ChildPaths()
    articles = []
    started = time.perf_counter()
    for n, ((title, body, _), column) in enumerate(zip(generate(count, rng), assignment, strict=True)):
        site = site_of[column.pk]
        date = now - timedelta(days=rng.random() * 1500)
        sentences = [s + "。" for s in body.split("。") if s]
        third = max(1, len(sentences) // 3)
        paragraphs = ["".join(sentences[i : i + third]) for i in range(0, len(sentences), third)]
        stream = [{"type": "paragraph", "value": f"<p>{p}</p>", "id": str(uuid.uuid4())} for p in paragraphs]
        if rng.random() < 0.3:
            stream.insert(1, {"type": "heading", "value": {"text": title[:20], "level": "h2"}, "id": str(uuid.uuid4())})
        slug = f"a{n}"
        articles.append(
            ArticlePage(
                **_tree_fields(paths, column, title, slug, locale),
                first_published_at=date,
                last_published_at=date,
                latest_revision_created_at=date,
                date=date,
                source=site.site_name,
                author=rng.choice(AUTHORS),
                department_id=rng.choice(departments[site.pk]),
                summary=sentences[0] if rng.random() < 0.3 else "",
                body=json.dumps(stream, ensure_ascii=False),
                related_links="[]",
            )
        )
    log(f"  生成文章对象 {time.perf_counter() - started:.1f} 秒")
    with transaction.atomic():
        insert_pages(ArticlePage, articles)
        for column_pk, added in paths.added().items():
            Page.objects.filter(pk=column_pk).update(numchild=F("numchild") + added)
    return articles, mains


def fill_homes(sites, mains):
    from home.models import ColumnPage

    for (site, _), main in zip(sites, mains, strict=True):
        home = site.root_page.specific
        tops = [c for c in ColumnPage.objects.child_of(home).order_by("path") if not c.is_link]
        shown = [main] + [c for c in tops if c.pk != main.pk][:4]
        home.body = [("latest_items", {"column": c, "title": "", "count": 8}) for c in shown] + [
            (
                "quick_links",
                {"title": "快速通道", "links": [{"title": c.title, "page": c, "url": ""} for c in tops[:6]]},
            )
        ]
        home.save_revision().publish(log_action=False)


def index_columns(columns):
    from wagtail.search.backends import get_search_backend

    from home.models import ColumnPage

    if columns:
        backend = get_search_backend()
        ids = [c.id for c in columns]
        for start in range(0, len(ids), BATCH):
            backend.add_bulk(ColumnPage, list(ColumnPage.objects.filter(pk__in=ids[start : start + BATCH])))


def analyze():
    """Planner statistics after the bulk load. PostgreSQL's autovacuum gathers them soon after a
    real import, so the benchmark does not measure plans made on an empty table's estimates;
    SQLite gathers none unless told (the project does not run ANALYZE or PRAGMA optimize), so
    none are made there either."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def relative_url(page, root):
    return page.url_path[len(root.url_path) - 1 :]


def build(site_count, column_count, article_count, seed=20261122, log=print, blueprints=BLUEPRINTS):
    """Build the site group; return (timings in seconds, the URLs the benchmark requests)."""
    rng = random.Random(seed)
    timings = {}

    started = time.perf_counter()
    sites = create_sites(site_count, log, blueprints)
    timings["sites"] = time.perf_counter() - started
    log(f"建站 {site_count} 个（create_subsite）：{timings['sites']:.1f} 秒")

    started = time.perf_counter()
    extra = add_columns(sites, column_count, rng)
    timings["columns"] = time.perf_counter() - started
    log(f"批量栏目 {len(extra)} 个：{timings['columns']:.1f} 秒")

    started = time.perf_counter()
    articles, mains = add_articles(sites, article_count, rng, log)
    timings["articles"] = time.perf_counter() - started
    log(f"批量文章 {len(articles)} 篇：{timings['articles']:.1f} 秒")

    started = time.perf_counter()
    fill_homes(sites, mains)
    timings["homes"] = time.perf_counter() - started

    started = time.perf_counter()
    index_columns(extra)
    index_all()
    timings["index"] = time.perf_counter() - started
    log(f"搜索索引：{timings['index']:.1f} 秒")
    analyze()
    return timings, targets(sites, mains, articles, rng)


def targets(sites, mains, articles, rng):
    from home.models import ColumnPage

    roots = {site.root_page.path: site for site, _ in sites}

    def host_and_path(page):
        site = roots[page.path[:8]]
        return [site.hostname, relative_url(page, site.root_page)]

    columns = [host_and_path(c) for c in mains]
    others = list(ColumnPage.objects.filter(depth__gte=3).exclude(pk__in=[m.pk for m in mains]).order_by("pk"))
    columns += [host_and_path(c) for c in rng.sample(others, min(20, len(others)))]
    queries = ["政务公开", "信息公开", "全民健身", "规范性文件", "新闻发布会", "办事指南"]
    hosts = [site.hostname for site, _ in sites]
    return {
        "home": [[h, "/"] for h in hosts],
        "column": columns,
        "deep": [[hosts[0], f"{relative_url(mains[0], sites[0][0].root_page)}?page={DEEP_PAGE}"]],
        "article": [host_and_path(a) for a in rng.sample(articles, min(200, len(articles)))],
        "search": [[hosts[n % len(hosts)], f"/search/?q={quote(q)}"] for n, q in enumerate(queries)],
    }
