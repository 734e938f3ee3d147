"""Emails about letters: to the writer at receipt, decline and reply; to the staff of the
receiving site when a letter arrives (or is transferred in)."""

from django.core.mail import send_mail
from django.template.loader import render_to_string

from home.submissions import staff_emails

HANDLE_PERMISSION = "interaction.change_letter"


def _send(template, subject, recipients, **context):
    """Sent by the tasks of interaction.tasks: a failure raises, to be retried and shown on the letter."""
    recipients = [r for r in recipients if r]
    if recipients:
        send_mail(subject, render_to_string(f"interaction/email/{template}.txt", context), None, recipients)


def _tracking_url(page):
    return page.full_url + page.reverse_subpage("track_route") if page else ""


def letter_received(letter, code, page=None):
    site_name = letter.site.site_name
    _send(
        "received",
        f"【{site_name}】已收到您的来信（{letter.number}）",
        [letter.email],
        letter=letter,
        code=code,
        tracking_url=_tracking_url(page),
    )
    extra = [page.notify_email] if page and page.notify_email else []
    _send(
        "staff_new",
        f"【{site_name}】新来信 {letter.number}",
        staff_emails(HANDLE_PERMISSION, letter.site_id) + extra,
        letter=letter,
    )


def letter_transferred(letter):
    _send(
        "staff_new",
        f"【{letter.site.site_name}】转办来信 {letter.number}",
        staff_emails(HANDLE_PERMISSION, letter.site_id),
        letter=letter,
        transferred=True,
    )


def letter_declined(letter, event):
    _send("declined", f"来信 {letter.number} 不予受理告知", [letter.email], letter=letter, event=event)


def letter_replied(letter):
    _send(
        "replied",
        f"来信 {letter.number} 答复",
        [letter.email],
        letter=letter,
        tracking_url=_tracking_url(letter.mailbox),
    )
