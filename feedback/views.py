"""The citizen's side: the 找错 form (the page address filled in from ?url=), the receipt with the
number and query code (shown once), and tracking with number and code."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from casework.limits import RateLimit
from casework.tracking import sign_in
from feedback import cases
from feedback.forms import ReportForm, TrackingForm
from feedback.models import DEFAULT_REPLY_DAYS, ErrorReport
from home.submissions import forget_tracked, remember_tracked, tracked_pk

REPORT_LIMIT = RateLimit("feedback", 5, 3600, "提交过于频繁：每小时最多提交5条找错报告，请稍后再试。")
TRACK_FAILURES = RateLimit("feedback-track-fail", 5, 15 * 60, "查询失败次数过多，请15分钟后再试。")
NEW_KEY, TRACKED_KEY = "feedback_new", "feedback_tracked"
FIELDS = ("page_url", "kind", "description", "contact_name", "contact_email", "contact_phone")


def _render(request, template, status=200, **context):
    return TemplateResponse(request, template, context, status=status)


@never_cache
def report(request):
    note = ""
    if request.method == "POST":
        form = ReportForm(request.POST)
        if REPORT_LIMIT.exceeded(request):
            form.is_valid()
            form.add_error(None, REPORT_LIMIT.message)
        elif form.is_valid():
            REPORT_LIMIT.hit(request)
            data = form.cleaned_data
            item = ErrorReport(site=form.site, **{name: data[name] for name in FIELDS})
            code = cases.submit(item)
            request.session[NEW_KEY] = {"number": item.number, "code": code}
            remember_tracked(request, TRACKED_KEY, item.pk)
            return redirect("feedback_thanks")
    else:
        url = request.GET.get("url", "")[:500]
        if url and cases.site_for_url(url) is None:
            note = "所给地址不是本网站群的页面，请填写出错页面的完整地址。"
            url = ""
        form = ReportForm(initial={"page_url": url})
    site = Site.find_for_request(request)
    days = cases.reply_days(site) if site else DEFAULT_REPLY_DAYS
    return _render(request, "feedback/report_form.html", form=form, note=note, reply_days=days)


@never_cache
def thanks(request):
    # Shown once: the plain query code lives in the session only until this page is seen.
    new = request.session.pop(NEW_KEY, None)
    if not new:
        return redirect("feedback_track")
    return _render(request, "feedback/thanks.html", new=new)


@never_cache
def track(request):
    form, item = TrackingForm(), None
    if request.method == "POST":
        form = TrackingForm(request.POST)
        wrong = "报告编号或查询码不正确，请核对后重新输入。"
        if sign_in(request, form, ErrorReport.objects.all(), TRACKED_KEY, TRACK_FAILURES, wrong):
            return redirect("feedback_track")
    else:
        pk = tracked_pk(request, TRACKED_KEY)
        item = ErrorReport.objects.filter(pk=pk).first() if pk else None
    return _render(request, "feedback/track.html", form=form, report=item)


def log_out(request):
    """退出: the browser no longer shows the report (on a shared computer, for the next person)."""
    if request.method == "POST":
        forget_tracked(request, TRACKED_KEY, NEW_KEY)
    return redirect(reverse("feedback_track"))
