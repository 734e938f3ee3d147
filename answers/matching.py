"""Matching a citizen's question to the knowledge base: the question's words (jieba, with the
project's dictionary of government terms, question and filler words dropped) and the bigrams of
its Chinese runs, scored against every phrasing of every entry with BM25. An entry answers only
when it is clearly right: most of the question's weight matched (in a phrasing, or for a little
less in the text of the page the entry cites), most of the phrasing's weight matched, and no other
entry close behind. Otherwise the caller falls back to the ways on."""

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from home.segment import words

MAX_QUESTION = 100  # characters matched; a longer text is cut, never refused
# Words that say "this is a question" but not what it is about.
FILLER = frozenset(
    re.findall(
        r"\S+",
        """
        怎么 怎样 怎么样 如何 怎么办 咋 咋办 吗 嘛 呢 啊 吧 呀 么 是不是 是否 有没有 能不能 能否 可不可以 可以 可否
        有哪些 哪些 什么 什么样 啥 什么时候 何时 哪里 在哪 在哪里 在哪儿 哪儿 哪个 去哪 去哪里 多少 多久 几 几天
        多长时间 请问 你好 您好 想 想要 要 需要 应该 应当 我 我们 我的 你们 你 您 他 她 自己 的 了 是 有 在 和 与 及 或
        或者 还 也 都 就 才 一下 一个 这个 那个 这 那 给 对 把 被 让 能 会 得 地 着 过 呗 哦
        办理 办 去 查 查询 问 一 下 个 哪 哪天 几点 几号 几时 到 等 要等 做 能够 要钱 花钱 收钱 交钱 多少钱
        啥时候 那边 这边 那里 这里 已经 以后 之后 比较 还能 大概 一共 到底 具体 麻烦 谢谢 一般 现在 然后 知道
        不知道 告诉 一家 一份 我家 我爸 我妈 爸妈 家里 老家 邻居 邻居们 楼下 家门口 好久 一直 还没 有人 没人
        今年 这次 这个月 平时 顺便 咋整 咋弄 怎么整 怎么弄 几回 几次 几趟 几遍 合适
        """,
    )
)
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# What kind of answer a question wants, however it is asked: 多久 and 几天 and 办理时限 all ask for a
# duration. Each becomes a term of its own, so that "多久答复" and "在哪下载" tell apart two entries
# about the same subject.
INTENTS = {
    "时长": "多久 多长时间 几天 多少天 几个工作日 时限 期限",
    "时间": "什么时候 何时 哪天 几点 几号 几时 时间 日期 截止",
    "地点": "在哪 哪里 哪儿 去哪 地点 地址 哪个部门",
    "费用": "多少钱 要钱 花钱 收钱 交钱 收费 费用 免费",
    "条件": "条件 要求 资格",
    "材料": "材料 带什么",
    "联系": "电话 联系方式 热线 打给谁 找谁",
}
INTENT_RES = {f"#{name}": re.compile("|".join(phrases.split())) for name, phrases in INTENTS.items()}
# What each kind of answer looks like on a page: a page with a date answers "when", one with an
# amount in 元 "how much".
NUMBER = r"[\d一二三四五六七八九十两半]+"
ANSWER_SHAPES = {
    "#时长": re.compile(rf"{NUMBER}\s*个?(?:工作日|日|天|小时|分钟|周|星期|个月|月|年)内?|时限|期限|即时办结|当场"),
    "#时间": re.compile(rf"{NUMBER}月{NUMBER}日|\d{{1,2}}[:：]\d{{2}}|{NUMBER}[点时]|每周|每天|每日|工作日|截止|期间"),
    "#地点": re.compile(r"地址|地点|位于|[路街巷]\d+号|服务中心|大厅|窗口|网上办理|小程序"),
    "#费用": re.compile(r"\d+(?:\.\d+)?\s*万?元|免费|收费|费用|补贴|补助|优惠"),
    "#条件": re.compile(r"条件|要求|资格|年满|具有|具备|须|应当|不得"),
    "#材料": re.compile(r"材料|身份证|证明|申请表|复印件|原件|照片"),
    "#联系": re.compile(r"电话|热线|\d{3,4}-\d{7,8}|\b\d{5,8}\b"),
}
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
# …or, far ahead of every other entry, a little less of each;
CLEAR_QUESTION_COVER, CLEAR_PHRASING_COVER, CLEAR_LEAD = 0.55, 0.4, 1.6
# …or far ahead, with nearly all of the question in the entry and its page, less of the phrasing.
FOUND_QUESTION_COVER, FOUND_PHRASING_COVER = 0.75, 0.25
# A question term found not in the phrasing but in the cited page's text counts for this much
# of the cover, and for this much of its weight in the score of the best few entries.
SOURCE_CREDIT, SOURCE_SCORE, RERANKED = 0.75, 0.5, 5


