"""The transition tables (django-fsm-2) decide which steps the admin offers now, to whom, and what
the citizen may do on the tracking page."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from casework.transitions import staff_steps
from disclosure import lifecycle
from home.models import Department
from interaction import letters
from tests.test_disclosure_factories import handler, make_request, office_head, private_media  # noqa: F401
from tests.test_interaction_helpers import fresh_cache_and_private_media, make_letter, reviewer, staff  # noqa: F401

pytestmark = pytest.mark.django_db
QUEUE = "/admin/disclosure/requests/"


def offered_steps(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [summary.get_text(strip=True) for summary in soup.select("details.disclosure-step summary")]


def test_the_request_page_offers_only_the_steps_allowed_now_for_the_user(client, portal):
    request = make_request(portal, received_on=date(2026, 3, 2))
    client.force_login(handler(portal))
    assert offered_steps(client, f"{QUEUE}{request.pk}/") == ["受理", "告知补正", "答复"]

    lifecycle.accept(request, handler(portal, "second"), on=date(2026, 3, 3))
    steps = offered_steps(client, f"{QUEUE}{request.pk}/")
    assert "受理" not in steps and "征求意见" in steps and "收费通知" in steps
    assert "延期答复（负责人批准）" not in steps  # only the head of the office approves an extension
    client.force_login(office_head(portal))
    assert "延期答复（负责人批准）" in offered_steps(client, f"{QUEUE}{request.pk}/")

    lifecycle.reply(request, handler(portal, "third"), "1", "已公开。", on=date(2026, 3, 5))
    assert offered_steps(client, f"{QUEUE}{request.pk}/") == ["归档"]


def test_a_step_the_table_does_not_allow_is_refused_with_a_message(client, portal):
    request = make_request(portal, received_on=date(2026, 3, 2))
    client.force_login(handler(portal))
    response = client.post(f"{QUEUE}{request.pk}/steps/end_consult/", {"end_consult-on": "2026-03-03"})
    assert "该申请没有正在进行的征求意见" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "registered"


def test_the_citizen_may_withdraw_only_an_open_request(portal):
    request = make_request(portal, received_on=date(2026, 3, 2))
    assert "withdraw" not in staff_steps(request, handler(portal))  # the applicant's own step
    lifecycle.withdraw(request)
    with pytest.raises(lifecycle.StepRefused, match="已办结，不能撤回"):
        lifecycle.withdraw(request)


def test_letter_steps_follow_the_table_and_the_roles(portal):
    letter = make_letter(portal, received_on=date(2026, 3, 2))
    handling, checking = staff(portal, "clerk"), reviewer(portal)
    assert set(staff_steps(letter, handling)) == {"accept", "decline", "transfer", "extend"}
    assert staff_steps(letter, checking) == []
    letters.accept(letter, handling)
    assert "draft" not in staff_steps(letter, handling)  # a reply needs a responsible department first
    letters.assign(letter, handling, Department.objects.filter(site=portal).first())
    letters.draft(letter, handling, "已安排维修。")
    assert staff_steps(letter, handling) == ["extend"]
    assert set(staff_steps(letter, checking)) == {"approve", "send_back"}
