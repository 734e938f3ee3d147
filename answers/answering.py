"""One question in, one answer out: what the JSON endpoint, the 智能问答 page and the benchmark
all call."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from answers import counting, generate, knowledge
from answers.matching import holds, normalise, passage, terms

RELATED = 3
HOTLINE = ("12345政务服务便民热线", "tel:12345")


@dataclass
class Reply:
    question: str
    entry: object = None
    text: str = ""  # what is shown: the source's words, or the model's restatement of them
    excerpt: str = ""  # the sentence of the cited page that holds what the answer does not say
    partial: bool = False  # about the subject asked, perhaps not the very thing: the ways on too
    generated: bool = False
    related: list = field(default_factory=list)
    ways: list = field(default_factory=list)  # (title, url) when nothing fits, or only partly

    def as_json(self, site):
        entry = self.entry
        return {
            "question": self.question,
            "answered": entry is not None,
            "answer": self.text or None,
            "excerpt": self.excerpt or None,
            "partial": self.partial,
            "generated": self.generated,
            "kind": entry.kind_label if entry else None,
            "source_url": entry.source_url(site) if entry else None,
            "source_title": entry.source_title if entry else None,
            "date": entry.date if entry else None,
            "department": (entry.department or None) if entry else None,
            "related": self.related,
            "ways": [{"title": title, "url": url} for title, url in self.ways],
        }


def searchable(question):
    return bool(terms(question))


def ask(site, question):
    held = knowledge.for_site(site)
    found = held.index.match(question)
    entry, partial = found.entry, found.partial
    reply = Reply(question, entry, partial=partial)
    if entry is not None:
        reply.excerpt = excerpt(held.index, found.on_page, entry)
        restated = generate.restate(question, entry, reply.excerpt)
        reply.text, reply.generated = (restated, True) if restated else (entry.answer, False)
    if entry is None or partial:
        reply.ways = ways_on(site, question, held.ways)
    seen = {entry.question} if entry else set()
    for row in found.rows:
        candidate = held.entries[row[3]]
        if candidate.question not in seen and len(reply.related) < RELATED:
            reply.related.append(candidate.question)
            seen.add(candidate.question)
    for candidate in held.entries:  # too few near questions: the site's own FAQ
        if len(reply.related) >= RELATED:
            break
        if candidate.kind == "faq" and candidate.site_id == site.pk and candidate.question not in seen:
            reply.related.append(candidate.question)
            seen.add(candidate.question)
    counting.record(site, question, entry is not None and not partial)  # a partial answer: editors see it too
    return reply


def excerpt(index, on_page, entry):
    """Where the answer rests on words of the question that only the cited page holds (刻公章, of
    an answer on opening a company), the sentence of the page that holds them, when the entry's
    own answer does not."""
    answer = normalise(entry.answer, None)
    unsaid = {t: w for t, w in on_page.items() if not holds(answer, t, index.synonyms)}
    return passage(entry.page, unsaid, {entry.source_title}, index.synonyms) if unsaid else ""


def ways_on(site, question, ways):
    found = [("站内搜索结果", f"{reverse('search')}?{urlencode({'q': question})}")]
    labels = {"mailbox": "写信咨询", "request": "申请政府信息公开"}
    for key, (title, source) in ways.items():
        site_id, root_url, path = source
        found.append((f"{labels[key]}（{title}）", path if site_id == site.pk else f"{root_url}{path}"))
    found.append(HOTLINE)
    return found
