"""What the public forms of the interaction pages share beside casework.forms.PublicForm (captcha,
honeypot): per-IP rate limits with a clear message, and the sensitive-word
list (monitoring's ContentRule) that flags a submission for moderators.

CSRF is Django's middleware; length limits are the fields' max_length."""

from casework.limits import RateLimit
from monitoring.models import ContentRule
from monitoring.text_rules import find_words

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
