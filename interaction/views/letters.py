"""Writing a letter, the receipt with the number and query code (shown once), tracking, and
the public list of published replies."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import redirect
from django.utils import timezone

from casework.tracking import sign_in
from casework.transitions import tracked_events
from home.submissions import forget_tracked, remember_tracked, tracked_pk
from interaction import letters
from interaction.antiabuse import LETTER_LIMIT, TRACK_FAILURES
from interaction.choices import LetterEventKind
from interaction.forms import LetterForm, TrackingForm
from interaction.models import Letter
from interaction.views import render, subpage_url

NEW_KEY, TRACKED_KEY = "interaction_letter_new", "interaction_letter_tracked"
REPLIES_PAGE_SIZE = 10


def letter_form(page, request):
    if request.method == "POST":
        form = LetterForm(request.POST, request.FILES)
        if LETTER_LIMIT.exceeded(request):
            form.is_valid()
            form.add_error(None, LETTER_LIMIT.message)
        elif form.is_valid():
            LETTER_LIMIT.hit(request)
            data = form.cleaned_data
            letter = Letter(
                site=page.get_site(),
                mailbox=page,
                received_on=timezone.localdate(),
                **{k: data[k] for k in ("name", "phone", "email", "category", "subject", "content")},
                attachment=data.get("attachment") or "",
                publish_consent=data["publish_consent"],
            )
            code = letters.submit(letter, page)
            request.session[NEW_KEY] = {"number": letter.number, "code": code}
            remember_tracked(request, TRACKED_KEY, letter.pk)
            return redirect(subpage_url(page, request, "thanks_route"))
    else:
        form = LetterForm()
    return render(page, request, "interaction/mailbox_page.html", form=form, latest=page.published_letters()[:5])


def thanks(page, request):
    # Shown once: the plain query code lives in the session only until this page is seen.
    new = request.session.pop(NEW_KEY, None)
    if not new:
        return redirect(subpage_url(page, request, "track_route"))
    letter = Letter.objects.filter(mailbox=page, number=new["number"]).first()
    return render(page, request, "interaction/letter_thanks.html", new=new, letter=letter)


def track(page, request):
    form, letter = TrackingForm(), None
    if request.method == "POST":
        form = TrackingForm(request.POST)
        letters = Letter.objects.filter(mailbox=page)
        wrong = "信件编号或查询码不正确，请核对后重新输入。"
        if sign_in(request, form, letters, TRACKED_KEY, TRACK_FAILURES, wrong):
            return redirect(subpage_url(page, request, "track_route"))
    else:
        pk = tracked_pk(request, TRACKED_KEY)
        letter = Letter.objects.filter(mailbox=page, pk=pk).select_related("department").first() if pk else None
    # What the writer sees: the letter's registration and the steps its transition table marks as
    # tracked; internal ones (assignments, review comments) stay internal.
    shown = {LetterEventKind.SUBMITTED, *tracked_events(Letter)}
    steps = [e for e in letter.events.all() if e.kind in shown] if letter else []
    return render(page, request, "interaction/letter_track.html", form=form, letter=letter, steps=steps)


def log_out(page, request):
    """退出: the browser no longer shows the letter (on a shared computer, for the next person)."""
    if request.method == "POST":
        forget_tracked(request, TRACKED_KEY, NEW_KEY)
    return redirect(subpage_url(page, request, "track_route"))


def replies(page, request):
    paginator = Paginator(page.published_letters().select_related("department"), REPLIES_PAGE_SIZE)
    try:
        items = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        items = paginator.page(1)
    return render(page, request, "interaction/letter_replies.html", items=items)
