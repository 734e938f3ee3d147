"""What a reader's query means: its words without question and filler words, each word with its
synonyms, split into the words that must match and those that only add to the score.

The whole query is still searched as typed (every page holding it as a substring comes first:
the exact tier); these words make the relaxed tier that finds pages holding most of the words
wherever they stand (search.backends)."""

import unicodedata
from dataclasses import dataclass, field, replace
from itertools import combinations

from home.segment import _jieba, query_tokens
from search import synonyms


def _word_set(text):
    return frozenset(text.split())


# Question and filler words a citizen wraps a search in ("在哪里查看…", "…有哪些", "是不是…吗"):
# they are in no page worth finding. Content words stay, even common ones (办理, 申请, 查询).
FILLER = _word_set(
    """
    怎么 怎么样 怎样 如何 怎么办 为什么 为何 什么 什么样 什么时候 时候 何时 啥 啥时候 几时 多久 多少 多长时间
    哪 哪里 哪儿 在哪 在哪里 在哪儿 去哪 去哪里 到哪 到哪里 哪个 哪些 哪家 有哪些 有没有 有无 是否 是不是 能不能
    可不可以 可以 能否 能 会 要 想 想要 需要 需不需要 应该 该 我 我们 你 你们 您 他 她 请问 请 问 一下 下 麻烦
    吗 呢 吧 啊 呀 嘛 么 了 的 地 得 着 过 和 与 及 或 还是 就 都 也 还 又 在 是 有 给 被 把 对 从 向 跟 关于 有关 相关
    查看 查找 寻找 找 找到 看 看看 了解 知道 告诉 具体 一般 那 这 这个 那个
    """
)
# Words that describe what a reader wants done rather than what about: they raise the score of
# a page holding them but are not required (一个办理社保卡的指南 may be titled 社会保障卡申领).
WEAK = _word_set("办理 申请 申报 查询 流程 手续 材料 条件 要求 规定 办法 时间 地点 地址 电话 网站 网上 在线 最新")
MAX_WORDS = 6  # more words than this and the combinations of "most of them" grow too many


@dataclass
class Understood:
    """`exact` is the query as typed; `groups` the words that must mostly match, each a tuple of
    alternatives (the word and its synonyms); `weak` the words that only add to the score;
    `slack` how many more groups than usual a page may lack (see loosened())."""

    exact: str
    groups: list = field(default_factory=list)
    weak: list = field(default_factory=list)
    slack: int = 0

    @property
    def words(self):
        return [alternatives[0] for alternatives in [*self.groups, *self.weak]]

    def required(self):
        """How many groups a page must hold: all of two, then all but one in three; fewer by the
        slack, but at least one."""
        return max(1, len(self.groups) - len(self.groups) // 3 - self.slack)

    def loosened(self):
        """The same words with one more allowed missing, for a search that found nothing (青少年篮球比赛
        for a title of 青少年篮球锦标赛); None when one word is all that is required already."""
        if self.required() <= 1:
            return None
        return replace(self, slack=self.slack + 1)

    def combinations(self):
        """The sets of groups of which a page must hold one in full."""
        return list(combinations(self.groups, self.required())) if self.groups else []

    def relaxes(self):
        """Whether the words find more than the query as typed: it was wrapped in filler words,
        holds several words or a word with synonyms."""
        if not self.groups:
            return False
        only = self.groups[0]
        return (
            len(self.groups) > 1
            or len(only) > 1
            or bool(self.weak)
            or query_tokens(only[0]) != query_tokens(self.exact)
        )


def normalise(text):
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def _words(text):
    jieba = _jieba()
    synonyms.teach(jieba)
    words = []
    for word in jieba.cut(text, HMM=True):
        word = word.strip()
        if not word or word in FILLER or not query_tokens(word):
            continue
        if len(word) == 1 and not word.isascii():
            continue  # one character is found everywhere and is not what the reader means
        if word not in words:
            words.append(word)
    return words


def understand(query):
    text = normalise(query)
    words = _words(text)
    strong = [w for w in words if w not in WEAK] or words
    weak = [w for w in words if w not in strong]
    groups = [tuple(synonyms.alternatives(word)) for word in strong[:MAX_WORDS]]
    return Understood(exact=text, groups=groups, weak=[(w,) for w in weak[:MAX_WORDS]])


def as_search_query(understood):
    """The same tiers as a query tree of Wagtail's search query classes, for a backend that
    compiles them itself (Elasticsearch): the query as typed boosted, or most of its words."""
    from modelsearch.query import And, Boost, Or, PlainText

    def either(parts):
        return parts[0] if len(parts) == 1 else Or(parts)

    def both(parts):
        return parts[0] if len(parts) == 1 else And(parts)

    exact = PlainText(understood.exact, operator="and")
    if not understood.relaxes():
        return exact

    def word(alternatives):
        return either([PlainText(alternative, operator="and") for alternative in alternatives])

    core = either([both([word(group) for group in combo]) for combo in understood.combinations()])
    if understood.weak:
        core = either([core, both([core, either([word(group) for group in understood.weak])])])
    return Or([Boost(exact, 10.0), core])
