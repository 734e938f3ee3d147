"""Each handling step of a request, and the deadline arithmetic (restart, pause, extension)."""

from datetime import date, timedelta

import pytest
from django.core import mail

from disclosure import lifecycle
from disclosure.choices import EventKind, Outcome, Status
from disclosure.lifecycle import StepRefused
from tests.test_disclosure_factories import handler, make_request, office_head, private_media  # noqa: F401

pytestmark = pytest.mark.django_db


def due(request, today=date(2026, 12, 31)):
    return request.deadline(today).due


def test_submission_registers_with_a_number_a_hashed_code_and_emails(portal):
    staff = handler(portal)
    request = make_request(portal)
    assert request.number == "YSQ202600001"
    assert request.status == Status.REGISTERED
    assert request.query_code not in request.query_code_hash and request.check_query_code(request.query_code)
    assert not request.check_query_code("WRONGCODE1")
    assert [e.kind for e in request.events.all()] == [EventKind.REGISTERED]
    recipients = {tuple(m.to): m for m in mail.outbox}
    assert request.query_code in recipients[("zhangsan@example.com",)].body
    assert request.number in recipients[(staff.email,)].subject
    assert request.query_code not in recipients[(staff.email,)].body
    assert make_request(portal).number == "YSQ202600002"


def test_plain_deadline_is_twenty_working_days_after_receipt(portal):
    request = make_request(portal, received_on=date(2026, 9, 28))
    assert due(request) == date(2026, 10, 30)


def test_supplement_stops_the_clock_and_restarts_it_from_the_completed_request(portal):
    staff = handler(portal)
    request = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.accept(request, staff, on=date(2026, 3, 3))
    notice = lifecycle.request_supplement(request, staff, 10, "请写明所需场馆的名称。", on=date(2026, 3, 4))
    assert notice.until == date(2026, 3, 18)
    assert request.status == Status.AWAITING_SUPPLEMENT and due(request) is None
    assert "请写明所需场馆的名称" in mail.outbox[-1].body

    lifecycle.receive_supplement(request, "云州体育中心", on=date(2026, 3, 10))
    assert request.status == Status.ACCEPTED
    assert request.deadline(date(2026, 3, 10)).counting_from == date(2026, 3, 10)
    assert due(request) == date(2026, 4, 8)  # 20 working days from 10 March (清明 4–6 April off)


def test_supplement_only_once_and_only_within_seven_working_days(portal):
    staff = handler(portal)
    late = make_request(portal, received_on=date(2026, 2, 10))
    with pytest.raises(StepRefused, match="7个工作日内"):
        # 7 working days after 10 February end on 26 February (Spring Festival in between).
        lifecycle.request_supplement(late, staff, 10, "补充", on=date(2026, 2, 27))
    lifecycle.request_supplement(late, staff, 10, "补充", on=date(2026, 2, 26))
    lifecycle.receive_supplement(late, "已补充", on=date(2026, 3, 2))
    with pytest.raises(StepRefused, match="只能告知一次"):
        lifecycle.request_supplement(late, staff, 10, "再补充", on=date(2026, 3, 3))


def test_missed_supplement_period_closes_the_request_as_given_up(portal):
    staff = handler(portal)
    request = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.request_supplement(request, staff, 5, "请补充证件复印件。", on=date(2026, 3, 3))
    with pytest.raises(StepRefused, match="尚未届满"):
        lifecycle.close_as_given_up(request, staff, on=date(2026, 3, 10))
    with pytest.raises(StepRefused, match="补正期限已过"):
        lifecycle.receive_supplement(request, "迟到的补正", on=date(2026, 3, 11))
    lifecycle.close_as_given_up(request, staff, on=date(2026, 3, 11))
    request.refresh_from_db()
    assert (request.status, request.outcome, request.closed_on) == (
        Status.GIVEN_UP,
        Outcome.NO_SUPPLEMENT,
        date(2026, 3, 11),
    )


