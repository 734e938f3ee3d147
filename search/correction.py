"""What a reader probably meant when a query finds little: homophone typos (政策解毒 →
政策解读), one wrong character, full pinyin with or without spaces (zhengcejiedu, zheng ce jie
du) and initials (zcjd). Candidates are words of the index's own vocabulary only
(search.vocabulary), compared by pinyin and by shape."""

import re
from dataclasses import dataclass, field

from search import vocabulary as vocab
from search.understand import normalise

LETTERS = re.compile(r"[a-z]+(?: [a-z]+)*")
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
LONGEST_WINDOW, SHORTEST_WINDOW = 8, 2
MAX_LENGTH = 30  # longer queries are not corrected: a typo there rarely empties the results
MAX_INITIALS = 8  # letters read as initials: longer is pinyin or a word of another language
MAX_PARTS = 4  # terms a run of letters is read as
DOMINANCE = 3  # a candidate is clearly right when it is in this many times more titles than the next


@dataclass
class Correction:
    text: str = ""  # the corrected query when one correction is clearly right
    alternatives: list = field(default_factory=list)  # otherwise what to offer (您是不是要找)


def _choose(terms, vocabulary):
    """The clear winner among candidate terms, or None; and the candidates best first."""
    ranked = vocabulary.ranked(terms)
    if not ranked:
        return None, []
    if len(ranked) == 1 or vocabulary.frequency[ranked[0]] >= DOMINANCE * vocabulary.frequency[ranked[1]]:
        return ranked[0], ranked
    return None, ranked


def _pinyin_terms(key, vocabulary):
    """Terms whose pinyin or initials are the key, or the fewest terms whose pinyin make it up
    (nongmin fengshoujie), or whose initials do (sydwzp: 事业单位 招聘)."""
    found = vocabulary.by_pinyin.get(key, [])
    if not found and 2 <= len(key) <= MAX_INITIALS:
        found = vocabulary.by_initials.get(key, [])
    if found:
        return [found]
    found = _split(key, vocabulary.by_pinyin)
    if not found and len(key) <= MAX_INITIALS:
        found = _split(key, vocabulary.by_initials)
    return found


def _split(key, table):
    """The terms of each part, for the fewest keys of `table` (two or more, at most MAX_PARTS)
    that make up `key`; between as few, the one with the longest, most telling part."""
    best = {0: ()}
    for end in range(2, len(key) + 1):
        options = [
            (*best[start], key[start:end])
            for start in range(end - 1)
            if start in best and len(best[start]) < MAX_PARTS and key[start:end] in table
        ]
        if options:
            best[end] = min(options, key=lambda parts: (len(parts), -max(map(len, parts))))
    parts = best.get(len(key), ())
    return [table[part] for part in parts] if len(parts) > 1 else []


def _side_by_side(found, vocabulary):
    """Of two parts' candidates (农业 × 普查/排查), the pair that stands side by side in titles,
    when one pair clearly does more often than any other."""
    if len(found) != 2:
        return None
    counted = sorted(((vocabulary.pairs[(h, t)], h + t) for h in found[0] for t in found[1]), reverse=True)
    best = counted[0][0]
    runner_up = counted[1][0] if len(counted) > 1 else 0
    return counted[0][1] if best and best >= DOMINANCE * runner_up else None


def _from_pinyin(text, vocabulary):
    """The whole query as the pinyin or initials of one or more terms; else each spaced part."""
    for parts in ([text.replace(" ", "")], text.split() if " " in text else []):
        words, alternatives, clear, read = [], [], True, False
        for part in parts:
            found = _pinyin_terms(part, vocabulary)
            read = read or bool(found)
            together = _side_by_side(found, vocabulary)
            if together:  # two words that stand side by side in a title: that reading
                words.append(together)
                continue
            pieces = []
            for terms in found:
                best, ranked = _choose(terms, vocabulary)
                pieces.append(best or ranked[0])
                clear = clear and best is not None
                alternatives.append(ranked)
            clear = clear and bool(pieces)
            words.append("".join(pieces) or part)
        if read:
            if clear:
                return Correction(text=" ".join(words))
            return Correction(alternatives=["".join(w) for w in _combined(alternatives)])
    return Correction()


def _combined(alternatives):
    """A few whole-query alternatives from the candidates of each part."""
    first = [ranked[0] for ranked in alternatives]
    found = []
    for index, ranked in enumerate(alternatives):
        for term in ranked[:4]:
            found.append(first[:index] + [term] + first[index + 1 :])
    return list(dict.fromkeys(tuple(words) for words in found))[:5]


def _homophones(window, vocabulary):
    """Terms of the same pinyin as a window of the query (an input method's typo)."""
    return [t for t in vocabulary.by_pinyin.get(vocab.pinyin_key(window), []) if len(t) == len(window)]


def _lookalikes(window, vocabulary):
    """Terms of the same characters as a window of the query but one."""
    if len(window) < vocab.SHAPE_LENGTH:
        return []
    return list({t for shape in vocab.shapes(window) for t in vocabulary.by_shape.get(shape, [])})


def _from_characters(text, vocabulary):
    """Homophones first, the most common typo (健身达仁 → 健身达人, not a word one character off);
    then words that differ by one character."""
    for candidates in (_homophones, _lookalikes):
        found = _replaced(text, vocabulary, candidates)
        if found.text or found.alternatives:
            return found
    return Correction()


def _replaced(text, vocabulary, candidates):
    """Replace the longest windows of the query that are not words of the index by the
    candidates' words."""
    corrected, alternatives, clear = text, [], True
    for run in CJK_RUN.findall(text):
        start = 0
        while start < len(run) - 1:
            for size in range(min(LONGEST_WINDOW, len(run) - start), SHORTEST_WINDOW - 1, -1):
                window = run[start : start + size]
                best, ranked = _choose([] if window in vocabulary else candidates(window, vocabulary), vocabulary)
                if ranked:
                    corrected = corrected.replace(window, best or ranked[0], 1)
                    alternatives.append([corrected.replace(best or ranked[0], term, 1) for term in ranked[:4]])
                    clear = clear and best is not None
                    start += size
                    break
                if window in vocabulary:
                    start += size - 1  # a known word: move past it
                    break
            start += 1
    if corrected == text:
        return Correction()
    if clear:
        return Correction(text=corrected)
    return Correction(alternatives=list(dict.fromkeys(a for found in alternatives for a in found))[:5])


def correct(query):
    text = normalise(query)
    if not text or len(text) > MAX_LENGTH:
        return Correction()
    vocabulary = vocab.get()
    if LETTERS.fullmatch(text):
        return _from_pinyin(text, vocabulary)
    return _from_characters(text, vocabulary)
