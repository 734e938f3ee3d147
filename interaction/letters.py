"""The handling steps of a letter. Each step checks that the letter's state and the user's
role allow it, records who did it, when and why, and tells the writer where it concerns them.
A refused step raises StepRefused with a message for the person who tried it.

Deadlines: a reply within 7 working days of receipt, extendable once with a reason to at most
15 working days in all (the start day not counted; casework.workdays is the calendar)."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.effects import hand_over, run_later
from casework.steps import (
    StepRefused,  # noqa: F401  (the admin views catch letters.StepRefused)
    actor_fields,
)
from casework.steps import allowed as _allowed
from casework.steps import move as _move
from casework.steps import require as _require
from casework.workdays import add_working_days
from home import personal_data
from interaction.antiabuse import sensitive_words
from interaction.choices import OPEN_LETTER_STATUSES, LetterEventKind, LetterStatus
from interaction.models import Letter, LetterEvent

REPLY_DAYS = 7
MAX_TOTAL_DAYS = 15
REVIEW_PERMISSION = "interaction.review_letter"
HANDLE_PERMISSION = "interaction.change_letter"
WRITER = "写信人"


def due_date(received_on, extension_days=0, calendar=None):
    return add_working_days(received_on, REPLY_DAYS + extension_days, calendar)


def _record(letter, kind, actor=None, **fields):
    return LetterEvent.objects.create(letter=letter, kind=kind, **actor_fields(actor, WRITER), **fields)


def submit(letter, page=None):
    """Register a letter received online: number, query code, deadline, sensitive words.
    Returns the query code, shown to the writer once."""
    letter.due_on = due_date(letter.received_on)
    letter.flagged_words = sensitive_words(letter.subject, letter.content)[:300]
    letter.status = LetterStatus.NEW
    code = letter.set_new_query_code()
    for attempt in range(3):
        letter.assign_number()  # in a transaction of its own, before the letter is saved
        try:
            with transaction.atomic():
                letter.save()
                _record(letter, LetterEventKind.SUBMITTED, note="网上来信")
            break
        except IntegrityError:  # another letter took the number meanwhile
            if attempt == 2:
                raise
    page_id = page.pk if page else None
    run_later(letter, "回执邮件发送", "interaction.tasks.send_received", letter.pk, page_id, hand_over(code))
    return code


def accept(letter, user, note=""):
    _allowed(letter, "accept", "只有待受理的来信可以受理。")
    _move(letter, "accept")
    return _record(letter, LetterEventKind.ACCEPTED, user, note=note)


def decline(letter, user, reason):
    _allowed(letter, "decline", "只有待受理的来信可以不予受理。")
    _require(reason.strip(), "请写明不予受理的理由，将告知写信人。")
    _move(letter, "decline")
    event = _record(letter, LetterEventKind.DECLINED, user, note=reason)
    run_later(letter, "邮件发送", "interaction.tasks.send_declined", event.pk)
    return event


def assign(letter, user, department, note=""):
    _allowed(letter, "assign", "请先受理来信，再交办承办单位。")
    _require(department.site_id == letter.site_id, "只能交办本网站的单位。")
    letter.department = department
    letter.save(update_fields=["department"])
    return _record(letter, LetterEventKind.ASSIGNED, user, note=note, department=department)


def transfer(letter, user, note, department=None, site=None):
    """转办 to another department of the site, or to another site of the group (whose staff
    then receive it as a new letter; the deadline still runs from the original receipt)."""
    _allowed(letter, "transfer", "只有待受理或办理中的来信可以转办。")
    _require(note.strip(), "请写明转办说明。")
    _require(bool(department) != bool(site), "请选择一个转办对象：本站单位或其他网站。")
    if department:
        _require(department.site_id == letter.site_id, "只能转至本网站的单位，其他网站请选择“转至其他网站”。")
        letter.department = department
        _move(letter, "transfer", "department")
        return _record(letter, LetterEventKind.TRANSFERRED, user, note=note, department=department)
    _require(site.pk != letter.site_id, "不能转至本网站。")
    event = _record(letter, LetterEventKind.TRANSFERRED, user, note=note, to_site=site)
    letter.site, letter.department, letter.reply = site, None, ""
    _move(letter, "transfer", "site", "department", "reply", to_other_site=True)
    run_later(letter, "转办通知发送", "interaction.tasks.send_transferred", letter.pk)
    return event


def draft(letter, user, text):
    _allowed(letter, "draft", "只有办理中的来信可以拟写答复。")
    _require(letter.department_id, "请先交办承办单位，答复以承办单位名义发出。")
    _require(text.strip(), "请填写答复内容。")
    letter.reply = text.strip()
    _move(letter, "draft", "reply")
    return _record(letter, LetterEventKind.DRAFTED, user)


def _require_reviewer(letter, user):
    _require(user.has_perm(REVIEW_PERMISSION), "审核答复须由具有审核权限的人员办理。")
    _allowed(letter, "approve", "该来信当前没有待审核的答复。")
    drafted = letter.last_event(LetterEventKind.DRAFTED)
    _require(user.is_superuser or drafted is None or drafted.actor_id != user.pk, "答复须由拟稿人以外的人员审核。")


def send_back(letter, user, reason):
    _require_reviewer(letter, user)
    _require(reason.strip(), "请写明退回修改的意见。")
    _move(letter, "send_back")
    return _record(letter, LetterEventKind.SENT_BACK, user, note=reason)


def approve(letter, user, note=""):
    _require_reviewer(letter, user)
    _move(letter, "approve")
    return _record(letter, LetterEventKind.APPROVED, user, note=note)


def send(letter, user, on=None):
    _allowed(letter, "send", "答复须审核通过后才能发送。")
    letter.replied_on = on or timezone.localdate()
    _move(letter, "send", "replied_on")
    event = _record(letter, LetterEventKind.REPLIED, user, department=letter.department)
    run_later(letter, "邮件发送", "interaction.tasks.send_replied", letter.pk)
    return event


def extend(letter, user, days, reason, today=None):
    today = today or timezone.localdate()
    _allowed(letter, "extend", "已办结的来信不能延期。")
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
    _allowed(letter, "withhold", "只有已公开的答复可以撤下。")
    _require(letter.public, "只有已公开的答复可以撤下。")
    _require(reason.strip(), "请写明不予公开的理由。")
    letter.public = False
    letter.save(update_fields=["public"])
    return _record(letter, LetterEventKind.HIDDEN, user, note=reason)


def open_letters(queryset=None):
    return (queryset if queryset is not None else Letter.objects.all()).filter(status__in=OPEN_LETTER_STATUSES)


# 公开版本 (public version): what the public list shows of a replied letter whose writer agreed.

REDACTED = "×××"


def writers_details(letter):
    return [value.strip() for value in (letter.name, letter.phone, letter.email) if value and len(value.strip()) > 1]


def redact(letter, text):
    """The text with the writer's own name and contact details replaced and any other personal
    data masked: what the public version starts from."""
    for value in writers_details(letter):
        text = text.replace(value, REDACTED)
    return personal_data.mask(text)


def public_version_initial(letter):
    if letter.public_content:
        return {"subject": letter.public_subject, "content": letter.public_content, "reply": letter.public_reply}
    return {
        "subject": redact(letter, letter.subject),
        "content": redact(letter, letter.content),
        "reply": redact(letter, letter.reply),
    }


def personal_data_left(letter, *texts):
    """What of the writer's data a public version still shows, described without the values."""
    text = "\n".join(texts)
    # A street address may be the office's own: highlighted for the editor, not refused.
    left = [kind for kind in personal_data.summary(text) if kind not in personal_data.SUSPECTED]
    if any(value in text for value in writers_details(letter)):
        left.insert(0, "写信人姓名或联系方式")
    return left


