"""Chinese-aware tokens for the embedded search backends (SQLite FTS5, PostgreSQL).

Both engines keep a run of Chinese characters as one token, so 政务公开 is not found inside
2020年上海市体育局政务公开工作要点. Text is therefore indexed as overlapping character
bigrams (the method of Elasticsearch's cjk analyzer), plus the first and last character of
each Chinese run so that a single character next to digits (2020年, 57号) is found too.
A query becomes the bigrams of its Chinese runs, all required: every page containing the
query words as a substring matches, whatever a word segmenter would have made of the text.
jieba, with the project dictionary of government terms, splits queries into words for
highlighting and suggestions.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN_RE = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+")
DICTIONARY = Path(__file__).with_name("dictionary.txt")


def _runs(text):
    return RUN_RE.findall(unicodedata.normalize("NFKC", text or "").lower())


def _is_cjk(run):
    return "\u3400" <= run[0] <= "\ufaff"


def _bigrams(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_tokens(text):
    tokens = []
    for run in _runs(text):
        if _is_cjk(run) and len(run) > 1:
            tokens.append(run[0])
            tokens.extend(_bigrams(run))
            tokens.append(run[-1])
        else:
            tokens.append(run)
    return tokens


def query_tokens(text):
    tokens = []
    for run in _runs(text):
        tokens.extend(_bigrams(run) if _is_cjk(run) and len(run) > 1 else [run])
    return list(dict.fromkeys(tokens))


def phrases(text):
    """The query tokens of each run of the text, run by run: a word is found where each of its
    runs appears as consecutive index tokens."""
    return [_bigrams(run) if _is_cjk(run) and len(run) > 1 else [run] for run in _runs(text)]


def index_text(text):
    return " ".join(index_tokens(text))


def query_text(text):
    return " ".join(query_tokens(text))


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(60)
    jieba.load_userdict(str(DICTIONARY))
    return jieba


def words(text):
    """The query's words (jieba search mode), longest first, for highlighting and suggestions."""
    found = {w.strip() for w in _jieba().cut_for_search(unicodedata.normalize("NFKC", text or "")) if w.strip()}
    found = {w for w in found if RUN_RE.fullmatch(w.lower())}
    return sorted(found, key=len, reverse=True)
