"""Personal data of applicants and letter writers (name, ID number, phone, email, address)
never reaches anything public: pages, search, the API, the sitemap, RSS feeds, the list of
published replies. Distinctive fake values are planted, then looked for everywhere."""

import json
import re

import pytest
from wagtail.models import Page

from disclosure import lifecycle
from home.models import ColumnPage, Department
from interaction import letters
from tests.conftest import add_article, column_at
from tests.test_disclosure_factories import add_request_page, handler, make_request, private_media  # noqa: F401
from tests.test_interaction_helpers import (  # noqa: F401
    add_mailbox,
    fresh_cache_and_private_media,
    make_letter,
    reviewer,
    staff,
)
from tests.test_letter_public_version import publish_public_version

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "portal.test"}


def resident_id(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


APPLICANT_ID = resident_id("43010219880521731")
WRITER_ID = resident_id("53010219920817462")
# Values nobody else would write: finding any of them anywhere public is a leak.
PERSONAL = {
    "applicant name": "欧阳隐私甲",
    "applicant ID": APPLICANT_ID,
    "applicant phone": "13987650001",
    "applicant email": "pii-applicant-7731@example.org",
    "applicant address": "幸福路九十九号隐私小区",
    "writer name": "司马隐私乙",
    "writer phone": "13711230002",
    "writer email": "pii-writer-7731@example.org",
    "writer ID in letter": WRITER_ID,
    "writer mobile in letter": "15899990003",
}


@pytest.fixture
def planted(portal):
    """A replied disclosure request and a replied, published letter full of personal data."""
    add_request_page(portal)
    request = make_request(
        portal,
        name=PERSONAL["applicant name"],
        id_number=APPLICANT_ID,
        phone=PERSONAL["applicant phone"],
        email=PERSONAL["applicant email"],
        address=PERSONAL["applicant address"],
        description="请公开2025年体育彩票公益金使用情况",
    )
    lifecycle.reply(request, handler(portal), "1", "所需信息见附件。")

    mailbox = add_mailbox(portal)
    letter = make_letter(
        portal,
        mailbox,
        name=PERSONAL["writer name"],
        phone=PERSONAL["writer phone"],
        email=PERSONAL["writer email"],
        subject="关于体育公园夜间照明的建议",
        content=f"我是附近居民，身份证{WRITER_ID}，手机{PERSONAL['writer mobile in letter']}，建议增设照明。",
    )
    user = staff(portal, "letter_handler")
    letters.accept(letter, user)
    letters.assign(letter, user, Department.objects.filter(site=portal).first())
    letters.draft(letter, user, f"感谢来信。已安排增设照明，如有疑问请拨打{PERSONAL['writer mobile in letter']}。")
    approver = reviewer(portal)
    letters.approve(letter, approver)
    letters.send(letter, user)
    publish_public_version(letter, user, approver)  # what staff would publish
    add_article(column_at(portal, "tzgg"), "体育公园夜间照明工程开工")
    return {"mailbox": mailbox, "letter": letter}


def assert_no_personal_data(text, where):
    for what, value in PERSONAL.items():
        assert value not in text, f"{what} appears in {where}"


def test_no_public_page_feed_or_sitemap_shows_personal_data(client, portal, planted):
    replies = client.get(planted["mailbox"].url + "replies/", **HOST).content.decode()
    assert "关于体育公园夜间照明的建议" in replies and "已安排增设照明" in replies
    assert_no_personal_data(replies, "the public replies list")
    assert WRITER_ID[:6] + "********" + WRITER_ID[-4:] in replies  # masked, not removed

    pages = Page.objects.live().public().descendant_of(portal.root_page, inclusive=True).specific()
    urls = [page.url for page in pages]
    mailbox = planted["mailbox"].url
    urls += [mailbox + "replies/", mailbox + "track/", "/zfxxgk/ysqgk/track/", "/ysqgk/track/"]
    seen = 0
    for url in urls:
        response = client.get(url, **HOST)
        if response.status_code == 200:
            seen += 1
            assert_no_personal_data(response.content.decode(), url)
    assert seen > 20

    assert_no_personal_data(client.get("/sitemap.xml", **HOST).content.decode(), "sitemap.xml")
    columns = ColumnPage.objects.live().descendant_of(portal.root_page)
    feeds = 0
    for column in columns:
        response = client.get(column.url + "feed/", **HOST)
        if response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml"):
            feeds += 1
            assert_no_personal_data(response.content.decode(), column.url + "feed/")
    assert feeds > 10


def test_search_and_api_expose_no_personal_data(client, portal, planted):
    for what, value in PERSONAL.items():
        for scope in ("site", "all"):
            html = client.get("/search/", {"q": value, "scope": scope}, **HOST).content.decode()
            assert not re.findall(r'<h2><a href="[^"]*">', html), f"searching the {what} finds something"
            # The value shows only as the echo of what was searched for.
            assert f"没有找到与“{value}”相关的信息" in html, what
    assert "13987650001" not in client.get("/search/", {"q": ""}, **HOST).content.decode()  # not a popular query

    for value in PERSONAL.values():
        found = client.get("/api/v2/pages/", {"search": value}, **HOST).json()
        assert found["items"] == [], value
    listing = client.get("/api/v2/pages/", {"limit": 100, "fields": "*"}, **HOST)
    assert listing.status_code == 200
    assert_no_personal_data(json.dumps(listing.json(), ensure_ascii=False), "the API listing")
    for page in (planted["mailbox"], portal.root_page, Page.objects.get(slug="ysqgk")):
        detail = client.get(f"/api/v2/pages/{page.pk}/", **HOST)
        assert detail.status_code == 200
        assert_no_personal_data(json.dumps(detail.json(), ensure_ascii=False), f"the API detail of {page.title}")
    for endpoint in ("images", "documents"):
        assert_no_personal_data(client.get(f"/api/v2/{endpoint}/", **HOST).content.decode(), endpoint)
