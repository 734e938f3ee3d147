"""The meta tags of the national web page norms (政府网站网页设计规范): every page carries its site's
tags, every page below the home page its column's, and every item (an ArticlePage or a subclass)
its own. Monitoring (monitoring/checks/metadata.py) reports pages missing a required one.

A page's column is the nearest column or topic at or above it; forms placed in a column (a
mailbox, a request form) are column pages of their own, of their class's `standard_column_type`
or their column's type. A column without a type takes the type of the nearest column above it
that has one, so blueprints set types on sections and override them where a sub-column differs."""

from django.utils import timezone
from wagtail.models import Page

from home.models import ArticlePage, ColumnPage, ColumnType, HomePage, TopicPage
from home.page_cache import site_layout_value

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Description", "Image", "Url")
REQUIRED = {
    "home": SITE_TAGS,
    "column": (*SITE_TAGS, "ColumnName", "ColumnType"),
    "article": (*SITE_TAGS, "ColumnName", "ColumnType", "ArticleTitle", "PubDate", "ContentSource"),
}
PUB_DATE_FORMAT = "%Y-%m-%d %H:%M"


def page_kind(page):
    if isinstance(page, HomePage):
        return "home"
    return "article" if isinstance(page, ArticlePage) else "column"


def columns_above(path):
    """(title, description, keywords, type) of the columns and topics from the page at `path`
    (included) up to its home page, nearest first."""
    step = Page.steplen
    paths = [path[:end] for end in range(3 * step, len(path) + 1, step)]
    topics = TopicPage.objects.filter(path__in=paths).values_list("path", "title", "search_description", "intro")
    columns = ColumnPage.objects.filter(path__in=paths).values_list(
        "path", "title", "search_description", "intro", "keywords", "column_type"
    )
    rows = [(path, title, intro or seo, "", ColumnType.TOPIC.value) for path, title, seo, intro in topics]
    rows += [(path, title, intro or seo, keywords, kind) for path, title, seo, intro, keywords, kind in columns]
    rows.sort(reverse=True)
    return [row[1:] for row in rows]


def column_tags(page, request=None):
    own_column = isinstance(page, (ColumnPage, TopicPage))

    anchor = page.path if own_column else page.path[: -Page.steplen]

    def compute():
        return columns_above(anchor)

    # Columns and topics are structural pages: changing one renews the site's layout.
    above = site_layout_value(request, f"columnmeta:{anchor}", compute) if request else compute()
    column_type = next((kind for *_, kind in above if kind), "")
    if own_column or isinstance(page, ArticlePage):
        title, description, keywords, _ = above[0] if above else ("", "", "", "")
    else:  # a form or service page of its own
        title, description, keywords = page.title, page.search_description, ""
        column_type = getattr(page, "standard_column_type", "") or column_type
    return {
        "ColumnName": title,
        "ColumnDescription": description,
        "ColumnKeywords": keywords,
        "ColumnType": column_type,
    }


def first_image(page):
    for block in getattr(page, "body", None) or []:
        if block.block_type == "image" and block.value.get("image"):
            return block.value["image"]
    return None


def article_tags(page, request=None):
    image = first_image(page)
    return {
        "ArticleTitle": page.title,
        "PubDate": timezone.localtime(page.date).strftime(PUB_DATE_FORMAT),
        "ContentSource": page.source or (page.department.name if page.department_id else ""),
        "Keywords": page.keywords,
        "Author": page.author,
        "Description": page.search_description or page.summary,
        "Image": _absolute(image.file.url, page, request) if image else "",
        "Url": page.get_full_url(request),
    }


def _absolute(url, page, request):
    if url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request else page.get_site().root_url + url


def page_tags(root, page=None, request=None, site_domain=""):
    """{name: content} of every tag of the norms for `page` (None outside the page tree), empty
    where unknown. Without a request (monitoring) addresses are the site's own."""
    tags = {
        "SiteName": root.title,
        "SiteDomain": site_domain or request.get_host(),
        "SiteIDCode": getattr(root, "site_code", ""),
    }
    if page is not None and page.depth > root.depth:
        tags |= column_tags(page, request)
        if isinstance(page, ArticlePage):
            tags |= article_tags(page, request)
    return tags


def page_meta(request, root, page=None):
    """[(name, content)] of the tags that have a value, in the norm's order."""
    return [(name, str(value)) for name, value in page_tags(root, page, request).items() if value]


def missing_own_tags(root, page, site_domain):
    """The required tags of the page's own level that it lacks: the site's on its home page, a
    column's on the column (its items share them), an item's own on the item."""
    kind = page_kind(page)
    own = {"home": SITE_TAGS, "column": COLUMN_TAGS, "article": ARTICLE_TAGS}[kind]
    tags = page_tags(root, page, site_domain=site_domain)
    return [name for name in REQUIRED[kind] if name in own and not tags.get(name)]
