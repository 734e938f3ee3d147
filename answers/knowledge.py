"""What a site's 智能问答 knows, built from what is already published and reviewed:

- the FAQ entries its editors wrote (FaqEntry, each with its source page);
- the question-and-answer passages (问：… 答：…) of policy interpretations (政策解读, 政策问答);
- service guides (办事指南): the guide's title is the question, its summary the answer;
- the approved public versions of answered letters (来信选登), never the letters themselves.

Each entry also carries the text of the page it cites, so that a question about another side of
the same subject (not how to pay, but until when) is answered from the page the entry rests on.

The portal (the group's default site) also knows every sub-site's entries: the knowledge is
shared up the group. Each site's index is built once per process and kept until something it
rests on changes (answers.signals bumps the version every process reads from the cache)."""

import re
import threading
import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db.models import Q
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from answers.matching import Index
from answers.models import FaqEntry
from home.models import ArticlePage, ColumnPage
from home.models.pages import below
from home.visibility import is_readable, readable
from search import synonyms

VERSION_KEY = "answers:knowledge:version"
PAGES_PER_KIND = 2000  # bounds the build on a very large site
ANSWER_LENGTH = 600
SOURCE_LENGTH = 4000  # of the cited page's text, kept with its entry
QUESTION_RE = re.compile(r"^\s*(?:问|Q)\s*[:：]\s*(.+)$")
ANSWER_RE = re.compile(r"^\s*(?:答|A)\s*[:：]\s*")
GUIDE_SUFFIX_RE = re.compile(r"(?:“一网通办”)?办事指南$")
KIND_LABELS = {"faq": "常见问题", "interpretation": "政策解读", "guide": "办事指南", "letter": "来信选登"}


@dataclass
class Entry:
    kind: str
    question: str
    answer: str
    source_title: str
    source: tuple  # (site id, root url, path) of the cited page, from Page.get_url_parts()
    date: str = ""
    department: str = ""
    site_id: int = 0
    phrasings: list = field(default_factory=list)
    page: str = ""  # the cited page's text, where a question's other words may be

    def source_url(self, site):
        site_id, root_url, path = self.source
        return path if site is not None and site_id == site.pk else f"{root_url}{path}"

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


@dataclass
class Knowledge:
    entries: list
    index: Index
    ways: dict  # 找不到答案时: the mailbox and the disclosure request form of the site


def plain(html):
    text = re.sub(r"</(p|li|h\d)>|<br\s*/?>", "\n", html or "")
    return "\n".join(line.strip() for line in strip_tags(text).splitlines() if line.strip())


def _day(value):
    return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else str(value or "")


def page_text(page):
    """The plain text a reader sees on the page: its title, summary and the text of its body."""
    parts = [page.title, getattr(page, "summary", "") or ""]
    body = getattr(page, "body", None)
    if hasattr(body, "stream_block"):
        parts.extend(plain(text) for text in body.stream_block.get_searchable_content(body))
    return "\n".join(part for part in parts if part)[:SOURCE_LENGTH]


def _source(page):
    parts = page.get_url_parts()
    return None if parts is None else (parts[0], parts[1], parts[2])


def faq_entries(sites):
    found = []
    rows = list(FaqEntry.objects.filter(site__in=sites, live=True).select_related("department"))
    pages = Page.objects.filter(pk__in={faq.source_page_id for faq in rows}).specific().in_bulk()
    for faq in rows:
        page = pages.get(faq.source_page_id)
        source = _source(page) if page is not None and is_readable(page) else None
        if source is None:  # never an answer without a source readers can open
            continue
        found.append(
            Entry(
                "faq",
                faq.question,
                plain(faq.answer),
                page.title,
                source,
                _day(page.last_published_at),
                faq.department.name if faq.department else "",
                faq.site_id,
                faq.phrasings(),
                page_text(page),
            )
        )
    return found


def _passages(page):
    """(question, answer) pairs of a 问：… 答：… text, in order."""
    pairs, question, answer = [], None, []
    for block in page.body:
        if block.block_type not in ("heading", "paragraph"):
            continue
        text = plain(block.value["text"] if block.block_type == "heading" else block.value.source)
        asked = QUESTION_RE.match(text)
        if asked:
            if question and answer:
                pairs.append((question, "\n".join(answer)))
            question, answer = asked.group(1).strip(), []
        elif question:
            answer.append(ANSWER_RE.sub("", text))
    if question and answer:
        pairs.append((question, "\n".join(answer)))
    return pairs


