"""What every public form of the interaction pages shares: a captcha that needs no outside
service, a honeypot field, per-IP rate limits with a clear message, and the sensitive-word
list (monitoring's ContentRule) that flags a submission for moderators.

CSRF is Django's middleware; length limits are the fields' max_length."""

import secrets

from django import forms
from django.core import signing
from django.core.cache import caches
from django.utils.crypto import constant_time_compare, salted_hmac

from casework.forms import chinese_messages
from casework.limits import RateLimit
from monitoring.models import ContentRule
from monitoring.text_rules import find_words

CAPTCHA_SALT = "interaction.captcha"
CAPTCHA_MAX_AGE = 30 * 60
DIGITS = "零一二三四五六七八九十"


def _digest(nonce, answer):
    return salted_hmac(CAPTCHA_SALT, f"{nonce}:{answer}").hexdigest()


def new_challenge():
    """(question, token). The question is written in Chinese numerals; the token holds only a
    keyed digest of the answer, so it cannot be read back without the secret key."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(10) + 1
    nonce = secrets.token_hex(8)
    token = signing.dumps({"n": nonce, "h": _digest(nonce, a + b)}, salt=CAPTCHA_SALT)
    return f"{DIGITS[a]}加{DIGITS[b]}等于几？（请填写阿拉伯数字）", token


def check_challenge(token, answer):
    """The message to show, or None when the answer is right. A token is good for one use."""
    try:
        data = signing.loads(token or "", salt=CAPTCHA_SALT, max_age=CAPTCHA_MAX_AGE)
    except signing.SignatureExpired:
        return "验证题已过期，请回答新的验证题。"
    except signing.BadSignature:
        return "验证题无效，请回答新的验证题。"
    # Spent by any answer, right or wrong, in the cache every process shares: a script gets one try.
    if not caches["limits"].add(f"captcha-used:{data['n']}", 1, CAPTCHA_MAX_AGE):
        return "验证题已使用过，请回答新的验证题。"
    if not constant_time_compare(_digest(data["n"], (answer or "").strip()), data["h"]):
        return "验证题答案不正确，请回答新的验证题。"
    return None


class FreshInput(forms.TextInput):
    """Never shows the previous answer: a new question comes with every page."""

    def format_value(self, value):
        return None


class PublicForm(forms.Form):
    """Base of every public form: honeypot, captcha and Chinese messages. Subclasses add
    their fields; `captcha_required = False` leaves the captcha out (tracking forms)."""

    captcha_required = True
    website = forms.CharField(label="请勿填写此项", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.captcha_required:
            self.captcha_question, self.captcha_token = new_challenge()
            self.fields["captcha"] = forms.CharField(
                label=f"验证题：{self.captcha_question}", max_length=4, widget=FreshInput(attrs={"autocomplete": "off"})
            )
        chinese_messages(self)
        if self.captcha_required:
            self.fields["captcha"].error_messages["required"] = "请回答验证题。"

    def clean_captcha(self):
        answer = self.cleaned_data.get("captcha", "")
        problem = check_challenge(self.data.get("captcha_token"), answer)
        if problem:
            raise forms.ValidationError(problem)
        return answer

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重新填写。")
        return data


LETTER_LIMIT = RateLimit("letter", 5, 3600, "提交过于频繁：每小时最多提交5封来信，请稍后再试。")
POST_LIMIT = RateLimit("post", 10, 3600, "提交过于频繁：每小时最多提交10条留言、意见或提问，请稍后再试。")
# Per survey, for as long as a survey runs (a year at most), not per day: one person, one answer;
# three leave room for a family or an office behind one address.
SURVEY_LIMIT = RateLimit("survey", 3, 366 * 24 * 3600, "同一网络已多次参与本次调查，不能再提交。")
TRACK_FAILURES = RateLimit("track-fail", 5, 15 * 60, "查询失败次数过多，请15分钟后再试。")


def sensitive_words(*texts):
    """The configured sensitive words found in the texts, joined for display ('' when none)."""
    rules = list(ContentRule.objects.filter(kind=ContentRule.Kind.SENSITIVE))
    found = {hit.word for text in texts for hit in find_words(text, rules)}
    return "、".join(sorted(found))