def test_consultation_time_does_not_count(portal):
    staff = handler(portal)
    request = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.accept(request, staff, on=date(2026, 3, 3))
    started = lifecycle.start_consultation(request, staff, "征求第三方云州体育公司意见", on=date(2026, 3, 9))
    assert started.until == date(2026, 3, 30)  # 15 working days for the answer
    # While waiting, every working day so far is added: 9 → 12 March pauses 3 days.
    assert request.deadline(date(2026, 3, 12)).due == date(2026, 4, 2)
    assert request.deadline(date(2026, 3, 12)).consulting
    with pytest.raises(StepRefused, match="不能答复"):
        lifecycle.reply(request, staff, Outcome.DISCLOSED, "答复")
    lifecycle.end_consultation(request, staff, "第三方同意公开", on=date(2026, 3, 16))
    assert request.deadline(date(2026, 3, 20)).paused_days == 5
    assert due(request) == date(2026, 4, 7)  # 30 March + 5 working days (清明 4–6 April off)


def test_extension_needs_the_office_head_once_and_at_most_twenty_days(portal):
    staff, head = handler(portal), office_head(portal)
    request = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.accept(request, staff, on=date(2026, 3, 3))
    with pytest.raises(StepRefused, match="负责人同意"):
        lifecycle.extend(request, staff, 10, "涉及多个单位", on=date(2026, 3, 20))
    with pytest.raises(StepRefused, match="不超过20个工作日"):
        lifecycle.extend(request, head, 21, "涉及多个单位", on=date(2026, 3, 20))
    event = lifecycle.extend(request, head, 20, "涉及多个单位", on=date(2026, 3, 20))
    assert event.actor == head
    assert due(request) == date(2026, 4, 28)  # 30 March + 20 working days
    assert "延期" in mail.outbox[-1].subject and "2026年4月28日" in mail.outbox[-1].body
    with pytest.raises(StepRefused, match="只能一次"):
        lifecycle.extend(request, head, 5, "再延期", on=date(2026, 3, 25))


def test_extension_refused_after_the_deadline(portal):
    head = office_head(portal)
    request = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.accept(request, head, on=date(2026, 3, 3))
    with pytest.raises(StepRefused, match="期限已过"):
        lifecycle.extend(request, head, 10, "迟了", on=date(2026, 3, 31))


def test_reply_records_the_outcome_and_letter_then_archive(portal):
    staff = handler(portal)
    request = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.accept(request, staff, on=date(2026, 3, 3))
    with pytest.raises(StepRefused, match="只有已办结"):
        lifecycle.archive(request, staff)
    lifecycle.reply(request, staff, Outcome.PARTLY, "经审查，部分信息涉及第三方商业秘密……", on=date(2026, 3, 20))
    request.refresh_from_db()
    assert (request.status, request.outcome, request.closed_on) == (Status.REPLIED, Outcome.PARTLY, date(2026, 3, 20))
    assert "部分公开" in mail.outbox[-1].body and "商业秘密" in mail.outbox[-1].body
    lifecycle.archive(request, staff)
    assert request.status == Status.ARCHIVED
    steps = [(e.kind, e.actor) for e in request.events.all()]
    assert steps == [
        (EventKind.REGISTERED, None),
        (EventKind.ACCEPTED, staff),
        (EventKind.REPLIED, staff),
        (EventKind.ARCHIVED, staff),
    ]


def test_applicant_may_withdraw_an_open_request_only(portal):
    request = make_request(portal)
    lifecycle.withdraw(request, "已通过其他渠道获得")
    request.refresh_from_db()
    assert (request.status, request.outcome) == (Status.WITHDRAWN, Outcome.OTHER)
    assert request.events.last().actor_name == "申请人"
    with pytest.raises(StepRefused, match="不能撤回"):
        lifecycle.withdraw(request)


def test_staff_are_reminded_of_requests_due_within_three_working_days(portal, sport):
    from django.utils import timezone
    from django_q.models import Schedule

    from casework.workdays import add_working_days
    from disclosure.tasks import notify_requests_due_soon

    assert Schedule.objects.filter(func="disclosure.tasks.notify_requests_due_soon").exists()
    staff, sport_staff = handler(portal), handler(sport, "sport_handler")
    today = timezone.localdate()
    received = today
    while add_working_days(received, 20) > add_working_days(today, 2):
        received -= timedelta(days=1)
    soon = make_request(portal, received_on=received)
    later = make_request(portal, received_on=today)
    mail.outbox.clear()
    notify_requests_due_soon()
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert soon.number in mail.outbox[0].body and later.number not in mail.outbox[0].body
    assert sport_staff.email not in str([m.to for m in mail.outbox])
