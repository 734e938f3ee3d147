"""Answering a survey: only while it is open, once per person (a signed cookie, and a per-IP
limit for those who clear it), through the shared protections of public forms."""

from django.template.response import TemplateResponse

from interaction.antiabuse import SURVEY_LIMIT

COOKIE_SALT = "interaction.survey"
COOKIE_AGE = 365 * 24 * 3600
STATE_MESSAGES = {
    "upcoming": "本次调查尚未开始，请在开始后参与。",
    "closed": "本次调查已结束，不再接受答卷。",
}


def cookie_name(page):
    return f"survey_{page.pk}"


def already_answered(page, request):
    return request.get_signed_cookie(cookie_name(page), default=None, salt=COOKIE_SALT) == "1"


def _refuse(page, request, message, status):
    context = page.get_context(request)
    context.update(refusal=message, state=page.state())
    return TemplateResponse(request, page.get_template(request), context, status=status)


def serve_survey(page, request, serve_form, *args, **kwargs):
    """serve_form: Wagtail's form-builder serve(), which shows the form or stores an answer."""
    state = page.state()
    if state != "open":
        return _refuse(page, request, STATE_MESSAGES[state], 403 if request.method == "POST" else 200)
    if already_answered(page, request):
        return _refuse(
            page,
            request,
            "您已参与过本次调查，感谢您的支持！每人只能提交一次。",
            403 if request.method == "POST" else 200,
        )
    if request.method == "POST" and SURVEY_LIMIT.exceeded(request, f":{page.pk}"):
        return _refuse(page, request, SURVEY_LIMIT.message, 429)
    response = serve_form(request, *args, **kwargs)
    if request.method == "POST" and "form_submission" in (getattr(response, "context_data", None) or {}):
        SURVEY_LIMIT.hit(request, f":{page.pk}")
        response.set_signed_cookie(cookie_name(page), "1", salt=COOKIE_SALT, max_age=COOKIE_AGE, httponly=True)
    return response
