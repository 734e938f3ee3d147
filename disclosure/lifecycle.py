"""The handling steps of a request (条例第三十条至第三十七条). Each step checks that the law and
the request's state allow it, records who did it, when and why, and tells the applicant.
A refused step raises StepRefused with a message for the person who tried it."""

from django.db import transaction
from django.utils import timezone

from casework.effects import hand_over, run_later
from casework.steps import (
    StepRefused,  # noqa: F401  (the admin views catch lifecycle.StepRefused)
    actor_fields,
)
from casework.steps import allowed as _allowed
from casework.steps import move as _move
from casework.steps import require as _require
from casework.workdays import add_working_days
from disclosure import notices
from disclosure.choices import OPEN_STATUSES, EventKind, Outcome, Status
from disclosure.deadlines import CONSULTATION_DAYS, MAX_EXTENSION_DAYS, SUPPLEMENT_NOTICE_DAYS
from disclosure.models import DisclosureRequest, RequestEvent

APPLICANT = "申请人"
FEE_PAYMENT_DAYS = 20


def _record(request, kind, actor=None, on=None, **fields):
    """Record a step, and issue its formal notice (kept with the request) if it has one."""
    event = RequestEvent.objects.create(
        request=request, kind=kind, on=on or timezone.localdate(), **actor_fields(actor, APPLICANT), **fields
    )
    request.refresh_due()
    if event.kind in notices.NOTICE_OF_STEP:
        label = "回执生成" if event.kind == EventKind.REGISTERED else "告知书生成"
        run_later(request, label, "disclosure.tasks.issue_notice", event.pk)
    return event


def _tell_applicant(request, event):
    """E-mail the applicant about the step (after it is saved, as a task)."""
    run_later(request, "邮件发送", "disclosure.tasks.send_step_email", event.pk)


def _close(request, name, outcome, on):
    request.outcome, request.closed_on = outcome, on
    _move(request, name, "outcome", "closed_on")


def submit(request, page=None):
    """Register a request received online: number, query code, first step. Returns the code.
    The number is taken in a transaction of its own; the receipt and the e-mails are tasks run
    once the request is saved (the code reaches the e-mail task through the cache, not its args)."""
    code = request.set_new_query_code()
    request.assign_number()
    with transaction.atomic():
        request.status = Status.REGISTERED
        request.save()
        event = RequestEvent.objects.create(
            request=request,
            kind=EventKind.REGISTERED,
            on=request.received_on,
            actor_label=APPLICANT,
            reason="网上提交申请",
        )
    request.refresh_due()
    run_later(request, "回执生成", "disclosure.tasks.issue_notice", event.pk)
    run_later(
        request,
        "回执邮件发送",
        "disclosure.tasks.send_received",
        request.pk,
        page.pk if page else None,
        hand_over(code),
    )
    return code


def accept(request, user, reason="", on=None):
    _allowed(request, "accept", "只有已登记的申请可以受理。")
    _move(request, "accept")
    return _record(request, EventKind.ACCEPTED, user, on=on, reason=reason)


def request_supplement(request, user, period_days, reason, on=None):
    on = on or timezone.localdate()
    _allowed(request, "supplement", "当前状态不能告知补正。")
    _require(not request.events.filter(kind=EventKind.SUPPLEMENT_REQUESTED).exists(), "补正只能告知一次。")
    last_day = add_working_days(request.received_on, SUPPLEMENT_NOTICE_DAYS)
    _require(on <= last_day, f"补正须在收到申请之日起7个工作日内（{last_day:%Y年%m月%d日}前）一次性告知。")
    _require(reason.strip(), "请写明需要补正的事项。")
    _require(1 <= period_days <= 60, "补正期限应为1至60个工作日。")
    _move(request, "supplement")
    event = _record(
        request,
        EventKind.SUPPLEMENT_REQUESTED,
        user,
        on=on,
        reason=reason,
        days=period_days,
        until=add_working_days(on, period_days),
    )
    _tell_applicant(request, event)
    return event


def receive_supplement(request, text, attachment=None, on=None):
    """The applicant completes the request; the reply deadline runs anew from today."""
    on = on or timezone.localdate()
    _allowed(request, "supplemented", "该申请当前不需要补正。")
    notice = request.last_event(EventKind.SUPPLEMENT_REQUESTED)
    _require(on <= notice.until, "补正期限已过，不能再补正。")
    _require(text.strip() or attachment, "请填写补正内容或上传补正材料。")
    _move(request, "supplemented")
    return _record(request, EventKind.SUPPLEMENTED, on=on, reason=text, attachment=attachment or "")


def close_as_given_up(request, user, on=None):
    on = on or timezone.localdate()
    _allowed(request, "give_up", "只有待补正的申请可以按逾期未补正终止。")
    notice = request.last_event(EventKind.SUPPLEMENT_REQUESTED)
    _require(on > notice.until, f"补正期限（{notice.until:%Y年%m月%d日}）尚未届满。")
    _close(request, "give_up", Outcome.NO_SUPPLEMENT, on)
    return _record(request, EventKind.GIVEN_UP, user, on=on, reason="申请人无正当理由逾期不补正，视为放弃申请。")