def normalise(text, length=MAX_QUESTION):
    text = unicodedata.normalize("NFKC", text or "")[:length]
    return " ".join(text.split()).lower()


# Spoken yes-no questions: 开不开门, 收不收费 (A不A), 要花钱不, 让烧不 (a final 不 or 没).
A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")
FINAL_NOT = re.compile(r"(?:不|没|没有)(?=[？?！!，,。；;\s]|$)")


def _without_filler(text):
    """The text with its question and filler words of two or more characters cut out, so that
    neither jieba nor the bigrams join across them (怎么在网上申请 → 网上申请), and spoken yes-no
    questions made plain (开不开门 → 开门, 要花钱不 → 要花钱)."""
    return FILLER_RE.sub(" ", FINAL_NOT.sub("", A_NOT_A.sub(r"\1", text)))


def terms(text):
    """Weighted terms of a text: its meaningful words (weight 1, a single character less) and the
    bigrams of its Chinese runs (a lower weight: they match run-together words and partial terms)."""
    text = normalise(text)
    found = {intent: 1.0 for intent, pattern in INTENT_RES.items() if pattern.search(text)}
    text = _without_filler(text)
    kept = [w for w in words(text) if w not in FILLER and not (len(w) == 1 and not CJK_RUN.fullmatch(w))]
    for word in kept:
        # A part of a longer word of the text (事业 of 事业单位) matches, but weighs as a bigram.
        whole = len(word) > 1 and not any(word in other and word != other for other in kept)
        found[word] = 1.0 if whole else SINGLE_WEIGHT
    for run in CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            found.setdefault(run[i : i + 2], BIGRAM_WEIGHT)
    return found


MIN_WORDS_LEFT = 2  # whole words a question must keep when its first clauses are left out
CLAUSE_RE = re.compile(r"[，,。；;？?！!\s]+")
SENTENCE_RE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
PASSAGE_LENGTH = 160


def holds(text, term, synonyms=None):
    """Whether a normalised text holds a term: a word or one of its synonyms, or an answer of the
    shape a question asks for."""
    shape = ANSWER_SHAPES.get(term)
    if shape:
        return bool(shape.search(text))
    return any(word in text for word in (synonyms or {}).get(term, (term,)))


def passage(text, weight, skip=(), synonyms=None):
    """The sentence of `text` holding the most of the weighted terms, or "" when none holds one."""
    best, most = "", 0.0
    for sentence in SENTENCE_RE.findall(text or ""):
        sentence = sentence.strip()
        held = normalise(sentence, None)
        found = sum(w for t, w in weight.items() if holds(held, t, synonyms))
        if found > most and sentence not in skip:
            best, most = sentence, found
    return best[:PASSAGE_LENGTH]


