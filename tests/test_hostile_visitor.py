"""A hostile visitor's view of the platform: letters, a disclosure request, opinions, interview
questions and comments carrying personal data in many spellings are submitted over HTTP; staff
publish what they would (public versions, approved posts, replies that address the writer by
name); then every public URL of every site is crawled — pages and their sub-pages, search in
both scopes, the API, feeds, sitemaps, robots.txt and error pages — and none of the values may
appear in any spelling."""

import re
from urllib.parse import quote, quote_plus, urlsplit

import pytest
from wagtail.models import Site

from disclosure import lifecycle
from home.models import ArticlePage, Department
from home.personal_data import fold
from interaction import letters
from interaction.models import ArticleComments, Comment, InterviewQuestion, Letter, Opinion
from tests.conftest import add_article, column_at
from tests.test_disclosure_factories import add_request_page, handler, make_request, private_media  # noqa: F401
from tests.test_interaction_helpers import (  # noqa: F401
    add_consultation,
    add_interview,
    add_mailbox,
    fresh_cache_and_private_media,
    post_form,
    reviewer,
    staff,
)
from tests.test_letter_public_version import publish_public_version

pytestmark = pytest.mark.django_db
CRAWL_LIMIT = 600  # URLs per site

NAME = "欧阳隐私丙"
MOBILE = "13711230002"
ID = "530102199208174628"
EMAIL = "pii-hostile-7731@example.org"
ADDRESS_NUMBERS = "9栋3单元1201室"
# How a visitor might write them.
SPELLINGS = [
    f"我叫{NAME}",
    "手机 137 1123 0002",
    "电话+86-137-1123-0002",
    "１３７１１２３０００２",
    "身份证 530102 19920817 4628",
    "身份证5301-0219-9208-1746-28",
    "ID:530102199208174628",
    "邮箱 pii-hostile-7731@example.org",
    "邮箱ｐｉｉ－ｈｏｓｔｉｌｅ－７７３１＠ｅｘａｍｐｌｅ．ｏｒｇ",
    "住幸福小区9栋3单元1201室",
]
TYPED = "，".join(SPELLINGS)


def leaked(body):
    """The planted values found in a response body, whatever the spelling."""
    squeezed = re.sub(r"[\s\-.()+:]", "", fold(body)).lower()
    found = [
        value
        for value in (NAME, MOBILE, ID, EMAIL.replace("-", "").replace(".", ""), ADDRESS_NUMBERS)
        if value.lower() in squeezed
    ]
    return found + [spelling for spelling in SPELLINGS if spelling in body]


@pytest.fixture
def planted(client, portal, sport):
    """What citizens submit and staff publish on the portal."""
    mailbox = add_mailbox(portal)
    data = {"name": NAME, "phone": MOBILE, "email": EMAIL, "category": "suggest", "publish_consent": "on"}
    assert (
        post_form(client, mailbox.url, {**data, "subject": f"{NAME}的建议 {MOBILE}", "content": TYPED}).status_code
        == 302
    )
    letter = Letter.objects.get()
    user, approver = staff(portal, "letter_handler"), reviewer(portal)
    letters.accept(letter, user)
    letters.assign(letter, user, Department.objects.filter(site=portal).first())
    letters.draft(letter, user, f"{NAME}同志：您好！来信收悉，如有疑问请拨打您留下的电话 137 1123 0002 联系。")
    letters.approve(letter, approver)
    letters.send(letter, user)
    publish_public_version(letter, user, approver)

    add_request_page(portal)
    request = make_request(
        portal,
        name=NAME,
        id_number=ID,
        phone=MOBILE,
        email=EMAIL,
        address=f"幸福小区{ADDRESS_NUMBERS}",
        description=TYPED,
    )
    lifecycle.reply(request, handler(portal), "1", "所需信息见附件。")

    consultation = add_consultation(portal)
    interview = add_interview(portal)
    article = add_article(column_at(portal, "tzgg"), "全民健身路径维修通知")
    ArticleComments.objects.create(page=ArticlePage.objects.get(pk=article.pk), enabled=True)
    for page in (consultation, interview, article):
        assert post_form(client, page.url, {"nickname": "网友", "content": TYPED[:500]}).status_code == 302
    moderator = staff(portal, "moderator")
    client.force_login(moderator)
    for kind, model in (("opinion", Opinion), ("question", InterviewQuestion), ("comment", Comment)):
        post = model.objects.get()
        client.post(f"/admin/interaction/moderation/{kind}/{post.pk}/approve/", {})  # the pre-filled version
        post.refresh_from_db()
        assert post.status == "approved", kind
    client.logout()


def crawl(client, site):
    """Every URL of the site a visitor can reach by following links from its home page, its
    sitemap, feeds and robots.txt, plus the API and error pages. Yields (url, body)."""
    host = site.hostname
    queue, seen = (
        [
            "/",
            "/sitemap.xml",
            "/robots.txt",
            "/no-such-page/",
            "/api/v2/pages/?limit=100",
            "/api/v2/documents/",
            "/api/v2/images/",
        ],
        set(),
    )
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_HOST=host)
        body = response.content.decode(errors="replace") if not response.streaming else ""
        yield url, body
        if url.startswith("/api/v2/pages/?") and response.status_code == 200:
            queue += [f"/api/v2/pages/{item['id']}/" for item in response.json()["items"]]
        for link in re.findall(r"""(?:href|src)=["']([^"'#]+)|<loc>([^<]+)</loc>""", body):
            target = urlsplit(link[0] or link[1])
            if (
                target.netloc in ("", host)
                and target.path.startswith("/")
                and not target.path.startswith(("/admin", "/static", "/documents", "/media"))
            ):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))


def test_no_planted_value_appears_anywhere_public_in_any_spelling(client, planted):
    crawled = 0
    # The platform's sites (each rooted at a HomePage), not a test database's Wagtail welcome site.
    for site in Site.objects.filter(root_page__content_type__model="homepage"):
        for url, body in crawl(client, site):
            crawled += 1
            assert not leaked(body), f"{site.hostname}{url} shows {leaked(body)}"
        for value in (NAME, MOBILE, "137 1123 0002", ID, EMAIL, ADDRESS_NUMBERS):
            for scope in ("site", "all"):
                html = client.get("/search/", {"q": value, "scope": scope}, HTTP_HOST=site.hostname).content.decode()
                assert not re.findall(r'<h2><a href="[^"]*">', html), f"searching {value} finds something"
                # The query is echoed back to the one who typed it; nothing else may show it.
                for echo in (value, quote_plus(value), quote(value)):
                    html = html.replace(echo, "")
                assert not leaked(html), value
    assert crawled > 100
    # What staff published is there, without the personal data.
    replies = client.get(Letter.objects.get().mailbox.url + "replies/", HTTP_HOST="portal.test").content.decode()
    assert "来信收悉" in replies and "×××" in replies
