"""The index's own vocabulary: words of published titles, column names, the dictionary's
government terms, synonyms and approved popular terms, each with how many titles hold it and
its pinyin. Corrections (search.correction) and suggestions (search.suggest) only ever offer
these words, never what a visitor typed.

Built from the database when first needed and kept in the default cache (shared by every
process) for CACHE_SECONDS; each process keeps its own copy while the cache's token is the
same, so most requests only read the token."""

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from django.core.cache import cache

CACHE_KEY = "search:vocabulary:3"  # 3: with compounds; an older copy in the cache lacks them
VERSION_KEY = "search:vocabulary:version"
CACHE_SECONDS = 1800
TITLE_LIMIT = 20000  # the newest published titles; older ones rarely decide a correction
SHAPE_LENGTH = 3  # one wrong character is corrected in words this long: in shorter ones it is another word
COMMON = 2  # titles a word must be in (listed terms count one more) to be suggested
CJK_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
PARTICLES = frozenset("的了和与及或等在是对把被为向从于之其并将以")  # never part of a compound
COMPOUND_LENGTH = 4
_local = {}


@dataclass
class Vocabulary:
    frequency: Counter = field(default_factory=Counter)  # term -> titles holding it (+1 for listed terms)
    columns: list = field(default_factory=list)  # column names, for suggestions
    common: list = field(default_factory=list)  # terms in several titles or listed, most frequent first
    by_pinyin: dict = field(default_factory=dict)  # "zhengcejiedu" -> [terms]
    by_initials: dict = field(default_factory=dict)  # "zcjd" -> [terms]
    by_shape: dict = field(default_factory=dict)  # "政策?读" -> [terms]: one character wrong
    pairs: Counter = field(default_factory=Counter)  # (word, next word) -> titles where they stand so

    def __contains__(self, term):
        return term in self.frequency

    def ranked(self, terms):
        """Most frequent first."""
        return sorted(set(terms), key=lambda term: (-self.frequency[term], term))


def syllables(text):
    from pypinyin import lazy_pinyin

    return [syllable.lower() for syllable in lazy_pinyin(text, errors="default")]


def pinyin_key(text):
    return "".join(syllables(text))


def shapes(term):
    return [term[:i] + "?" + term[i + 1 :] for i in range(len(term))]


def _listed_terms():
    from home.segment import DICTIONARY
    from search import synonyms
    from search.models import PopularTerm

    dictionary = [line.split()[0] for line in DICTIONARY.read_text(encoding="utf-8").splitlines() if line.strip()]
    popular = PopularTerm.objects.values_list("term", flat=True)
    return [*dictionary, *synonyms.terms(), *popular]


def compounds(cut):
    """Words jieba left in pieces: a word and the single character after it (丰收 节 → 丰收节, 青山 县
    → 青山县), and a run of single characters (达 人 → 达人)."""
    found, run, before = set(), [], ""
    for token in [*cut, ""]:
        if CJK_CHAR.fullmatch(token) and token not in PARTICLES:
            run.append(token)
            continue
        if len(run) == 1 and CJK_WORD.fullmatch(before) and len(before) < COMPOUND_LENGTH:
            found.add(before + run[0])
        elif 2 <= len(run) <= COMPOUND_LENGTH:
            found.add("".join(run))
        run, before = [], token
    return found


def build():
    from wagtail.models import Page

    from home.models import ColumnPage
    from home.segment import _jieba

    jieba = _jieba()
    vocabulary = Vocabulary()
    titles = Page.objects.live().public().filter(depth__gt=2).order_by("-pk").values_list("title", flat=True)
    for title in titles[:TITLE_LIMIT]:
        cut = list(jieba.cut(title))
        vocabulary.frequency.update({w for w in cut if CJK_WORD.fullmatch(w)} | compounds(cut))
        vocabulary.pairs.update({pair for pair in pairwise(cut) if all(map(CJK_WORD.fullmatch, pair))})
    columns = ColumnPage.objects.live().public().values_list("title", flat=True).distinct()
    vocabulary.columns = sorted(set(columns))
    for term in [*vocabulary.columns, *_listed_terms()]:
        vocabulary.frequency[term.lower()] += 1
    vocabulary.common = [term for term, count in vocabulary.frequency.most_common() if count >= COMMON]
    for term in vocabulary.frequency:
        parts = syllables(term)
        vocabulary.by_pinyin.setdefault("".join(parts), []).append(term)
        if CJK_WORD.fullmatch(term):
            vocabulary.by_initials.setdefault("".join(part[0] for part in parts), []).append(term)
            if len(term) >= SHAPE_LENGTH:
                for shape in shapes(term):
                    vocabulary.by_shape.setdefault(shape, []).append(term)
    return vocabulary


def get():
    token = cache.get(VERSION_KEY)
    if token is not None and _local.get("token") == token:
        return _local["vocabulary"]
    vocabulary = cache.get(CACHE_KEY) if token is not None else None
    if vocabulary is None:
        vocabulary, token = build(), uuid.uuid4().hex
        cache.set(CACHE_KEY, vocabulary, CACHE_SECONDS)
        cache.set(VERSION_KEY, token, CACHE_SECONDS)
    _local.update(token=token, vocabulary=vocabulary)
    return vocabulary


def refresh():
    """Rebuild now: the django-q2 schedule 搜索·纠错词表更新 does so every 20 minutes, before
    the cached copy expires. Returns the number of terms."""
    vocabulary = build()
    cache.set(CACHE_KEY, vocabulary, CACHE_SECONDS)
    cache.set(VERSION_KEY, uuid.uuid4().hex, CACHE_SECONDS)
    return len(vocabulary.frequency)
