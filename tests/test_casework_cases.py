"""The shared case layer: stored due dates that follow steps and holiday edits, queues that filter
and page in the database, and the holidays a deadline skipped shown to staff."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from casework.models import Holiday
from disclosure import lifecycle
from disclosure.queue import RequestIndexView
from tests.test_disclosure_factories import handler, make_request, office_head, private_media  # noqa: F401
from tests.test_interaction_helpers import fresh_cache_and_private_media, make_letter  # noqa: F401

pytestmark = pytest.mark.django_db
QUEUE = "/admin/disclosure/requests/"


def stored_due(case):
    case.refresh_from_db(fields=["due_on"])
    return case.due_on


def test_a_requests_due_date_is_stored_and_moves_with_its_steps(portal):
    request = make_request(portal, received_on=date(2026, 3, 2))
    assert stored_due(request) == date(2026, 3, 30)  # 20 working days
    lifecycle.accept(request, handler(portal), on=date(2026, 3, 3))
    lifecycle.extend(request, office_head(portal), 5, "涉及多个部门", on=date(2026, 3, 20))
    assert stored_due(request) == date(2026, 4, 7)  # five more working days, 清明 (6 April) skipped
    lifecycle.request_supplement  # noqa: B018 (the clock-stopping steps are covered below)


def test_supplement_stops_the_clock_and_the_completed_request_restarts_it(portal):
    request = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.request_supplement(request, handler(portal), 10, "请写明所需信息的年份", on=date(2026, 3, 4))
    assert stored_due(request) is None
    lifecycle.receive_supplement(request, "2025年度", on=date(2026, 3, 9))
    assert stored_due(request) == date(2026, 4, 7)  # 20 working days from 9 March, 清明 skipped


def test_editing_holidays_recomputes_open_cases_only(portal):
    open_request = make_request(portal, received_on=date(2026, 3, 2))
    closed = make_request(portal, received_on=date(2026, 3, 2), description="已答复的申请")
    lifecycle.reply(closed, handler(portal), "1", "已公开，见门户网站。", on=date(2026, 3, 5))
    letter = make_letter(portal, received_on=date(2026, 3, 2))
    assert (stored_due(open_request), stored_due(closed), stored_due(letter)) == (
        date(2026, 3, 30),
        date(2026, 3, 30),
        date(2026, 3, 11),
    )

    holiday = Holiday.objects.create(date=date(2026, 3, 10), note="临时放假")
    assert stored_due(open_request) == date(2026, 3, 31)
    assert stored_due(letter) == date(2026, 3, 12)
    assert stored_due(closed) == date(2026, 3, 30)  # a closed case keeps the deadline it had

    holiday.delete()
    assert (stored_due(open_request), stored_due(letter)) == (date(2026, 3, 30), date(2026, 3, 11))


def test_many_open_cases_are_recomputed_by_a_task(portal, monkeypatch, django_capture_on_commit_callbacks):
    from casework import deadlines

    request = make_request(portal, received_on=date(2026, 3, 2))
    monkeypatch.setattr(deadlines, "INLINE_LIMIT", 0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Holiday.objects.create(date=date(2026, 3, 10), note="临时放假")
    assert len(callbacks) == 1  # the task is queued once the holiday is committed (sync in tests)
    assert stored_due(request) == date(2026, 3, 31)


def test_the_detail_page_names_the_holidays_a_deadline_skipped(client, portal):
    request = make_request(portal, received_on=date(2025, 9, 22))
    Holiday.objects.create(date=date(2025, 10, 13), note="防汛调休")
    client.force_login(handler(portal))
    text = client.get(f"{QUEUE}{request.pk}/").content.decode()
    assert "期限已跳过节假日" in text
    assert "国庆节、中秋（10月1日至10月8日，6 个工作日）" in text
    assert "防汛调休（10月13日，1 个工作日）" in text


def test_queue_filters_sorts_and_pages_overdue_requests_in_the_database(client, portal, monkeypatch):
    today = timezone.localdate()
    for days_ago, text in ((90, "最早超期的申请"), (60, "其次超期的申请"), (75, "第二早超期的申请")):
        make_request(portal, received_on=today.replace(day=1) - timezone.timedelta(days=days_ago), description=text)
    make_request(portal, received_on=today, description="新收到的申请")
    monkeypatch.setattr(RequestIndexView, "get_paginate_by", lambda view, queryset: 2)
    client.force_login(handler(portal))

    first = client.get(QUEUE, {"overdue": "on"}).content.decode()
    assert first.index("最早超期的申请") < first.index("第二早超期的申请")
    assert "其次超期的申请" not in first and "新收到的申请" not in first
    pages = BeautifulSoup(first, "html.parser").select_one("nav.pagination")
    assert "第 1 页，共 2 页" in pages.get_text(" ", strip=True)
    assert "overdue=on" in pages.select_one("li.next a")["href"] and "p=2" in pages.select_one("li.next a")["href"]
    second = client.get(QUEUE, {"overdue": "on", "p": "2"}).content.decode()
    assert "其次超期的申请" in second and "最早超期的申请" not in second
