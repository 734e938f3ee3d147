"""Fee bands of 国办函〔2020〕109号 and the count of an applicant's requests in a month."""

from datetime import date

import pytest

from disclosure.fees import fee_by_count, fee_by_pages, nth_request_in_month, proposed_fee
from tests.test_disclosure_factories import make_request


@pytest.mark.parametrize(
    ("nth", "yuan"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)]
)
def test_fee_by_count_of_requests_in_a_month(nth, yuan):
    assert fee_by_count(nth) == yuan


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_fee_by_pages(pages, yuan):
    assert fee_by_pages(pages) == yuan


def test_requests_are_counted_per_applicant_calendar_month_and_agency(portal, sport):
    first = [make_request(portal, received_on=date(2026, 3, day)) for day in range(2, 13)]
    other_month = make_request(portal, received_on=date(2026, 4, 1))
    elsewhere = make_request(sport, received_on=date(2026, 3, 20))
    someone_else = make_request(portal, received_on=date(2026, 3, 20), id_number="110101199003074477")
    assert nth_request_in_month(first[0]) == 1
    assert nth_request_in_month(first[10]) == 11
    assert nth_request_in_month(other_month) == 1
    assert nth_request_in_month(elsewhere) == 1
    assert nth_request_in_month(someone_else) == 1
    assert proposed_fee(first[10])[0] == 100
    assert proposed_fee(first[0], pages=40) == (100, "按量计收：提供40页，超出30页部分按档计费。")
    assert proposed_fee(first[0]) == (0, "本月第1件申请、提供0页，不收费。")


def test_fee_notice_pauses_the_clock_and_an_unpaid_fee_closes_the_request(portal, client):
    from django.core import mail
    from django.test import override_settings

    from disclosure import lifecycle
    from disclosure.choices import Outcome, Status
    from disclosure.lifecycle import StepRefused
    from tests.test_disclosure_factories import handler

    staff = handler(portal)
    paid = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.accept(paid, staff, on=date(2026, 3, 3))
    assert paid.deadline(date(2026, 3, 3)).due == date(2026, 3, 30)
    with pytest.raises(StepRefused, match="大于0"):
        lifecycle.notify_fee(paid, staff, 0, "不收费")
    notice = lifecycle.notify_fee(paid, staff, 100, "本月第11件申请", on=date(2026, 3, 9))
    assert notice.until == date(2026, 4, 7)  # 20 working days to pay (清明 4–6 April off)
    assert "信息处理费 100 元" in mail.outbox[-1].body
    lifecycle.record_payment(paid, staff, on=date(2026, 3, 13))
    assert paid.deadline(date(2026, 3, 20)).due == date(2026, 4, 3)  # 30 March + 4 paused working days
    with override_settings(DISCLOSURE_FEE_PAUSES_DEADLINE=False):
        assert paid.deadline(date(2026, 3, 20)).due == date(2026, 3, 30)

    unpaid = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.accept(unpaid, staff, on=date(2026, 3, 3))
    lifecycle.notify_fee(unpaid, staff, 200, "本月第31件申请", on=date(2026, 3, 4))
    with pytest.raises(StepRefused, match="尚未届满"):
        lifecycle.close_as_fee_unpaid(unpaid, staff, on=date(2026, 3, 20))
    lifecycle.close_as_fee_unpaid(unpaid, staff, on=date(2026, 4, 8))
    unpaid.refresh_from_db()
    assert unpaid.status == Status.FEE_UNPAID and unpaid.outcome == Outcome.FEE_UNPAID
