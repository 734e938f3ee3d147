"""Government synonyms and abbreviations (医保/医疗保险, 人社局/人力资源和社会保障局…): the groups
shipped in synonyms.txt plus those administrators add (search.SynonymGroup), expanded when a
query is understood. The merged table is kept in the default cache, shared by every process,
and dropped when an administrator changes a group."""

from pathlib import Path

from django.core.cache import cache

SHIPPED = Path(__file__).with_name("synonyms.txt")
CACHE_KEY = "search:synonyms"
CACHE_SECONDS = 3600
_taught = set()


def parse(line):
    """The terms of one group: separated by commas (either width), 、 or /; blanks dropped."""
    from search.understand import normalise

    for separator in "，、/":
        line = line.replace(separator, ",")
    return [term for term in dict.fromkeys(normalise(part) for part in line.split(",")) if term]


def shipped_groups():
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    return [parse(line) for line in lines if line.strip() and not line.startswith("#")]


def table():
    """{term: (term, its synonyms…)} over every group; a term in several groups gets them all."""
    found = cache.get(CACHE_KEY)
    if found is None:
        from search.models import SynonymGroup

        groups = shipped_groups() + [parse(terms) for terms in SynonymGroup.objects.values_list("terms", flat=True)]
        found = {}
        for group in groups:
            for term in group:
                found[term] = tuple(dict.fromkeys([*found.get(term, (term,)), *group]))
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def alternatives(word):
    return table().get(word, (word,))


def terms():
    return list(table())


def teach(jieba):
    """Make jieba keep every synonym as one word (人社局 rather than 人社 / 局)."""
    for term in table():
        if term not in _taught and len(term) > 1:
            jieba.add_word(term, freq=20000)
            _taught.add(term)


def forget():
    cache.delete(CACHE_KEY)
