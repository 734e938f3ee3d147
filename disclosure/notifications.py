"""Emails about requests: to the applicant at receipt, 补正, extension and reply; to the staff
of the receiving site when a request arrives or is about to fall due. They are sent by tasks
(disclosure.tasks): a failure raises, so that it is retried and shown on the request."""

from django.core.mail import send_mail
from django.template.loader import render_to_string

from home.submissions import staff_emails

HANDLE_PERMISSION = "disclosure.change_disclosurerequest"


def _send(template, subject, recipients, **context):
    recipients = [r for r in recipients if r]
    if recipients:
        send_mail(subject, render_to_string(f"disclosure/email/{template}.txt", context), None, recipients)


def _tracking_url(page):
    return page.full_url + page.reverse_subpage("track_route") if page else ""


def request_received(request, code, page=None):
    site_name = request.site.site_name
    _send(
        "received",
        f"【{site_name}】已收到您的政府信息公开申请（{request.number}）",
        [request.email],
        request=request,
        code=code,
        tracking_url=_tracking_url(page),
    )
    extra = [page.notify_email] if page and page.notify_email else []
    _send(
        "staff_new",
        f"【{site_name}】新的政府信息公开申请 {request.number}",
        staff_emails(HANDLE_PERMISSION, request.site_id) + extra,
        request=request,
        due=request.deadline().due,
    )


def supplement_requested(request, event):
    _send("supplement", f"政府信息公开申请 {request.number} 补正告知", [request.email], request=request, event=event)


def extended(request, event):
    due = request.deadline(event.on).due
    _send(
        "extended",
        f"政府信息公开申请 {request.number} 延期答复告知",
        [request.email],
        request=request,
        event=event,
        due=due,
    )


def fee_notified(request, event):
    _send("fee", f"政府信息公开申请 {request.number} 收费通知", [request.email], request=request, event=event)


def replied(request, event):
    _send("replied", f"政府信息公开申请 {request.number} 答复告知", [request.email], request=request, event=event)


def due_soon(site, rows):
    """rows: (request, due date, working days left) of the site's open requests due soon."""
    _send(
        "staff_due_soon",
        f"【{site.site_name}】{len(rows)} 件政府信息公开申请即将到期",
        staff_emails(HANDLE_PERMISSION, site.pk),
        rows=rows,
    )
