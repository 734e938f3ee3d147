"""Matching a citizen's question to the knowledge base: the question's words (jieba, with the
project's dictionary of government terms, question and filler words dropped) and the bigrams of
its Chinese runs, scored against every phrasing of every entry with BM25. An entry answers only
when it is clearly right: most of the question's weight matched, most of the phrasing's weight
matched, and no other entry close behind. Otherwise the caller falls back to the ways on."""

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from search.segment import words

MAX_QUESTION = 100  # characters matched; a longer text is cut, never refused
# Words that say "this is a question" but not what it is about.
FILLER = frozenset(
    re.findall(
        r"\S+",
        """
        怎么 怎样 怎么样 如何 怎么办 咋 咋办 吗 嘛 呢 啊 吧 呀 么 是不是 是否 有没有 能不能 能否 可不可以 可以 可否
        有哪些 哪些 什么 什么样 啥 什么时候 何时 哪里 在哪 在哪里 在哪儿 哪儿 哪个 去哪 去哪里 多少 多久 几 几天
        多长时间 请问 你好 您好 想 想要 要 需要 应该 应当 我 我们 我的 你们 你 您 他 她 的 了 是 有 在 和 与 及 或
        或者 还 也 都 就 才 一下 一个 这个 那个 这 那 给 对 把 被 让 能 会 得 地 着 过 呗 哦
        办理 办 去 查 查询 问 一 下 个
        """,
    )
)
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
BIGRAM_WEIGHT = 0.4
K1, B = 1.2, 0.75
# Confidence: share of the question's weight matched, share of the phrasing's weight matched,
# and how far ahead of the next entry the best one must be.
MIN_QUESTION_COVER = 0.6
MIN_PHRASING_COVER = 0.45
MIN_LEAD = 1.15


def normalise(text):
    text = unicodedata.normalize("NFKC", text or "")[:MAX_QUESTION]
    return " ".join(text.split()).lower()


def terms(text):
    """Weighted terms of a text: its meaningful words (weight 1) and the bigrams of its Chinese
    runs (a lower weight: they match run-together words and partial terms)."""
    text = normalise(text)
    found = {w: 1.0 for w in words(text) if w not in FILLER and not (len(w) == 1 and CJK_RUN.fullmatch(w) is None)}
    for run in CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            bigram = run[i : i + 2]
            if bigram not in FILLER and bigram[0] not in "吗呢吧啊" and bigram[1] not in "吗呢吧啊":
                found.setdefault(bigram, BIGRAM_WEIGHT)
    return found


@dataclass
class Phrasing:
    entry: int  # index of the entry in the knowledge list
    terms: dict
    length: float


@dataclass
class Index:
    """BM25 over the phrasings of a list of entries (anything with `.phrasings`)."""

    entries: list
    phrasings: list = field(default_factory=list)
    postings: dict = field(default_factory=dict)
    idf: dict = field(default_factory=dict)
    average: float = 1.0
    unseen_idf: float = 1.0

    @classmethod
    def build(cls, entries):
        index = cls(entries)
        counts = Counter()
        for number, entry in enumerate(entries):
            for text in entry.phrasings:
                found = terms(text)
                if not found:
                    continue
                phrasing = Phrasing(number, found, sum(found.values()))
                for term in found:
                    index.postings.setdefault(term, []).append(len(index.phrasings))
                    counts[term] += 1
                index.phrasings.append(phrasing)
        total = len(index.phrasings) or 1
        # Never below log 2, however common: in a small knowledge base every word is in most
        # phrasings, and a word no phrasing has weighs as much as one found in a single phrasing.
        index.idf = {term: math.log(1 + total / n) for term, n in counts.items()}
        index.average = sum(p.length for p in index.phrasings) / total
        index.unseen_idf = math.log(1 + total)
        return index

    def ranked(self, question):
        """(score, question cover, phrasing cover, entry number), best phrasing per entry, best first."""
        asked = terms(question)
        if not asked:
            return []
        weight = {t: w * self.idf.get(t, self.unseen_idf) for t, w in asked.items()}
        asked_total = sum(weight.values())
        scores = {}
        for term in asked:
            for number in self.postings.get(term, ()):
                scores.setdefault(number, set()).add(term)
        best = {}
        for number, matched in scores.items():
            phrasing = self.phrasings[number]
            norm = K1 * (1 - B + B * phrasing.length / self.average)
            score = sum(weight[t] * phrasing.terms[t] * (K1 + 1) / (phrasing.terms[t] + norm) for t in matched)
            question_cover = sum(weight[t] for t in matched) / asked_total
            own = sum(w * self.idf[t] for t, w in phrasing.terms.items())
            phrasing_cover = sum(phrasing.terms[t] * self.idf[t] for t in matched) / own
            row = (score, question_cover, phrasing_cover, phrasing.entry)
            if phrasing.entry not in best or row > best[phrasing.entry]:
                best[phrasing.entry] = row
        return sorted(best.values(), reverse=True)

    def match(self, question):
        """(the confident entry or None, the ranked rows)."""
        rows = self.ranked(question)
        if not rows:
            return None, rows
        score, question_cover, phrasing_cover, number = rows[0]
        ahead = len(rows) == 1 or score >= MIN_LEAD * rows[1][0] or question_cover == phrasing_cover == 1
        if question_cover >= MIN_QUESTION_COVER and phrasing_cover >= MIN_PHRASING_COVER and ahead:
            return self.entries[number], rows
        return None, rows