def start_consultation(request, user, reason, on=None):
    on = on or timezone.localdate()
    _allowed(request, "consult", "只有办理中的申请可以征求意见。")
    _require(reason.strip(), "请写明征求意见的对象和事项。")
    _move(request, "consult")
    until = add_working_days(on, CONSULTATION_DAYS)
    return _record(request, EventKind.CONSULTATION_STARTED, user, on=on, reason=reason, until=until)


def end_consultation(request, user, reason, on=None):
    on = on or timezone.localdate()
    _allowed(request, "end_consult", "该申请没有正在进行的征求意见。")
    started = request.last_event(EventKind.CONSULTATION_STARTED)
    _require(on >= started.on, "结束日期不能早于开始日期。")
    _move(request, "end_consult")
    return _record(request, EventKind.CONSULTATION_ENDED, user, on=on, reason=reason or "已收到意见")


def extend(request, user, days, reason, on=None):
    """延期 needs the head of the disclosure office: the approver is the one recording it."""
    on = on or timezone.localdate()
    _require(user.has_perm("disclosure.approve_extension"), "延期答复须经政府信息公开工作机构负责人同意。")
    _allowed(request, "extend", "当前状态不能延期。")
    _require(not request.events.filter(kind=EventKind.EXTENDED).exists(), "延期只能一次。")
    _require(1 <= days <= MAX_EXTENSION_DAYS, "延长期限最长不超过20个工作日。")
    _require(reason.strip(), "请写明延期理由。")
    due = request.deadline(on).due
    _require(due and on <= due, "答复期限已过，不能再延期。")
    event = _record(request, EventKind.EXTENDED, user, on=on, reason=reason, days=days)
    _tell_applicant(request, event)
    return event


def notify_fee(request, user, amount, basis, on=None):
    """收费通知: the applicant has 20 working days to pay (国办函〔2020〕109号)."""
    on = on or timezone.localdate()
    _allowed(request, "fee", "只有办理中的申请可以发出收费通知。")
    _require(not request.events.filter(kind=EventKind.FEE_NOTIFIED).exists(), "收费通知只能发出一次。")
    _require(amount > 0, "收费金额应大于0；不收费时无需发出收费通知。")
    _require(basis.strip(), "请写明收费的依据和计算方式。")
    _move(request, "fee")
    until = add_working_days(on, FEE_PAYMENT_DAYS)
    event = _record(request, EventKind.FEE_NOTIFIED, user, on=on, reason=basis, amount=amount, until=until)
    _tell_applicant(request, event)
    return event


def record_payment(request, user, on=None):
    on = on or timezone.localdate()
    _allowed(request, "fee_paid", "该申请没有待缴的费用。")
    notice = request.last_event(EventKind.FEE_NOTIFIED)
    _require(on <= notice.until, f"缴费期限（{notice.until:%Y年%m月%d日}）已过。")
    _move(request, "fee_paid")
    return _record(request, EventKind.FEE_PAID, user, on=on, reason="已收到缴费凭证")


def close_as_fee_unpaid(request, user, on=None):
    on = on or timezone.localdate()
    _allowed(request, "fee_unpaid", "只有待缴费的申请可以按逾期未缴费终止。")
    notice = request.last_event(EventKind.FEE_NOTIFIED)
    _require(on > notice.until, f"缴费期限（{notice.until:%Y年%m月%d日}）尚未届满。")
    _close(request, "fee_unpaid", Outcome.FEE_UNPAID, on)
    return _record(request, EventKind.FEE_UNPAID, user, on=on, reason="申请人逾期未按收费通知要求缴纳费用，不再处理。")


def reply(request, user, outcome, letter, on=None, attachment=None):
    on = on or timezone.localdate()
    _allowed(request, "reply", "当前状态不能答复（待补正或征求意见中）。")
    _require(
        outcome in Outcome.values and outcome not in (Outcome.NO_SUPPLEMENT, Outcome.FEE_UNPAID), "请选择办理结果。"
    )
    _require(letter.strip(), "请填写答复告知书正文。")
    _close(request, "reply", outcome, on)
    event = _record(
        request, EventKind.REPLIED, user, on=on, outcome=outcome, letter=letter, attachment=attachment or ""
    )
    _tell_applicant(request, event)
    return event


def archive(request, user):
    _allowed(request, "archive", "只有已办结的申请可以归档。")
    _move(request, "archive")
    return _record(request, EventKind.ARCHIVED, user)


def withdraw(request, reason="", on=None):
    on = on or timezone.localdate()
    _allowed(request, "withdraw", "该申请已办结，不能撤回。")
    _close(request, "withdraw", Outcome.OTHER, on)
    return _record(request, EventKind.WITHDRAWN, on=on, reason=reason or "申请人撤回申请")


def open_requests(queryset=None):
    return (queryset if queryset is not None else DisclosureRequest.objects.all()).filter(status__in=OPEN_STATUSES)
