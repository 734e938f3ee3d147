"""Opinions on a draft, questions to an interview and comments on an article: submitted
through the same protections, held for moderation, shown once approved."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from home.params import whole_number
from interaction.antiabuse import POST_LIMIT, sensitive_words
from interaction.forms import CommentForm, OpinionForm, QuestionForm
from interaction.models import Comment, InterviewQuestion, Opinion, comments_open
from interaction.views import render

HELD_MESSAGE = "提交成功！内容经审核后公开显示。"


def _submit(page, request, form_class, model, **extra):
    """The bound form when it has errors, or None once the post is stored."""
    form = form_class(request.POST)
    if POST_LIMIT.exceeded(request):
        form.is_valid()
        form.add_error(None, POST_LIMIT.message)
        return form
    if not form.is_valid():
        return form
    POST_LIMIT.hit(request)
    data = {k: v for k, v in form.cleaned_data.items() if k in {f.name for f in model._meta.fields}}
    model.objects.create(
        site=page.get_site(), page=page, flagged_words=sensitive_words(data.get("content", ""))[:300], **data, **extra
    )
    messages.success(request, HELD_MESSAGE)
    return None


def consultation(page, request):
    form = None
    is_open = page.is_open()
    if request.method == "POST":
        if not is_open:
            return render(page, request, "interaction/consultation_page.html", status=403, closed_refusal=True)
        form = _submit(page, request, OpinionForm, Opinion)
        if form is None:
            return redirect(page.get_url(request) + "#opinion-form")
    return render(
        page,
        request,
        "interaction/consultation_page.html",
        form=(form or OpinionForm()) if is_open else None,
        opinions=Opinion.objects.approved().filter(page=page).order_by("created_at", "pk"),
        counts=page.opinion_counts() if page.result_published_on else None,
        not_adopted=Opinion.objects.approved().filter(page=page, adopted=False),
    )


def interview(page, request):
    form = None
    state = page.state()
    if request.method == "POST":
        if state == "ended":
            return render(page, request, "interaction/interview_page.html", status=403, closed_refusal=True)
        form = _submit(page, request, QuestionForm, InterviewQuestion)
        if form is None:
            return redirect(page.get_url(request) + "#question-form")
    questions = InterviewQuestion.objects.approved().filter(page=page).order_by("created_at", "pk")
    return render(
        page,
        request,
        "interaction/interview_page.html",
        state=state,
        form=(form or QuestionForm()) if state != "ended" else None,
        lines=page.transcript.select_related("question"),
        answered=[q for q in questions if q.answer],
        waiting=[q for q in questions if not q.answer],
    )


def transcript_json(page, request):
    """The transcript lines after `after` (an id), polled by the open page while live."""
    after = whole_number(request.GET.get("after"), high=2**63 - 1) or 0
    lines = page.transcript.select_related("question").filter(pk__gt=after)
    response = JsonResponse(
        {"state": page.state(), "lines": [line.as_json() for line in lines[:200]]},
        json_dumps_params={"ensure_ascii": False},
    )
    add_never_cache_headers(response)
    return response


def article_with_comments(page, request):
    """Serves an article whose comments are open: the article, its approved comments with the
    staff's replies, and the comment form."""
    form = None
    if request.method == "POST":
        form = _submit(page, request, CommentForm, Comment)
        if form is None:
            return redirect(page.get_url(request) + "#comment-form")
    return render(
        page,
        request,
        "interaction/article_with_comments.html",
        article_template=page.get_template(request),
        comment_form=form or CommentForm(),
        comments=Comment.objects.approved().filter(page=page).order_by("created_at", "pk"),
    )


def serve_commented_article(page, request):
    """For the before_serve_page hook: a response when the article takes comments, else None."""
    from wagtail.contrib.forms.models import FormMixin
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    from home.models import ArticlePage

    own_routes = isinstance(page, RoutablePageMixin | FormMixin)
    if not isinstance(page, ArticlePage) or own_routes or not comments_open(page):
        return None
    return article_with_comments(page, request)
