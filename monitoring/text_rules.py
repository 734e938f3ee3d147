"""Scanning text for sensitive words, miswritten words (错别字) and unmasked personal data."""

import re
from collections import Counter
from dataclasses import dataclass

from monitoring.models import ContentRule

ID_RE = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


@dataclass
class WordHit:
    kind: str
    word: str
    correction: str
    count: int

    def describe(self):
        if self.kind == ContentRule.Kind.MISSPELLING:
            return f"错别字“{self.word}”应为“{self.correction}”（{self.count} 处）"
        return f"敏感词“{self.word}”（{self.count} 处）"


def find_words(text, rules=None):
    rules = list(ContentRule.objects.all()) if rules is None else rules
    if not rules or not text:
        return []
    by_word = {rule.word: rule for rule in rules if rule.word}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(by_word, key=len, reverse=True)))
    counts = Counter(match.group(0) for match in pattern.finditer(text))
    return [
        WordHit(by_word[word].kind, word, by_word[word].correction, count)
        for word, count in sorted(counts.items(), key=lambda item: (by_word[item[0]].kind, item[0]))
    ]


def is_resident_id(number):
    """An 18-digit resident ID number (GB 11643) whose check character is right."""
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11] == number[17].upper()


def mask(value):
    return value[:6] + "*" * 8 + value[-4:] if len(value) == 18 else value[:3] + "****" + value[-4:]


def find_personal_data(text):
    """{"身份证号": [masked…], "手机号码": [masked…]} for what the text exposes; never the raw values."""
    found = {}
    ids = [m.group(0) for m in ID_RE.finditer(text or "") if is_resident_id(m.group(0))]
    mobiles = [m.group(0) for m in MOBILE_RE.finditer(text or "")]
    if ids:
        found["身份证号"] = sorted({mask(v) for v in ids})
    if mobiles:
        found["手机号码"] = sorted({mask(v) for v in mobiles})
    return found
