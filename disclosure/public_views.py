"""The citizen's side of 依申请公开: submit, see the number and query code once, track,
complete (补正) or withdraw. Served by DisclosureRequestPage's routes."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from casework.limits import RateLimit
from casework.storage import uploaded_name
from casework.tracking import sign_in
from casework.transitions import citizen_may
from disclosure import lifecycle
from disclosure.choices import EventKind
from disclosure.forms import DisclosureRequestForm, SupplementForm, TrackingForm, WithdrawForm
from disclosure.models import DisclosureRequest
from home.submissions import forget_tracked, remember_tracked, tracked_pk

SUBMISSIONS = RateLimit("disclosure-submit", 5, 3600, "提交过于频繁，请一小时后再试。如有急需，请电话联系受理机构。")
TRACKING_FAILURES = RateLimit("disclosure-track-fail", 5, 15 * 60, "查询失败次数过多，请15分钟后再试。")
NEW_KEY, TRACKED_KEY = "disclosure_new", "disclosure_tracked"
# Steps an applicant sees on the tracking page; internal notes (reasons of staff steps) stay internal.
PUBLIC_STEPS = {
    EventKind.REGISTERED,
    EventKind.ACCEPTED,
    EventKind.SUPPLEMENT_REQUESTED,
    EventKind.SUPPLEMENTED,
    EventKind.GIVEN_UP,
    EventKind.CONSULTATION_STARTED,
    EventKind.CONSULTATION_ENDED,
    EventKind.EXTENDED,
    EventKind.FEE_NOTIFIED,
    EventKind.FEE_PAID,
    EventKind.FEE_UNPAID,
    EventKind.REPLIED,
    EventKind.WITHDRAWN,
}


def _render(page, request, template, **context):
    return TemplateResponse(request, template, {**page.get_context(request), **context})


def _url(page, request, route):
    # Relative: `page.url` would name the site's registered address, not the one being served.
    return page.get_url(request) + page.reverse_subpage(route)


def request_form(page, request):
    site = page.get_site()
    if request.method == "POST":
        form = DisclosureRequestForm(request.POST, request.FILES, site=site)
        if SUBMISSIONS.exceeded(request):
            form.is_valid()
            form.add_error(None, SUBMISSIONS.message)
        elif form.is_valid():
            SUBMISSIONS.hit(request)
            disclosure_request = form.save(commit=False)
            disclosure_request.site = site
            disclosure_request.received_on = timezone.localdate()
            code = lifecycle.submit(disclosure_request, page)
            request.session[NEW_KEY] = {"number": disclosure_request.number, "code": code}
            remember_tracked(request, TRACKED_KEY, disclosure_request.pk)
            return redirect(_url(page, request, "thanks_route"))
    else:
        form = DisclosureRequestForm(site=site)
    return _render(page, request, "disclosure/request_form.html", form=form)


def thanks(page, request):
    # Shown once: the plain query code lives in the session only until this page is seen.
    new = request.session.pop(NEW_KEY, None)
    if not new:
        return redirect(_url(page, request, "track_route"))
    disclosure_request = DisclosureRequest.objects.filter(site=page.get_site(), number=new["number"]).first()
    return _render(page, request, "disclosure/thanks.html", new=new, item=disclosure_request)


def _tracked(page, request):
    pk = tracked_pk(request, TRACKED_KEY)
    return DisclosureRequest.objects.filter(site=page.get_site(), pk=pk).first() if pk else None


def track(page, request):
    form = TrackingForm()
    item = None
    if request.method == "POST":
        form = TrackingForm(request.POST)
        requests = DisclosureRequest.objects.filter(site=page.get_site())
        wrong = "申请编号或查询码不正确，请核对后重新输入。"
        if sign_in(request, form, requests, TRACKED_KEY, TRACKING_FAILURES, wrong):
            return redirect(_url(page, request, "track_route"))
    else:
        item = _tracked(page, request)
    return _render(page, request, "disclosure/track.html", form=form, **_status_context(item))


def reply_file(page, request):
    """The reply's attachment, to the applicant who is tracking the request in this session only."""
    item = _tracked(page, request)
    reply = item.last_event(EventKind.REPLIED) if item else None
    if not (reply and reply.attachment):
        raise Http404
    name = uploaded_name(reply.attachment)
    return FileResponse(reply.attachment.open("rb"), as_attachment=True, filename=f"{item.number}-{name}")


def _status_context(item, supplement_form=None, withdraw_form=None):
    if item is None:
        return {"item": None}
    today = timezone.localdate()
    notice = item.last_event(EventKind.SUPPLEMENT_REQUESTED)
    # The citizen's own steps, as the request's transition table allows them now.
    awaiting = citizen_may(item, "supplemented")
    can_supplement = awaiting and notice and today <= notice.until
    return {
        "item": item,
        "deadline": item.deadline(today) if item.is_open else None,
        "steps": [e for e in item.events.all() if e.kind in PUBLIC_STEPS],
        "reply": item.last_event(EventKind.REPLIED),
        "supplement_notice": notice if awaiting else None,
        "supplement_form": (supplement_form or SupplementForm()) if can_supplement else None,
        "withdraw_form": (withdraw_form or WithdrawForm()) if citizen_may(item, "withdraw") else None,
    }


def _act_on_tracked(page, request, form_class, act, done_message, form_key, unavailable_message):
    item = _tracked(page, request)
    if item is None or request.method != "POST":
        return redirect(_url(page, request, "track_route"))
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            act(item, form.cleaned_data)
        except lifecycle.StepRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, done_message)
            return redirect(_url(page, request, "track_route"))
    context = _status_context(item, **{form_key: form})
    if context.get(form_key) is None:
        # The step is no longer offered (the request moved on meanwhile, e.g. in another tab):
        # the form would not be shown again, so say why instead of showing a silent page.
        messages.error(request, unavailable_message)
        return redirect(_url(page, request, "track_route"))
    return _render(page, request, "disclosure/track.html", form=TrackingForm(), **context)


def supplement(page, request):
    return _act_on_tracked(
        page,
        request,
        SupplementForm,
        lambda item, data: lifecycle.receive_supplement(item, data["text"], data.get("attachment")),
        "补正材料已提交，答复期限自今日起重新计算。",
        "supplement_form",
        "该申请当前不需要补正，或补正期限已过。",
    )


def withdraw(page, request):
    return _act_on_tracked(
        page,
        request,
        WithdrawForm,
        lambda item, data: lifecycle.withdraw(item, data["reason"]),
        "您的申请已撤回。",
        "withdraw_form",
        "该申请已办结，不能撤回。",
    )


def log_out(page, request):
    """退出: the browser no longer shows the request (on a shared computer, for the next person)."""
    if request.method == "POST":
        forget_tracked(request, TRACKED_KEY, NEW_KEY)
        messages.success(request, "已退出查询。")
    return redirect(_url(page, request, "track_route"))
