"""The handling steps of a request (条例第三十条至第三十七条). Each step checks that the law and
the request's state allow it, records who did it, when and why, and tells the applicant.
A refused step raises StepRefused with a message for the person who tried it."""

from django.db import transaction
from django.utils import timezone

from casework.workdays import add_working_days
from disclosure import notices, notifications
from disclosure.choices import OPEN_STATUSES, EventKind, Outcome, Status
from disclosure.deadlines import CONSULTATION_DAYS, MAX_EXTENSION_DAYS, SUPPLEMENT_NOTICE_DAYS
from disclosure.models import DisclosureRequest, RequestEvent

APPLICANT = "申请人"
FEE_PAYMENT_DAYS = 20


class StepRefused(Exception):
    pass


def _require(condition, message):
    if not condition:
        raise StepRefused(message)


def _record(request, kind, actor=None, on=None, **fields):
    """Record a step, and issue its formal notice (kept with the request) if it has one."""
    user = actor if actor is not None and actor.is_authenticated else None
    event = RequestEvent.objects.create(
        request=request,
        kind=kind,
        on=on or timezone.localdate(),
        actor=user,
        actor_label="" if user else APPLICANT,
        **fields,
    )
    notices.issue(event)
    return event


def _close(request, status, outcome, on):
    request.status, request.outcome, request.closed_on = status, outcome, on
    request.save(update_fields=["status", "outcome", "closed_on"])


def submit(request, page=None):
    """Register a request received online: number, query code, first step. Returns the code."""
    code = request.set_new_query_code()  # hashing takes a while: not while holding the number lock
    with transaction.atomic():
        request.assign_number()
        request.status = Status.REGISTERED
        request.save()
        _record(request, EventKind.REGISTERED, on=request.received_on, reason="网上提交申请")
    notifications.request_received(request, code, page)
    return code


def accept(request, user, reason="", on=None):
    _require(request.status == Status.REGISTERED, "只有已登记的申请可以受理。")
    request.status = Status.ACCEPTED
    request.save(update_fields=["status"])
    return _record(request, EventKind.ACCEPTED, user, on=on, reason=reason)


def request_supplement(request, user, period_days, reason, on=None):
    on = on or timezone.localdate()
    _require(request.status in (Status.REGISTERED, Status.ACCEPTED), "当前状态不能告知补正。")
    _require(not request.events.filter(kind=EventKind.SUPPLEMENT_REQUESTED).exists(), "补正只能告知一次。")
    last_day = add_working_days(request.received_on, SUPPLEMENT_NOTICE_DAYS)
    _require(on <= last_day, f"补正须在收到申请之日起7个工作日内（{last_day:%Y年%m月%d日}前）一次性告知。")
    _require(reason.strip(), "请写明需要补正的事项。")
    _require(1 <= period_days <= 60, "补正期限应为1至60个工作日。")
    request.status = Status.AWAITING_SUPPLEMENT
    request.save(update_fields=["status"])
    event = _record(
        request,
        EventKind.SUPPLEMENT_REQUESTED,
        user,
        on=on,
        reason=reason,
        days=period_days,
        until=add_working_days(on, period_days),
    )
    notifications.supplement_requested(request, event)
    return event


def receive_supplement(request, text, attachment=None, on=None):
    """The applicant completes the request; the reply deadline runs anew from today."""
    on = on or timezone.localdate()
    _require(request.status == Status.AWAITING_SUPPLEMENT, "该申请当前不需要补正。")
    notice = request.last_event(EventKind.SUPPLEMENT_REQUESTED)
    _require(on <= notice.until, "补正期限已过，不能再补正。")
    _require(text.strip() or attachment, "请填写补正内容或上传补正材料。")
    request.status = Status.ACCEPTED
    request.save(update_fields=["status"])
    return _record(request, EventKind.SUPPLEMENTED, on=on, reason=text, attachment=attachment or "")


def close_as_given_up(request, user, on=None):
    on = on or timezone.localdate()
    _require(request.status == Status.AWAITING_SUPPLEMENT, "只有待补正的申请可以按逾期未补正终止。")
    notice = request.last_event(EventKind.SUPPLEMENT_REQUESTED)
    _require(on > notice.until, f"补正期限（{notice.until:%Y年%m月%d日}）尚未届满。")
    _close(request, Status.GIVEN_UP, Outcome.NO_SUPPLEMENT, on)
    return _record(request, EventKind.GIVEN_UP, user, on=on, reason="申请人无正当理由逾期不补正，视为放弃申请。")


def start_consultation(request, user, reason, on=None):
    on = on or timezone.localdate()
    _require(request.status == Status.ACCEPTED, "只有办理中的申请可以征求意见。")
    _require(reason.strip(), "请写明征求意见的对象和事项。")
    request.status = Status.CONSULTING
    request.save(update_fields=["status"])
    until = add_working_days(on, CONSULTATION_DAYS)
    return _record(request, EventKind.CONSULTATION_STARTED, user, on=on, reason=reason, until=until)


