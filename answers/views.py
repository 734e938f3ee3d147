"""GET /search/answer/?q=… (JSON) and the 智能问答 page /search/ask/?q=…"""

import unicodedata

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from answers import answering, knowledge
from answers.models import QUESTION_LENGTH
from casework.limits import RateLimit

# Per address, in the shared `limits` cache, as the search page.
ASK_LIMIT = RateLimit("answers", 30, 60, "提问过于频繁：每分钟最多提问30次，请稍后再试。")


def read_question(request):
    """(question, error message, status): the question cleaned of control characters, or why not."""
    raw = request.GET.get("q", "")
    question = "".join(c for c in raw if unicodedata.category(c)[0] != "C" or c in "\t\n")
    question = " ".join(question.split())
    if not question:
        return "", "请输入您的问题。", 400
    if len(question) > QUESTION_LENGTH:
        return question[:QUESTION_LENGTH], f"问题过长：请用{QUESTION_LENGTH}字以内简要描述。", 400
    if not answering.searchable(question):
        return question, "问题中没有可识别的文字，请用汉字、字母或数字描述您的问题。", 400
    if ASK_LIMIT.take(request):
        return question, ASK_LIMIT.message, 429
    return question, "", 200


@require_GET
def answer_json(request):
    site = Site.find_for_request(request)
    if site is None:
        return JsonResponse({"error": "未找到对应的网站。"}, status=404, json_dumps_params={"ensure_ascii": False})
    question, error, status = read_question(request)
    if error:
        return JsonResponse({"error": error}, status=status, json_dumps_params={"ensure_ascii": False})
    reply = answering.ask(site, question)
    return JsonResponse(reply.as_json(site), json_dumps_params={"ensure_ascii": False})


@require_GET
def ask_page(request):
    site = Site.find_for_request(request)
    context = {"question": "", "error": "", "reply": None, "answer": None, "suggested": []}
    status = 200
    if "q" in request.GET and site is not None:
        question, error, status = read_question(request)
        context.update(question=question, error=error)
        if not error:
            reply = answering.ask(site, question)
            context["reply"] = reply
            context["answer"] = reply.as_json(site)
    elif site is not None:
        context["suggested"] = starters(site)
    return TemplateResponse(request, "answers/ask.html", context, status=status)


def starters(site):
    """Questions to start from on the empty page: the site's own FAQ entries."""
    held = knowledge.for_site(site)
    return [e.question for e in held.entries if e.kind == "faq" and e.site_id == site.pk][:6]
