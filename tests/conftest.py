from datetime import timedelta

import pytest
from django.utils import timezone

from home.models import ArticlePage, ColumnPage
from home.subsites import create_subsite


@pytest.fixture
def portal(db):
    return create_subsite("portal.test", "测试市人民政府", "portal", identity={"site_code": "5399000001"})


@pytest.fixture
def sport(db):
    return create_subsite("sport.test", "测试市体育局", "sport")


def column_at(site, path):
    page = site.root_page
    for slug in path.split("/"):
        page = page.get_children().get(slug=slug)
    return page.specific


def publish(page):
    page.save_revision().publish()
    return page


def add_article(parent, title, days_ago=0, live=True, **fields):
    fields.setdefault("body", [("paragraph", f"<p>{title}的正文。</p>")])
    article = ArticlePage(title=title, live=False, date=timezone.now() - timedelta(days=days_ago), **fields)
    parent.add_child(instance=article)
    if live:
        publish(article)
    else:
        article.save_revision()
    return article


@pytest.fixture
def make_column():
    def make(parent, title, slug, **fields):
        column = ColumnPage(title=title, slug=slug, **fields)
        parent.add_child(instance=column)
        return publish(column)

    return make