def end_consultation(request, user, reason, on=None):
    on = on or timezone.localdate()
    _require(request.status == Status.CONSULTING, "该申请没有正在进行的征求意见。")
    started = request.last_event(EventKind.CONSULTATION_STARTED)
    _require(on >= started.on, "结束日期不能早于开始日期。")
    request.status = Status.ACCEPTED
    request.save(update_fields=["status"])
    return _record(request, EventKind.CONSULTATION_ENDED, user, on=on, reason=reason or "已收到意见")


def extend(request, user, days, reason, on=None):
    """延期 needs the head of the disclosure office: the approver is the one recording it."""
    on = on or timezone.localdate()
    _require(user.has_perm("disclosure.approve_extension"), "延期答复须经政府信息公开工作机构负责人同意。")
    _require(request.status in (Status.ACCEPTED, Status.CONSULTING), "当前状态不能延期。")
    _require(not request.events.filter(kind=EventKind.EXTENDED).exists(), "延期只能一次。")
    _require(1 <= days <= MAX_EXTENSION_DAYS, "延长期限最长不超过20个工作日。")
    _require(reason.strip(), "请写明延期理由。")
    due = request.deadline(on).due
    _require(due and on <= due, "答复期限已过，不能再延期。")
    event = _record(request, EventKind.EXTENDED, user, on=on, reason=reason, days=days)
    notifications.extended(request, event)
    return event


def notify_fee(request, user, amount, basis, on=None):
    """收费通知: the applicant has 20 working days to pay (国办函〔2020〕109号)."""
    on = on or timezone.localdate()
    _require(request.status == Status.ACCEPTED, "只有办理中的申请可以发出收费通知。")
    _require(not request.events.filter(kind=EventKind.FEE_NOTIFIED).exists(), "收费通知只能发出一次。")
    _require(amount > 0, "收费金额应大于0；不收费时无需发出收费通知。")
    _require(basis.strip(), "请写明收费的依据和计算方式。")
    request.status = Status.AWAITING_FEE
    request.save(update_fields=["status"])
    until = add_working_days(on, FEE_PAYMENT_DAYS)
    event = _record(request, EventKind.FEE_NOTIFIED, user, on=on, reason=basis, amount=amount, until=until)
    notifications.fee_notified(request, event)
    return event


def record_payment(request, user, on=None):
    on = on or timezone.localdate()
    _require(request.status == Status.AWAITING_FEE, "该申请没有待缴的费用。")
    notice = request.last_event(EventKind.FEE_NOTIFIED)
    _require(on <= notice.until, f"缴费期限（{notice.until:%Y年%m月%d日}）已过。")
    request.status = Status.ACCEPTED
    request.save(update_fields=["status"])
    return _record(request, EventKind.FEE_PAID, user, on=on, reason="已收到缴费凭证")


def close_as_fee_unpaid(request, user, on=None):
    on = on or timezone.localdate()
    _require(request.status == Status.AWAITING_FEE, "只有待缴费的申请可以按逾期未缴费终止。")
    notice = request.last_event(EventKind.FEE_NOTIFIED)
    _require(on > notice.until, f"缴费期限（{notice.until:%Y年%m月%d日}）尚未届满。")
    _close(request, Status.FEE_UNPAID, Outcome.FEE_UNPAID, on)
    return _record(request, EventKind.FEE_UNPAID, user, on=on, reason="申请人逾期未按收费通知要求缴纳费用，不再处理。")


def reply(request, user, outcome, letter, on=None, attachment=None):
    on = on or timezone.localdate()
    _require(request.status in (Status.REGISTERED, Status.ACCEPTED), "当前状态不能答复（待补正或征求意见中）。")
    _require(
        outcome in Outcome.values and outcome not in (Outcome.NO_SUPPLEMENT, Outcome.FEE_UNPAID), "请选择办理结果。"
    )
    _require(letter.strip(), "请填写答复告知书正文。")
    _close(request, Status.REPLIED, outcome, on)
    event = _record(
        request, EventKind.REPLIED, user, on=on, outcome=outcome, letter=letter, attachment=attachment or ""
    )
    notifications.replied(request, event)
    return event


def archive(request, user):
    _require(request.status not in OPEN_STATUSES and request.status != Status.ARCHIVED, "只有已办结的申请可以归档。")
    request.status = Status.ARCHIVED
    request.save(update_fields=["status"])
    return _record(request, EventKind.ARCHIVED, user)


def withdraw(request, reason="", on=None):
    on = on or timezone.localdate()
    _require(request.status in OPEN_STATUSES, "该申请已办结，不能撤回。")
    _close(request, Status.WITHDRAWN, Outcome.OTHER, on)
    return _record(request, EventKind.WITHDRAWN, on=on, reason=reason or "申请人撤回申请")


def open_requests(queryset=None):
    return (queryset if queryset is not None else DisclosureRequest.objects.all()).filter(status__in=OPEN_STATUSES)
