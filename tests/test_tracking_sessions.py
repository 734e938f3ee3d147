"""Tracking a request or a letter signs the visitor in to it, often on a shared computer: the
session cookie ends with the browser, half an hour without a visit ends the tracking, and a
visible 退出 button ends it at once."""

from urllib.parse import urlsplit

import pytest

from home.submissions import TRACKING_IDLE_SECONDS
from tests.test_disclosure_factories import add_request_page, make_request, private_media  # noqa: F401
from tests.test_interaction_helpers import add_mailbox, fresh_cache_and_private_media, make_letter  # noqa: F401

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "portal.test"}


@pytest.fixture(params=["disclosure request", "letter"])
def tracked(request, portal):
    """(tracking URL, the session key, the number shown) for a request or a letter."""
    if request.param == "disclosure request":
        page, item = add_request_page(portal), make_request(portal)
        return page.url + "track/", "disclosure_tracked", item
    mailbox = add_mailbox(portal)
    return mailbox.url + "track/", "interaction_letter_tracked", make_letter(portal, mailbox)


def sign_in(client, tracked):
    url, _, item = tracked
    response = client.post(url, {"number": item.number, "code": item.query_code}, **HOST)
    assert response.status_code == 302
    return response


def shows(client, tracked):
    url, _, item = tracked
    return item.number in client.get(url, **HOST).content.decode()


def test_the_session_cookie_ends_with_the_browser(client, tracked):
    cookie = sign_in(client, tracked).cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # no date: the browser drops it on closing
    assert shows(client, tracked)


def idle(client, key, seconds):
    session = client.session
    session[key] = {**session[key], "seen": session[key]["seen"] - seconds}
    session.save()


def test_half_an_hour_without_a_visit_ends_the_tracking(client, tracked):
    _, key, _ = tracked
    sign_in(client, tracked)
    idle(client, key, TRACKING_IDLE_SECONDS - 60)
    assert shows(client, tracked)  # a visit within the half hour keeps it, and starts it again
    idle(client, key, TRACKING_IDLE_SECONDS - 60)
    assert shows(client, tracked)
    idle(client, key, TRACKING_IDLE_SECONDS + 1)
    assert not shows(client, tracked)
    assert not shows(client, tracked)  # forgotten, not just hidden once


def test_the_logout_button_ends_the_tracking_at_once(client, tracked):
    url, _, _ = tracked
    path = urlsplit(url).path
    sign_in(client, tracked)
    page = client.get(url, **HOST).content.decode()
    assert f'action="{path}logout/"' in page and ">退出</button>" in page
    assert client.get(url + "logout/", **HOST).status_code == 302  # a link cannot sign anyone out
    assert shows(client, tracked)
    response = client.post(url + "logout/", **HOST)
    assert response.status_code == 302 and response["Location"] == path
    assert not shows(client, tracked)
    assert ">退出</button>" not in client.get(url, **HOST).content.decode()
