"""The admin stays usable as the site group grows: each screen a platform administrator or a
sub-site editor opens (explorer, site switcher, choosers, reports, the sub-site form, the
departments listing) makes as many queries with 10 sites as with 3, and `sites_for_user` too.
bench/scale_bench.py measures the same screens (bench/scale_admin.py) at 200 sites.

Listings with a row per site still query per row, up to their page size (Wagtail's explorer and
page chooser read each row's locale, revision and workflow state, wagtail-localize each row's
translation source; the superuser's monitoring panel lists 10 sites): they may grow by at most
that many queries per added site, so that a new query per site anywhere fails here."""

import sys
from pathlib import Path

import pytest

from home import subsites
from home.subsites import Blueprint, create_subsite

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import scale_admin  # noqa: E402

# A blueprint of two columns: a site costs a fraction of a second instead of seconds, and what
# the admin lists per site (home page, groups, collection, workflow, departments) is all there.
TINY = Blueprint(
    "tiny",
    "规模测试",
    "",
    [{"name": "办公室", "code": "BGS"}],
    [
        {"title": "通知公告", "slug": "tzgg", "category": "notice", "core": True, "departments": ["办公室"]},
        {"title": "工作动态", "slug": "gzdt", "category": "news", "core": True, "departments": ["办公室"]},
    ],
)


@pytest.fixture
def tiny_sites(monkeypatch, settings, without_shared_sites):
    settings.ALLOWED_HOSTS = [".scale.test"]
    monkeypatch.setattr(subsites, "load_blueprint", lambda key: TINY)
    made = []

    def add(count):
        for n in range(len(made) + 1, len(made) + count + 1):
            made.append(create_subsite(f"s{n:02d}.scale.test", f"规模测试第{n:02d}站", "tiny"))
        return made

    return add


# Queries per row of the listings that show a row per site (see above), at most.
PER_ROW = {
    "仪表板": 2,
    "页面浏览（根）": 2,
    "页面选择器（根）": 4,
    "页面选择器搜索": 4,
    "责任单位列表": 3,
}


# Seven more sites show any query made per site (each site costs about a second to create).
ADDED = 7


def test_admin_screens_make_as_many_queries_with_10_sites_as_with_3(tiny_sites):
    site = tiny_sites(3)[1]  # the editor works on the second site: never the first or the last
    few = scale_admin.measure(site, repeats=0)
    tiny_sites(ADDED)
    many = scale_admin.measure(site, repeats=0)

    grown = {
        f"{who} {label}": (few[who][label]["queries"], figures["queries"])
        for who in many
        for label, figures in many[who].items()
        if figures["queries"] > few[who][label]["queries"] + PER_ROW.get(label, 0) * ADDED
    }
    assert not grown, f"queries (3 sites, {3 + ADDED} sites) of screens that grow with the group: {grown}"
    broken = {
        f"{who} {label}": figures.get("error", figures["status"])
        for who in many
        for label, figures in many[who].items()
        if figures["status"] >= 400
    }
    assert not broken, broken
    # The screens were really shown: the explorer lists the sites for the administrator, and
    # the editor is taken from the root to their own site.
    assert many["superuser"]["页面浏览（根）"]["status"] == 200
    assert many["editor"]["页面浏览（根）"]["status"] == 302
