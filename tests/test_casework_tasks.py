"""What a step sets off runs after it, as django-q2 tasks (sync in tests): numbers are taken in a
short transaction of their own, a failed receipt or e-mail shows on the case with a retry button,
and no task argument holds the citizen's query code."""

import smtplib
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django_q.models import Task

from disclosure import lifecycle, notices
from disclosure.models import DisclosureRequest, IssuedNotice
from tests.test_disclosure_factories import handler, make_request, private_media  # noqa: F401

pytestmark = pytest.mark.django_db
QUEUE = "/admin/disclosure/requests/"


def receipt_of(request):
    return IssuedNotice.objects.filter(event__request=request, kind="receipt").first()


def test_the_receipt_is_rendered_outside_the_transaction_that_takes_the_number(portal, monkeypatch):
    depths, render = [], notices.render_pdf

    def watched(*args):
        depths.append(len(connection.atomic_blocks))
        return render(*args)

    monkeypatch.setattr(notices, "render_pdf", watched)
    outside = len(connection.atomic_blocks)
    request = make_request(portal)
    assert depths == [outside]  # no transaction (and so no counter lock) held while rendering
    assert receipt_of(request) is not None and request.number.startswith("YSQ2026")


def test_a_failed_receipt_shows_on_the_request_and_a_retry_issues_it(client, portal, monkeypatch):
    def broken(*args):
        raise OSError("磁盘已满")

    monkeypatch.setattr(notices, "render_pdf", broken)
    request = make_request(portal)  # the applicant still gets their number and code
    assert receipt_of(request) is None
    client.force_login(handler(portal))
    page = client.get(f"{QUEUE}{request.pk}/").content.decode()
    assert "回执生成失败" in page and "重试" in page

    monkeypatch.undo()
    response = client.post(f"{QUEUE}{request.pk}/steps/retry/")
    assert response.status_code == 302
    assert receipt_of(request) is not None
    assert "回执生成失败" not in client.get(f"{QUEUE}{request.pk}/").content.decode()


def test_a_failed_email_shows_on_the_request(client, portal, monkeypatch):
    request, staff = make_request(portal, received_on=date(2026, 3, 2)), handler(portal)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPException("邮件服务器拒绝")

    monkeypatch.setattr("disclosure.notifications.send_mail", refuse)
    lifecycle.reply(request, staff, "1", "已公开。", on=date(2026, 3, 5))
    request.refresh_from_db()
    assert request.status == "replied"  # the step stands
    assert [entry["label"] for entry in request.failed_effects] == ["邮件发送"]
    client.force_login(staff)
    assert "邮件发送失败" in client.get(f"{QUEUE}{request.pk}/").content.decode()


def test_task_arguments_never_hold_the_query_code(portal):
    mail.outbox.clear()
    request = make_request(portal)
    code = request.query_code
    assert any(code in message.body for message in mail.outbox)  # the applicant's receipt e-mail has it
    tasks = Task.objects.filter(func="casework.effects.run")
    assert tasks.count() == 2
    assert all(code not in repr(task.args) + repr(task.kwargs) for task in tasks)
    stored = DisclosureRequest.objects.get(pk=request.pk)
    assert code not in stored.query_code_hash


def test_a_consultation_stops_the_clock_and_the_daily_task_moves_the_stored_due_date(portal):
    from disclosure.tasks import refresh_stopped_clocks

    request = make_request(portal, received_on=date(2026, 3, 2))
    staff = handler(portal)
    lifecycle.accept(request, staff, on=date(2026, 3, 3))
    lifecycle.start_consultation(request, staff, "征求第三方意见", on=date(2026, 3, 4))
    refresh_stopped_clocks(date(2026, 3, 10))
    request.refresh_from_db()
    assert request.due_on == request.deadline(date(2026, 3, 10)).due == date(2026, 4, 3)
    refresh_stopped_clocks(date(2026, 3, 20))
    request.refresh_from_db()
    assert request.due_on == date(2026, 4, 16)  # eight more working days of consultation, 清明 skipped
