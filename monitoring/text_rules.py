"""Scanning text for sensitive words and miswritten words (错别字); personal data is
home.personal_data's."""

import re
from collections import Counter
from dataclasses import dataclass

from monitoring.models import ContentRule


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
