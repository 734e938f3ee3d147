"""The receiving site's own schedule for a live reference: 定时显示, 撤下时间, taking it down and
showing it again, through the inbox as its editors use it and the every-minute task."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime

from monitoring.registry import run_check
from sharing.models import Offer, OfferState, PushMode
from sharing.tasks import apply_reference_schedules

# The fixtures of test_sharing(_push_stats), imported so pytest finds them, are arguments of the tests here.
# ruff: noqa: F811
from tests.test_sharing import (  # noqa: F401
    decide,
    edit_and_publish,
    logged_in,
    member,
    offer_it,
    portal_editor,
    portal_news,
    public,
    sport_article,
    sport_editor,
)
from tests.test_sharing_push_stats import portal_item, push, push_column  # noqa: F401

TITLE = "市体育局举办全民健身运动会"


def typed(moment):
    return localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def offer(portal_news, sport_article, sport_editor):
    offer_it(logged_in(sport_editor), sport_article, portal_news.sharing_setting)
    return Offer.objects.get()


def shown_on_portal(sport_article):
    """Where a reader or crawler of the portal would find it: its column, sitemap and search."""
    column = TITLE in public("/xwdt/bmdt/").content.decode()
    sitemap = sport_article.full_url in public("/sitemap.xml").content.decode()
    search = TITLE in public("/search/?q=全民健身运动会").content.decode()
    return column, sitemap, search


def test_a_scheduled_reference_appears_at_its_time_and_goes_at_its_end(offer, sport_article, portal_editor):
    receiver = logged_in(portal_editor)
    start = timezone.now() + timedelta(days=2)
    end = start + timedelta(days=5)
    response = decide(receiver, offer, "accept_reference", when="later", show_from=typed(start), show_until=typed(end))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.state == OfferState.ACCEPTED_REFERENCE and offer.result_page is None
    assert shown_on_portal(sport_article) == (False, False, False)
    inbox = receiver.get(reverse("sharing_inbox")).content.decode()
    assert f"定时 {localtime(start):%Y-%m-%d %H:%M} 显示" in inbox

    # The source is republished while the reference waits: nothing shows it early.
    edit_and_publish(sport_article, text="运动会共吸引三千余名市民参赛。")
    apply_reference_schedules(now=start - timedelta(minutes=1))
    assert shown_on_portal(sport_article) == (False, False, False)

    apply_reference_schedules(now=start + timedelta(seconds=30))
    offer.refresh_from_db()
    reference = offer.result_page
    assert reference.alias_of_id == sport_article.pk
    assert shown_on_portal(sport_article) == (True, True, True)
    page = public(reference.url)
    assert page.status_code == 200 and "运动会共吸引三千余名市民参赛。" in page.content.decode()
    assert "显示中" in receiver.get(reverse("sharing_inbox")).content.decode()

    # While shown it follows the source.
    edit_and_publish(sport_article, title="全民健身运动会圆满闭幕")
    assert "全民健身运动会圆满闭幕" in public(reference.url).content.decode()

    apply_reference_schedules(now=end)
    assert public(reference.url).status_code == 404
    assert "全民健身运动会圆满闭幕" not in public("/xwdt/bmdt/").content.decode()
    assert public(sport_article.url, {"HTTP_HOST": "sport.test"}).status_code == 200  # the source is untouched
    assert "已撤下" in receiver.get(reverse("sharing_inbox")).content.decode()

    # 重新显示: the editor shows it again, now.
    assert decide(receiver, offer, "schedule", when="now").status_code == 302
    offer.refresh_from_db()
    assert offer.result_page is not None and public(offer.result_page.url).status_code == 200


def test_a_shown_reference_can_be_hidden_until_a_new_time(offer, sport_article, portal_editor):
    receiver = logged_in(portal_editor)
    decide(receiver, offer, "accept_reference", when="now")
    assert shown_on_portal(sport_article)[0]
    later = timezone.now() + timedelta(hours=3)
    decide(receiver, offer, "schedule", when="later", show_from=typed(later))
    assert shown_on_portal(sport_article) == (False, False, False)
    edit_and_publish(sport_article)
    assert not shown_on_portal(sport_article)[0]
    apply_reference_schedules(now=later + timedelta(minutes=1))
    assert shown_on_portal(sport_article)[0]


def test_a_time_already_past_means_now(offer, portal_editor):
    past = timezone.now() - timedelta(days=3)
    decide(logged_in(portal_editor), offer, "accept_reference", when="later", show_from=typed(past))
    offer.refresh_from_db()
    assert offer.result_page is not None and offer.show_from is None


@pytest.mark.parametrize(
    "data, message",
    [
        ({"when": "later", "show_from": "9999-12-31T23:59"}, "时间不能晚于一年以后。"),
        ({"when": "later", "show_from": "下周一上午"}, "请输入有效的时间"),
        ({"when": "later", "show_from": ""}, "请填写显示时间。"),
        ({"when": "sometime"}, "请选择立即显示或定时显示。"),
        ({"when": "now", "show_until": "2020-01-01T00:00"}, "撤下时间必须晚于显示时间。"),
    ],
)
def test_bad_times_get_a_message_and_keep_what_was_typed(offer, portal_editor, data, message):
    response = decide(logged_in(portal_editor), offer, "accept_reference", **data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    if data.get("show_from"):
        assert data["show_from"] in html
    offer.refresh_from_db()
    assert offer.state == OfferState.OFFERED


def test_show_until_before_show_from_is_refused(offer, portal_editor):
    start = timezone.now() + timedelta(days=2)
    response = decide(
        logged_in(portal_editor),
        offer,
        "accept_reference",
        when="later",
        show_from=typed(start),
        show_until=typed(start - timedelta(days=1)),
    )
    assert response.status_code == 200 and "撤下时间必须晚于显示时间。" in response.content.decode()
    assert Offer.objects.get().state == OfferState.OFFERED


def test_another_sites_staff_cannot_change_the_schedule(sport, offer, sport_editor, portal_editor):
    decide(logged_in(portal_editor), offer, "accept_reference", when="now")
    later = {"when": "later", "show_from": typed(timezone.now() + timedelta(days=1))}
    outsider = get_user_model().objects.create_user("no-site", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert decide(logged_in(outsider), offer, "schedule", **later).status_code == 404
    assert decide(logged_in(sport_editor), offer, "schedule", **later).status_code == 403
    assert decide(logged_in(sport_editor), offer, "schedule", show_from="garbage").status_code == 403
    offer.refresh_from_db()
    assert offer.result_page is not None and offer.show_from is None


def test_a_scheduled_push_counts_as_shown_only_once_it_shows(portal, sport, portal_item):
    push(member(portal, "编辑"), portal_item, push_column(sport, PushMode.INBOX))
    offer = Offer.objects.get()
    start = timezone.now() + timedelta(hours=2)
    decide(logged_in(member(sport, "编辑")), offer, "accept_reference", when="later", show_from=typed(start))
    Offer.objects.filter(pk=offer.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert run_check("pushed_items", sport).found == 1  # a day old and still not shown
    apply_reference_schedules(now=start)
    assert run_check("pushed_items", sport).found == 0
