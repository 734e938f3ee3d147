"""Typos, homophones, pinyin and initials: when a query finds little, the search offers (and
when one reading is clearly right, runs) the words of the index it sounds or looks like."""

import re
from urllib.parse import parse_qsl

import pytest

from tests.conftest import add_article, column_at

PORTAL = {"HTTP_HOST": "portal.test"}


def page(client, **params):
    response = client.get("/search/", params, **PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    return html, re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)


@pytest.fixture
def pages(portal):
    notices = column_at(portal, "tzgg")
    return {
        "subsidy": add_article(notices, "2027年春季农机购置补贴申请公告", days_ago=1),
        "greening": add_article(notices, "城区绿化养护作业招标公告", days_ago=2),
        "census": add_article(notices, "第八次全国人口普查入户登记工作安排", days_ago=3),
        "flood": add_article(column_at(portal, "xwdt"), "我市开展防汛抗旱应急演练", days_ago=0),
        "fund": add_article(column_at(portal, "bsfw/bszn"), "住房公积金提取业务办理指南", days_ago=4),
    }


@pytest.mark.parametrize(
    ("query", "expected", "searched"),
    [
        ("农机够置补贴", "subsidy", "农机购置补贴"),  # a homophone (够 for 购)
        ("人口铺查登记", "census", "人口普查登记"),  # another homophone
        ("住房公积全提取", "fund", "住房公积金提取"),  # a character that only looks alike
        ("renkoupucha", "census", "人口普查"),  # pinyin run together
        ("fang xun kang han", "flood", "防汛抗旱"),  # pinyin with spaces
        ("rkpc", "census", "人口普查"),  # initials
        ("rkpcdj", "census", "人口普查登记"),  # initials of two words
        ("yanghuzuoyezhaobiao", "greening", "养护作业招标"),  # pinyin of three words
    ],
)
def test_a_clear_correction_is_searched_at_once(client, pages, query, expected, searched):
    html, titles = page(client, q=query)
    assert titles[:1] == [pages[expected].title]
    assert f"已为您搜索“{searched}”" in html
    # One click searches what the reader typed, without correction.
    link = re.search(r'仍搜索“<a href="\?([^"]*)">([^<]*)</a>”', html)
    assert link.group(2) == query
    original = dict(parse_qsl(link.group(1).replace("&amp;", "&")))
    assert original["q"] == query
    html, titles = page(client, **original)
    assert "已为您搜索" not in html


def test_queries_that_find_enough_are_left_alone(client, pages):
    html, titles = page(client, q="绿化养护")
    assert titles == [pages["greening"].title]
    assert "已为您搜索" not in html


def test_words_unlike_anything_in_the_index_are_not_corrected(client, pages):
    html, titles = page(client, q="量子计算机")
    assert titles == []
    assert "已为您搜索" not in html and "您是不是要找" not in html


def test_personal_data_typed_is_never_turned_into_a_correction(client, pages):
    html, _ = page(client, q="13912345678")
    assert "已为您搜索" not in html


def test_initials_of_two_words_read_as_the_pair_titles_hold_side_by_side(client, pages, portal):
    # pc is 普查 or 排查 (both in titles, neither far more often); only 农业普查 stands together.
    notices = column_at(portal, "tzgg")
    survey = add_article(notices, "全国农业普查入户登记工作安排", days_ago=7)
    add_article(notices, "冬季安全隐患排查工作部署", days_ago=8)
    html, titles = page(client, q="nypc")
    assert "已为您搜索“农业普查”" in html
    assert titles[:1] == [survey.title]


def test_words_jieba_leaves_in_pieces_are_read_and_homophones_come_first(client, pages, portal):
    # jieba cuts 丰收节 as 丰收 + 节 and 达人 as 达 + 人; titles still make them words of the index.
    festival = add_article(column_at(portal, "xwdt"), "石门县举办2026年中国农民丰收节庆祝活动", days_ago=5)
    runner = add_article(column_at(portal, "xwdt"), "健身达人周秀兰带动社区跳绳", days_ago=6)
    add_article(column_at(portal, "xwdt"), "健身圈里的新风尚", days_ago=7)
    for query, searched, title in (
        ("fsj", "丰收节", festival.title),  # initials of a compound
        ("nongminfengshoujie", "农民丰收节", festival.title),
        ("健身达仁", "健身达人", runner.title),  # a homophone, before 健身圈 (one character off)
    ):
        html, titles = page(client, q=query)
        assert f"已为您搜索“{searched}”" in html, query
        assert titles[:1] == [title], query
