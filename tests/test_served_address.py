"""Links and redirects reach the address a site is served on. The test sites are registered on
port 80 and served here on port 8000, as the demo was under `make run` (issue 19): every link to
a page of the same site must be relative, so that it never names the registered port."""

import re
from urllib.parse import urljoin

import pytest
from django.core import mail
from django.core.cache import cache

from home.models import ColumnPage
from interaction.models import ArticleComments
from tests.conftest import add_article, column_at
from tests.test_captcha import captcha
from tests.test_disclosure_factories import add_request_page
from tests.test_disclosure_public import filled
from tests.test_interaction_helpers import (  # noqa: F401
    add_consultation,
    add_interview,
    add_mailbox,
    fresh_cache_and_private_media,
    post_form,
    staff,
)
from tests.test_interaction_letters import letter_data

pytestmark = pytest.mark.django_db
SERVED = "portal.test:8000"
ORIGIN = f"http://{SERVED}/"
FORM_ACTION_RE = re.compile(r'<form class="[^"]*interaction-post-form"[^>]*action="([^"]*)"')


@pytest.fixture(autouse=True)
def two_sites_on_port_80(portal, sport):
    """With a single site Wagtail writes relative links anyway; the group has several."""
    assert portal.port == sport.port == 80
    cache.clear()


def get(client, url, **kwargs):
    return client.get(url, HTTP_HOST=SERVED, **kwargs)


def followed(response):
    """Where the browser goes after a redirect from a page served on SERVED."""
    assert response.status_code == 302, response.status_code
    return urljoin(ORIGIN, response["Location"])


def path_of(page, suffix=""):
    return page.get_url_parts()[2] + suffix


def code_from_mail():
    return mail.outbox[-1].body.split("查询码：")[1].split()[0]


def test_disclosure_request_redirects_stay_on_the_served_address(client, portal):
    page = add_request_page(portal)
    response = client.post(path_of(page), {**filled(), **captcha()}, HTTP_HOST=SERVED)
    assert followed(response) == ORIGIN + "ysqgk/thanks/"
    thanks = get(client, response["Location"])
    number = thanks.content.decode().split('class="disclosure-receipt__number">')[1].split("<")[0]
    assert followed(get(client, path_of(page, "thanks/"))) == ORIGIN + "ysqgk/track/"

    tracked = client.post(path_of(page, "track/"), {"number": number, "code": code_from_mail()}, HTTP_HOST=SERVED)
    assert followed(tracked) == ORIGIN + "ysqgk/track/"
    assert followed(get(client, path_of(page, "track/withdraw/"))) == ORIGIN + "ysqgk/track/"


def test_letter_redirects_stay_on_the_served_address(client, portal):
    mailbox = add_mailbox(portal)
    response = post_form(client, path_of(mailbox), letter_data(), host=SERVED)
    assert followed(response) == ORIGIN + "hdjl/ldxx/xx/thanks/"
    number = re.search(r'class="letter-receipt__number">([^<]+)<', get(client, response["Location"]).content.decode())
    assert followed(get(client, path_of(mailbox, "thanks/"))) == ORIGIN + "hdjl/ldxx/xx/track/"

    data = {"number": number.group(1), "code": code_from_mail()}
    tracked = client.post(path_of(mailbox, "track/"), data, HTTP_HOST=SERVED)
    assert followed(tracked) == ORIGIN + "hdjl/ldxx/xx/track/"


@pytest.mark.parametrize(
    ("make_page", "fragment"),
    [
        (add_consultation, "#opinion-form"),
        (add_interview, "#question-form"),
        (
            lambda site: ArticleComments.objects.create(page=add_article(column_at(site, "xwdt/zwyw"), "开工")).page,
            "#comment-form",
        ),
    ],
    ids=["opinion", "interview-question", "comment"],
)
def test_posts_are_sent_and_redirected_on_the_served_address(client, portal, make_page, fragment):
    page = make_page(portal)
    form = FORM_ACTION_RE.search(get(client, path_of(page)).content.decode())
    assert urljoin(ORIGIN, form.group(1)) == urljoin(ORIGIN, path_of(page))
    response = post_form(client, path_of(page), {"nickname": "市民", "content": "建议增加夜间开放时段。"}, host=SERVED)
    assert followed(response) == urljoin(ORIGIN, path_of(page, fragment))


def test_a_forwarding_column_redirects_on_the_served_address(client, portal):
    target = column_at(portal, "xwdt/zwyw")
    column = ColumnPage(title="要闻转向", slug="ywzx", link_page=target)
    portal.root_page.add_child(instance=column)
    column.save_revision().publish()
    assert followed(get(client, path_of(column))) == urljoin(ORIGIN, path_of(target))


def test_admin_links_to_public_pages_use_the_served_address(client, portal, admin_user):
    interview = add_interview(portal)
    post_form(client, path_of(interview), {"content": "城西什么时候建体育公园？"}, host=SERVED)
    client.force_login(staff(portal, "moderator"))
    moderation = get(client, "/admin/interaction/moderation/question/").content.decode()
    assert f'href="{path_of(interview)}"' in moderation

    client.force_login(admin_user)
    console = get(client, f"/admin/interaction/interviews/{interview.pk}/").content.decode()
    assert f'href="{path_of(interview)}"' in console
