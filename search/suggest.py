"""搜索联想: what to offer while a reader types. Only words of the index (column names, the
dictionary's terms, synonyms, the site's approved popular terms, words of published titles
found in several titles) and titles of published pages: never what another visitor typed."""

import hashlib

from django.core.cache import cache

from search import popular
from search import vocabulary as vocab
from search.correction import LETTERS
from search.understand import normalise

SHOWN = 8
TITLES = 4  # page titles among them, after the terms
MAX_INPUT = 30
CACHE_SECONDS = 300


def _matching_terms(text, site):
    vocabulary = vocab.get()
    terms = list(dict.fromkeys([*popular.popular_terms(site), *vocabulary.columns, *vocabulary.common]))
    if LETTERS.fullmatch(text):
        # Pinyin or initials typed so far: the terms whose pinyin or initials begin with them.
        key, allowed = text.replace(" ", ""), set(terms)
        found = [
            term
            for index in (vocabulary.by_pinyin, vocabulary.by_initials)
            for spelled, spelled_terms in index.items()
            if spelled.startswith(key)
            for term in spelled_terms
            if term in allowed
        ]
        return vocabulary.ranked(found)
    starts = [t for t in terms if t.startswith(text) and t != text]
    inside = [t for t in terms if text in t and not t.startswith(text)]
    return [*starts, *inside]


def _titles(text, site):
    from search.results import run_search

    return [page.title for page in run_search({"q": text}, site)[:TITLES]]


def suggestions(query, site):
    text = normalise(query)[:MAX_INPUT]
    if not text:
        return []
    key = f"search:suggest:{site.pk if site else 0}:{hashlib.sha256(text.encode()).hexdigest()[:24]}"
    found = cache.get(key)
    if found is None:
        terms = _matching_terms(text, site)[: SHOWN - TITLES]
        found = list(dict.fromkeys([*terms, *_titles(text, site)]))[:SHOWN]
        cache.set(key, found, CACHE_SECONDS)
    return found
