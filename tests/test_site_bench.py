"""The site benchmark's bulk generator (bench/site_build.py) makes a valid page tree that is
served and searched like pages made through Wagtail."""

import re
import sys
from pathlib import Path

from wagtail.models import Page

from home.models import ArticlePage, ColumnPage
from home.subsites import load_blueprint

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import site_build  # noqa: E402


def blueprint_columns(specs):
    return sum(1 + blueprint_columns(spec.get("children", [])) for spec in specs)


def test_bulk_site_group_is_a_valid_tree_served_and_searched(client, settings, without_shared_sites):
    settings.ALLOWED_HOSTS = [".bench.test"]
    # Two small department sites, 6 more columns than their blueprint has and 60 articles in bulk.
    columns = 2 * blueprint_columns(load_blueprint("department").columns) + 6
    timings, targets = site_build.build(2, columns, 60, log=lambda message: None, blueprints=("department",))

    assert ColumnPage.objects.count() == columns
    assert ArticlePage.objects.count() == 60
    bad = [problems for problems in Page.find_problems() if problems]
    assert not bad, bad
    for kind in ("home", "column", "article", "search"):
        host, path = targets[kind][0]
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, (kind, host, path)
    host, path = targets["article"][0]
    article = ArticlePage.objects.get(slug=path.rstrip("/").rsplit("/", 1)[1])
    column_host, column_path = targets["column"][0]
    assert article.title.encode() in client.get(path, HTTP_HOST=host).content
    assert ArticlePage.objects.live().search(article.title[:6]).count() > 0
    assert re.search(rb'href="[^"]*/a\d+/"', client.get(column_path, HTTP_HOST=column_host).content)