def interpretation_entries(site):
    pages = readable(ArticlePage.objects.filter(below(site.root_page))).filter(
        Q(content_type__model="interpretationpage") | Q(title__contains="问答") | Q(title__contains="解读")
    )
    found = []
    for page in pages.order_by("-date")[:PAGES_PER_KIND]:
        source = _source(page)
        text = page_text(page) if source else ""
        for question, answer in _passages(page) if source else ():
            found.append(
                Entry(
                    "interpretation",
                    question,
                    answer[:ANSWER_LENGTH],
                    page.title,
                    source,
                    _day(page.date),
                    "",
                    site.pk,
                    [question],
                    text,
                )
            )
    return found


def guide_entries(site):
    columns = ColumnPage.objects.filter(below(site.root_page)).filter(Q(slug="bszn") | Q(title__contains="办事指南"))
    within = Q(title__endswith="办事指南")
    for column in columns:
        within |= below(column)
    pages = readable(ArticlePage.objects.filter(below(site.root_page)).filter(within))
    found = []
    for page in pages.order_by("-date")[:PAGES_PER_KIND]:
        source = _source(page)
        if source is None:
            continue
        answer = page.summary or " ".join(plain(str(block.value)) for block in page.body[:3])
        subject = GUIDE_SUFFIX_RE.sub("", page.title).strip() or page.title
        found.append(
            Entry(
                "guide",
                f"如何办理{subject}？",
                answer[:ANSWER_LENGTH],
                page.title,
                source,
                _day(page.date),
                page.department.name if page.department_id else "",
                site.pk,
                [page.title, subject],
                page_text(page),
            )
        )
    return found


def letter_entries(site):
    """Approved public versions only (interaction's Letter.objects.published())."""
    try:
        letters = apps.get_model("interaction", "Letter").objects.published()
    except LookupError:
        return []
    found = []
    for letter in letters.filter(site=site).select_related("mailbox", "department")[:PAGES_PER_KIND]:
        mailbox = letter.mailbox
        if mailbox is None or not is_readable(mailbox) or not letter.public_subject or not letter.public_reply:
            continue
        parts = _source(mailbox)
        if parts is None:
            continue
        found.append(
            Entry(
                "letter",
                letter.public_subject,
                letter.public_reply[:ANSWER_LENGTH],
                f"来信选登：{letter.public_subject}",
                (parts[0], parts[1], f"{parts[2]}replies/#letter-{letter.pk}"),
                _day(letter.replied_on),
                letter.department.name if letter.department_id else "",
                site.pk,
                [letter.public_subject],
            )
        )
    return found


def may_hold(page):
    """Whether the knowledge may rest on this page (as a passage, a guide, a mailbox or a form)."""
    model = page.specific_class._meta.model_name if page.specific_class else ""
    if model in ("interpretationpage", "mailboxpage", "disclosurerequestpage"):
        return True
    if any(word in page.title for word in ("问答", "解读", "办事指南")):
        return True
    parent = page.get_parent()
    return parent is not None and (parent.slug == "bszn" or "办事指南" in parent.title)


def ways_on(site):
    """The site's mailbox and disclosure request form, where a question no entry answers can go."""
    ways = {}
    for key, (app, model) in {
        "mailbox": ("interaction", "mailboxpage"),
        "request": ("disclosure", "disclosurerequestpage"),
    }.items():
        page = (
            readable(Page.objects.filter(below(site.root_page)))
            .filter(content_type__app_label=app, content_type__model=model)
            .order_by("path")
            .first()
        )
        if page is not None and (parts := _source(page)):
            ways[key] = (page.title, parts)
    return ways


def build(site):
    sites = Site.objects.all() if site.is_default_site else [site]
    entries = faq_entries(sites)
    for builder in (interpretation_entries, guide_entries, letter_entries):
        entries.extend(builder(site))
    return Knowledge(entries, Index.build(entries, synonyms.table()), ways_on(site))


_built = {}
_lock = threading.Lock()


def version():
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(VERSION_KEY)
    return token


def changed():
    """Something the knowledge rests on changed: every process rebuilds on its next question."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def for_site(site):
    token = version()
    held = _built.get(site.pk)
    if held is not None and held[0] == token:
        return held[1]
    with _lock:
        held = _built.get(site.pk)
        if held is None or held[0] != token:
            held = (token, build(site))
            _built[site.pk] = held
    return held[1]