def cover(weight, required, found, on_page=frozenset()):
    """The share of a question's weight found (what only the cited page holds for SOURCE_CREDIT of
    its weight). Its whole words and what it asks for always count; a bigram or a part of a word
    only where found and its whole word was not (partial credit, never twice for one word)."""
    hits = found | on_page
    wholes = [t for t in required & hits if t not in INTENT_RES]
    counted = required | {t for t in hits - required if not any(t in whole for whole in wholes)}
    got = sum(weight[t] for t in counted & found) + SOURCE_CREDIT * sum(weight[t] for t in counted & on_page - found)
    total = sum(weight[t] for t in counted)
    return got / total if total else 0.0


@dataclass
class Phrasing:
    entry: int  # index of the entry in the knowledge list
    terms: dict
    length: float


class Row(NamedTuple):
    """How well an entry's best phrasing fits a question."""

    score: float
    question_cover: float  # share of the question's weight the phrasing matched
    phrasing_cover: float  # share of the phrasing's weight the question matched
    entry: int
    matched: frozenset


class Match(NamedTuple):
    entry: object  # the confident entry, or None
    rows: list
    number: int = -1  # the entry's place in the index
    on_page: dict = {}  # the question's whole words (and what it asks) only the entry's page holds: weights
    # Some word of the question is neither in the entry nor on its page: the answer is about the
    # subject asked, perhaps not the very thing (停水 answered, 送水车 not said).
    partial: bool = False


