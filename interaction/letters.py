"""The handling steps of a letter. Each step checks that the letter's state and the user's
role allow it, records who did it, when and why, and tells the writer where it concerns them.
A refused step raises StepRefused with a message for the person who tried it.

Deadlines: a reply within 7 working days of receipt, extendable once with a reason to at most
15 working days in all (the start day not counted; casework.workdays is the calendar)."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.workdays import add_working_days
from interaction import notifications
from interaction.antiabuse import sensitive_words
from interaction.choices import OPEN_LETTER_STATUSES, LetterEventKind, LetterStatus
from interaction.models import Letter, LetterEvent

REPLY_DAYS = 7
MAX_TOTAL_DAYS = 15
REVIEW_PERMISSION = "interaction.review_letter"
HANDLE_PERMISSION = "interaction.change_letter"
WRITER = "写信人"


class StepRefused(Exception):
    pass


def _require(condition, message):
    if not condition:
        raise StepRefused(message)


def due_date(received_on, extension_days=0, calendar=None):
    return add_working_days(received_on, REPLY_DAYS + extension_days, calendar)


def _record(letter, kind, actor=None, **fields):
    user = actor if actor is not None and actor.is_authenticated else None
    return LetterEvent.objects.create(
        letter=letter, kind=kind, actor=user, actor_label="" if user else WRITER, **fields
    )


def _set_status(letter, status, *extra_fields):
    letter.status = status
    letter.save(update_fields=["status", *extra_fields])


def submit(letter, page=None):
    """Register a letter received online: number, query code, deadline, sensitive words.
    Returns the query code, shown to the writer once."""
    letter.due_on = due_date(letter.received_on)
    letter.flagged_words = sensitive_words(letter.subject, letter.content)[:300]
    letter.status = LetterStatus.NEW
    code = letter.set_new_query_code()
    for attempt in range(3):
        letter.assign_number()
        try:
            with transaction.atomic():
                letter.save()
                _record(letter, LetterEventKind.SUBMITTED, note="网上来信")
            break
        except IntegrityError:  # another letter took the number meanwhile
            if attempt == 2:
                raise
    notifications.letter_received(letter, code, page)
    return code


def accept(letter, user, note=""):
    _require(letter.status == LetterStatus.NEW, "只有待受理的来信可以受理。")
    _set_status(letter, LetterStatus.HANDLING)
    return _record(letter, LetterEventKind.ACCEPTED, user, note=note)


def decline(letter, user, reason):
    _require(letter.status == LetterStatus.NEW, "只有待受理的来信可以不予受理。")
    _require(reason.strip(), "请写明不予受理的理由，将告知写信人。")
    _set_status(letter, LetterStatus.DECLINED)
    event = _record(letter, LetterEventKind.DECLINED, user, note=reason)
    notifications.letter_declined(letter, event)
    return event


def assign(letter, user, department, note=""):
    _require(letter.status == LetterStatus.HANDLING, "请先受理来信，再交办承办单位。")
    _require(department.site_id == letter.site_id, "只能交办本网站的单位。")
    letter.department = department
    letter.save(update_fields=["department"])
    return _record(letter, LetterEventKind.ASSIGNED, user, note=note, department=department)


def transfer(letter, user, note, department=None, site=None):
    """转办 to another department of the site, or to another site of the group (whose staff
    then receive it as a new letter; the deadline still runs from the original receipt)."""
    _require(letter.status in (LetterStatus.NEW, LetterStatus.HANDLING), "只有待受理或办理中的来信可以转办。")
    _require(note.strip(), "请写明转办说明。")
    _require(bool(department) != bool(site), "请选择一个转办对象：本站单位或其他网站。")
    if department:
        _require(department.site_id == letter.site_id, "只能转至本网站的单位，其他网站请选择“转至其他网站”。")
        letter.department = department
        _set_status(letter, LetterStatus.HANDLING, "department")
        return _record(letter, LetterEventKind.TRANSFERRED, user, note=note, department=department)
    _require(site.pk != letter.site_id, "不能转至本网站。")
    event = _record(letter, LetterEventKind.TRANSFERRED, user, note=note, to_site=site)
    letter.site, letter.department, letter.reply = site, None, ""
    _set_status(letter, LetterStatus.NEW, "site", "department", "reply")
    notifications.letter_transferred(letter)
    return event


def draft(letter, user, text):
    _require(letter.status == LetterStatus.HANDLING, "只有办理中的来信可以拟写答复。")
    _require(letter.department_id, "请先交办承办单位，答复以承办单位名义发出。")
    _require(text.strip(), "请填写答复内容。")
    letter.reply = text.strip()
    _set_status(letter, LetterStatus.REVIEW, "reply")
    return _record(letter, LetterEventKind.DRAFTED, user)


def _require_reviewer(letter, user):
    _require(user.has_perm(REVIEW_PERMISSION), "审核答复须由具有审核权限的人员办理。")
    _require(letter.status == LetterStatus.REVIEW, "该来信当前没有待审核的答复。")
    drafted = letter.last_event(LetterEventKind.DRAFTED)
    _require(user.is_superuser or drafted is None or drafted.actor_id != user.pk, "答复须由拟稿人以外的人员审核。")


def send_back(letter, user, reason):
    _require_reviewer(letter, user)
    _require(reason.strip(), "请写明退回修改的意见。")
    _set_status(letter, LetterStatus.HANDLING)
    return _record(letter, LetterEventKind.SENT_BACK, user, note=reason)


def approve(letter, user, note=""):
    _require_reviewer(letter, user)
    _set_status(letter, LetterStatus.APPROVED)
    return _record(letter, LetterEventKind.APPROVED, user, note=note)


def send(letter, user, on=None):
    _require(letter.status == LetterStatus.APPROVED, "答复须审核通过后才能发送。")
    letter.replied_on = on or timezone.localdate()
    _set_status(letter, LetterStatus.REPLIED, "replied_on")
    event = _record(letter, LetterEventKind.REPLIED, user, department=letter.department)
    notifications.letter_replied(letter)
    return event


def extend(letter, user, days, reason, today=None):
    today = today or timezone.localdate()
    _require(letter.status in OPEN_LETTER_STATUSES, "已办结的来信不能延期。")
    _require(not letter.extension_days, "办理期限只能延长一次。")
    _require(1 <= days <= MAX_TOTAL_DAYS - REPLY_DAYS, f"延长后办理期限合计不能超过{MAX_TOTAL_DAYS}个工作日。")
    _require(reason.strip(), "请写明延期理由。")
    _require(today <= letter.due_on, "办理期限已过，不能再延期。")
    letter.extension_days = days
    letter.due_on = due_date(letter.received_on, days)
    letter.save(update_fields=["extension_days", "due_on"])
    return _record(letter, LetterEventKind.EXTENDED, user, note=f"延长{days}个工作日：{reason}")


def withhold(letter, user, reason):
    """Keep a reply out of the public list although the writer agreed (e.g. it names people)."""
    _require(letter.status == LetterStatus.REPLIED and letter.public, "只有已公开的答复可以撤下。")
    _require(reason.strip(), "请写明不予公开的理由。")
    letter.public = False
    letter.save(update_fields=["public"])
    return _record(letter, LetterEventKind.HIDDEN, user, note=reason)


def open_letters(queryset=None):
    return (queryset if queryset is not None else Letter.objects.all()).filter(status__in=OPEN_LETTER_STATUSES)