def edit_public_version(letter, user, subject, content, reply):
    _require(
        letter.status == LetterStatus.REPLIED and letter.publish_consent and letter.public,
        "只有写信人同意公开、已答复的来信可以编辑公开版本。",
    )
    _require(subject.strip() and content.strip() and reply.strip(), "请填写公开的标题、来信内容和答复内容。")
    left = personal_data_left(letter, subject, content, reply)
    _require(not left, f"公开版本中仍含有个人信息（{'、'.join(left)}），请删除或改写后再提交。")
    letter.public_subject, letter.public_content, letter.public_reply = subject.strip(), content.strip(), reply.strip()
    letter.public_approved_at = None  # every change is reviewed again before it shows
    letter.save(update_fields=["public_subject", "public_content", "public_reply", "public_approved_at"])
    return _record(letter, LetterEventKind.PUBLIC_EDITED, user)


def approve_public_version(letter, user, note=""):
    _require(user.has_perm(REVIEW_PERMISSION), "审核公开版本须由具有审核权限的人员办理。")
    _require(letter.public_content and letter.public_approved_at is None, "该来信没有待审核的公开版本。")
    edited = letter.last_event(LetterEventKind.PUBLIC_EDITED)
    _require(user.is_superuser or edited is None or edited.actor_id != user.pk, "公开版本须由编辑人以外的人员审核。")
    letter.public_approved_at = timezone.now()
    letter.save(update_fields=["public_approved_at"])
    return _record(letter, LetterEventKind.PUBLIC_APPROVED, user, note=note)