@dataclass
class Index:
    """BM25 over the phrasings of a list of entries (anything with `.phrasings`, and optionally
    `.answer` and `.page`: its answer and the text of the page it cites)."""

    entries: list
    phrasings: list = field(default_factory=list)
    postings: dict = field(default_factory=dict)
    idf: dict = field(default_factory=dict)
    average: float = 1.0
    unseen_idf: float = 1.0
    contexts: list = field(default_factory=list)  # each entry's answer and page text, normalised
    synonyms: dict = field(default_factory=dict)  # {word: (word, its synonyms…)}
    known: list = field(default_factory=list)  # each entry's terms, over all its phrasings

    @classmethod
    def build(cls, entries, synonyms=None):
        index = cls(entries, synonyms=synonyms or {})
        index.contexts = [
            normalise(f"{getattr(entry, 'answer', '')}\n{getattr(entry, 'page', '')}", None) for entry in entries
        ]
        index.known = [set() for _ in entries]
        counts = Counter()
        for number, entry in enumerate(entries):
            for text in entry.phrasings:
                found = terms(text)
                if not found:
                    continue
                phrasing = Phrasing(number, found, sum(found.values()))
                index.known[number].update(found)
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

    def weigh(self, question):
        """Each term of the question with its weight (a whole word no phrasing has weighs the most),
        and the terms it must be judged on: its whole words and what it asks for. A bigram or a part
        of a word counts only where found: it is there to match run-together words, and across word
        boundaries (上建, 子要) it is noise."""
        asked = terms(question)
        weight = {t: w * min(self.idf.get(a, self.unseen_idf) for a in self.alternatives(t)) for t, w in asked.items()}
        return weight, {t for t, w in asked.items() if w == 1}

    def ranked(self, asked):
        """Rows, the best phrasing of each entry, best first, for a question as weighed."""
        weight, required = asked
        if not any(weight[t] for t in required):
            return []
        intents = {t for t in weight if t in INTENT_RES}
        scores = {}
        for term in weight:
            for alternative in self.alternatives(term):
                for number in self.postings.get(alternative, ()):
                    scores.setdefault(number, {})[term] = alternative  # the question's term: the phrasing's
        best = {}
        for number, pairs in scores.items():
            phrasing, matched = self.phrasings[number], set(pairs)
            norm = K1 * (1 - B + B * phrasing.length / self.average)
            found = {t: phrasing.terms[a] for t, a in pairs.items()}
            score = sum(weight[t] * tf * (K1 + 1) / (tf + norm) for t, tf in found.items())
            if intents != {t for t in phrasing.terms if t in INTENT_RES}:
                score *= INTENT_MISMATCH  # asks for a duration, the phrasing answers where (or nothing)
            question_cover = cover(weight, required, matched)
            own = sum(w * self.idf[t] for t, w in phrasing.terms.items())
            phrasing_cover = sum(phrasing.terms[a] * self.idf[a] for a in set(pairs.values())) / own
            row = Row(score, question_cover, phrasing_cover, phrasing.entry, frozenset(matched))
            if phrasing.entry not in best or row[:4] > best[phrasing.entry][:4]:
                best[phrasing.entry] = row
        return sorted(best.values(), key=lambda row: row[:4], reverse=True)

    def alternatives(self, term):
        """The term and its synonyms (补贴: 补助, 津贴), which match it in phrasings and on pages."""
        return self.synonyms.get(term, (term,))

    def accounted(self, weight, number):
        """(the question's terms an entry's phrasings know, those only its answer and page hold), where
        what a question asks for (a duration, a place) is held by an answer of that shape."""
        known = {t for t in weight if any(a in self.known[number] for a in self.alternatives(t))}
        context = self.contexts[number]
        return known, {t for t in weight if t not in known and holds(context, t, self.synonyms)}

    def judged(self, asked, row):
        """A row judged with all its entry knows, the page for a little less: (score, question cover, row)."""
        weight, required = asked
        known, on_page = self.accounted(weight, row.entry)
        extra = sum(weight[t] for t in on_page)
        return row.score + SOURCE_SCORE * extra, cover(weight, required, known, on_page), row

    def match(self, question):
        """The confident entry, if any, for a question. People often tell their situation first
        (我住学府路边上的小区，今天一早就没水了，啥时候来水): when the whole question finds nothing, it is
        asked again without its first clause, then its second, as long as a clause is left. Whether
        the answer is partial is judged on the whole question."""
        asked = self.weigh(question)
        found = self._match(asked)
        clauses = [c for c in CLAUSE_RE.split(normalise(question)) if c.strip()]
        for start in range(1, len(clauses)):
            rest = self.weigh("，".join(clauses[start:]))
            if found.entry is not None or len(rest[1] - INTENT_RES.keys()) < MIN_WORDS_LEFT:
                break  # 怎么报名 alone says too little to answer
            found = self._match(rest)
        if found.entry is None:
            return found
        weight, required = asked
        known, on_page = self.accounted(weight, found.number)
        unaccounted = {t for t in required if weight[t] and t not in known | on_page}
        return found._replace(on_page={t: weight[t] for t in on_page & required}, partial=bool(unaccounted))

    def _match(self, asked):
        """The best entry for a question as weighed, when it is clearly right (the lead is over the
        next entry citing another page), with the rows ranked and the best few judged with their pages."""
        rows = self.ranked(asked)
        if not rows:
            return Match(None, rows)
        judged = sorted((self.judged(asked, row) for row in rows[:RERANKED]), key=lambda j: -j[0])
        score, question_cover, best = judged[0]
        source = self._source(best)
        others = [j[0] for j in judged[1:] if self._source(j[2]) != source]
        lead = score / others[0] if others else float("inf")
        phrasing_cover = best.phrasing_cover
        sure = question_cover >= MIN_QUESTION_COVER and phrasing_cover >= MIN_PHRASING_COVER and lead >= MIN_LEAD
        clear = lead >= CLEAR_LEAD and (
            (question_cover >= CLEAR_QUESTION_COVER and phrasing_cover >= CLEAR_PHRASING_COVER)
            or (question_cover >= FOUND_QUESTION_COVER and phrasing_cover >= FOUND_PHRASING_COVER)
        )
        if not (sure or clear or best.question_cover == phrasing_cover == 1):
            return Match(None, rows)
        return Match(self.entries[best.entry], rows, best.entry)

    def _source(self, row):
        return getattr(self.entries[row.entry], "source", row.entry)
