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

from home.segment import words

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
        办理 办 去 查 查询 问 一 下 个 哪 哪天 几点 几号 几时 到 等 要等 做 能够
        """,
    )
)
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# What kind of answer a question wants, however it is asked: 多久 and 几天 and 办理时限 all ask for a
# duration. Each becomes a term of its own, so that "多久答复" and "在哪下载" tell apart two entries
# about the same subject.
INTENTS = {
    "时长": "多久 多长时间 几天 多少天 几个工作日 时限 期限",
    "时间": "什么时候 何时 哪天 几点 几号 几时 时间 日期",
    "地点": "在哪 哪里 哪儿 去哪 地点 地址 哪个部门 找谁",
    "费用": "多少钱 收费 费用 免费",
    "条件": "条件 要求 资格",
    "材料": "材料 带什么",
}
INTENT_RES = {f"#{name}": re.compile("|".join(phrases.split())) for name, phrases in INTENTS.items()}
INTENT_MISMATCH = 0.75
FILLER_RE = re.compile(
    "|".join(sorted((w for w in FILLER if len(w) > 1), key=len, reverse=True)) + "|[吗呢吧啊呀嘛？?！!，,。]"
)
BIGRAM_WEIGHT = SINGLE_WEIGHT = 0.4
K1, B = 1.2, 0.75
# Confidence: share of the question's weight matched, share of the phrasing's weight matched,
# and how far ahead of the next entry the best one must be.
MIN_QUESTION_COVER = 0.55
MIN_PHRASING_COVER = 0.45
MIN_LEAD = 1.15
# …or, far ahead of every other entry, a little less of each.
CLEAR_QUESTION_COVER, CLEAR_PHRASING_COVER, CLEAR_LEAD = 0.55, 0.4, 1.6


def normalise(text):
    text = unicodedata.normalize("NFKC", text or "")[:MAX_QUESTION]
    return " ".join(text.split()).lower()


def _without_filler(text):
    """The text with its question and filler words of two or more characters cut out, so that
    neither jieba nor the bigrams join across them (怎么在网上申请 → 网上申请)."""
    return FILLER_RE.sub(" ", text)


def terms(text):
    """Weighted terms of a text: its meaningful words (weight 1, a single character less) and the
    bigrams of its Chinese runs (a lower weight: they match run-together words and partial terms)."""
    text = normalise(text)
    found = {intent: 1.0 for intent, pattern in INTENT_RES.items() if pattern.search(text)}
    text = _without_filler(text)
    for word in words(text):
        if word not in FILLER and not (len(word) == 1 and not CJK_RUN.fullmatch(word)):
            found[word] = 1.0 if len(word) > 1 else SINGLE_WEIGHT
    for run in CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            found.setdefault(run[i : i + 2], BIGRAM_WEIGHT)
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
        intents = {t for t in asked if t in INTENT_RES}
        scores = {}
        for term in asked:
            for number in self.postings.get(term, ()):
                scores.setdefault(number, set()).add(term)
        best = {}
        for number, matched in scores.items():
            phrasing = self.phrasings[number]
            norm = K1 * (1 - B + B * phrasing.length / self.average)
            score = sum(weight[t] * phrasing.terms[t] * (K1 + 1) / (phrasing.terms[t] + norm) for t in matched)
            if intents != {t for t in phrasing.terms if t in INTENT_RES}:
                score *= INTENT_MISMATCH  # asks for a duration, the phrasing answers where (or nothing)
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
        lead = score / rows[1][0] if len(rows) > 1 else float("inf")
        sure = question_cover >= MIN_QUESTION_COVER and phrasing_cover >= MIN_PHRASING_COVER and lead >= MIN_LEAD
        clear = question_cover >= CLEAR_QUESTION_COVER and phrasing_cover >= CLEAR_PHRASING_COVER and lead >= CLEAR_LEAD
        if sure or clear or question_cover == phrasing_cover == 1:
            return self.entries[number], rows
        return None, rows
