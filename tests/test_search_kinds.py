"""Results grouped by kind with counts, a filter by kind, and the switch between this site and
the whole group (一网可查、全网通查), where a page shared as a reference is listed once."""

import re
from urllib.parse import parse_qsl

import pytest

from tests.conftest import add_article, column_at

PORTAL, SPORT = {"HTTP_HOST": "portal.test"}, {"HTTP_HOST": "sport.test"}


def search(client, host=PORTAL, **params):
    response = client.get("/search/", params, **host)
    assert response.status_code == 200
    html = response.content.decode()
    return html, re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)


@pytest.fixture
def night(portal):
    return {
        "policy": add_article(column_at(portal, "zcwj/zfwj"), "关于促进夜间经济发展的若干措施", days_ago=4),
        "reading": add_article(column_at(portal, "zcwj/zcjd"), "图解：促进夜间经济发展若干措施", days_ago=3),
        "guide": add_article(column_at(portal, "bsfw/bszn"), "夜间经济摊位经营许可办理指南", days_ago=2),
        "news": add_article(column_at(portal, "xwdt"), "我市夜间经济持续升温", days_ago=1),
        "news2": add_article(column_at(portal, "tzgg"), "夜间经济示范街区名单公示", days_ago=0),
    }


def test_results_are_counted_by_kind(client, night):
    html, titles = search(client, q="夜间经济")
    assert len(titles) == 5
    for label, count in [("全部", 5), ("政策文件", 1), ("政策解读", 1), ("办事指南", 1), ("新闻动态", 2)]:
        assert f"{label}（{count}）" in html
    assert "互动回复（" not in html  # no result of that kind: not offered


@pytest.mark.parametrize(
    ("kind", "expected"), [("policy", ["policy"]), ("guide", ["guide"]), ("news", ["news2", "news"]), ("other", [])]
)
def test_filter_by_kind(client, night, kind, expected):
    html, titles = search(client, q="夜间经济", kind=kind, sort="date")
    assert titles == [night[key].title for key in expected]
    assert "全部（5）" in html  # the other kinds stay one click away


def test_switch_between_this_site_and_the_whole_group(client, portal, sport):
    mine = add_article(column_at(portal, "xwdt"), "全民健身中心改造完工")
    theirs = add_article(column_at(sport, "gzdt"), "全民健身中心开放时间调整")
    html, titles = search(client, q="全民健身中心")
    assert titles == [mine.title]
    whole = re.search(r'<a href="\?([^"]*)">全部网站（一网通查）</a>', html).group(1).replace("&amp;", "&")
    html, titles = search(client, **dict(parse_qsl(whole)))
    assert sorted(titles) == sorted([mine.title, theirs.title])
    assert 'aria-current="page">全部网站（一网通查）' in html


def test_a_shared_page_is_listed_once_across_the_group(client, portal, sport):
    source = add_article(column_at(portal, "xwdt"), "全市公共体育场馆免费开放公告")
    source.create_alias(parent=column_at(sport, "gzdt"), update_slug="gonggao")
    _, on_sport = search(client, host=SPORT, q="体育场馆免费开放")
    assert on_sport == [source.title]  # the sports bureau's own reference is found on its site
    html, everywhere = search(client, q="体育场馆免费开放", scope="all")
    assert everywhere == [source.title]
    assert "同时刊载于：测试市体育局" in html


@pytest.mark.parametrize("params", [{"kind": "nonsense"}, {"kind": "x" * 5000}, {"page": "99999999999999999999"}])
def test_bad_kind_or_page_gets_a_normal_page(client, night, params):
    html, titles = search(client, q="夜间经济", **params)
    assert len(titles) == 5
