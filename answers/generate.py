"""Optional generative answers (off unless settings.ANSWERS_LLM_URL is set): an OpenAI-compatible
chat endpoint restates the one retrieved source in plainer words. It sees only that source, is
told to say nothing the source does not say, and the reply always cites the source; any failure,
timeout or empty or overlong reply falls back to the source's own words. Offline by default."""

import logging

import requests
from django.conf import settings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 8
MAX_REPLY = 800
INSTRUCTIONS = (
    "你是政府网站的智能问答助手。只能依据用户消息中“来源”给出的内容，用简明的中文复述回答群众的问题；"
    "来源没有写的内容一律不说，不推测、不补充、不给出来源以外的电话、网址或承诺。"
    "如果来源不能回答这个问题，只回答“无法回答”。不要写出处，系统会自动注明。"
)


def enabled():
    return bool(getattr(settings, "ANSWERS_LLM_URL", ""))


def restate(question, entry, excerpt=""):
    """The model's restatement of entry.answer (and the sentence of its page the question asks
    about) for this question, or None to use the source's words."""
    if not enabled():
        return None
    url = settings.ANSWERS_LLM_URL.rstrip("/")
    if not url.endswith("/chat/completions"):
        url += "/chat/completions"
    headers = {"Authorization": f"Bearer {key}"} if (key := getattr(settings, "ANSWERS_LLM_KEY", "")) else {}
    body = {
        "model": getattr(settings, "ANSWERS_LLM_MODEL", ""),
        "temperature": 0,
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {
                "role": "user",
                "content": f"来源：《{entry.source_title}》\n{entry.answer}\n{excerpt}".rstrip()
                + f"\n\n问题：{question}",
            },
        ],
    }
    try:
        response = requests.post(url, json=body, headers=headers, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        text = response.json()["choices"][0]["message"]["content"].strip()
    except (requests.RequestException, ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
        log.warning("智能问答生成服务不可用，改用来源原文：%s", error)
        return None
    if not text or "无法回答" in text or len(text) > MAX_REPLY:
        return None
    return text
