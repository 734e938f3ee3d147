"""Pages missing the meta tags the national web page norms require (政府网站网页设计规范; the tags
themselves come from home.page_meta). Each missing tag is reported where it is set: the site's on
the home page, a column's on the column, an item's own on the item."""

from urllib.parse import urlsplit

from home.page_meta import missing_own_tags
from monitoring.content import published_pages, responsible_department
from monitoring.models import Severity
from monitoring.registry import Observation, register

WHERE_TO_SET = {
    "SiteIDCode": "在网站首页的“网站标识码”中填写",
    "ColumnType": "在栏目的“栏目类型”中选择（或为上级栏目选择）",
    "ContentSource": "填写文章的“来源”或选择责任单位",
}


@register("page_metadata", "网页元数据")
def check_page_metadata(site):
    roots = {}
    domain = urlsplit(site.root_url).hostname or site.hostname
    for page in published_pages(site):
        root = roots.get(page.locale_id)
        if root is None:
            root = roots[page.locale_id] = page if page.depth == 2 else page.get_ancestors().get(depth=2).specific
        missing = missing_own_tags(root, page, domain)
        if not missing:
            continue
        hints = "；".join(f"{name}：{WHERE_TO_SET[name]}" for name in missing if name in WHERE_TO_SET)
        yield Observation(
            key=f"meta:{page.pk}:{','.join(missing)}",
            severity=Severity.WARNING,
            title=f"“{page.title}”缺少网页元数据 {'、'.join(missing)}",
            detail=f"页面：{page.title}（{page.url_path}）\n缺少：{'、'.join(missing)}"
            + (f"\n{hints}" if hints else ""),
            target=page.url_path,
            page=page,
            department=responsible_department(page),
        )
