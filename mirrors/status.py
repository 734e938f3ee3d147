"""Whether each core page of a site has a current translation in a mirror locale.

Core pages are the columns marked core (`ColumnPage.is_core`) and the articles directly in them.
A translation is current when the source has not been published since the translation was last
synced (wagtail-localize's `TranslationSource.last_updated_at`) and the mirror page has been
published since that sync; otherwise it is stale, counted from the first publication of the source
after the sync."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import TranslationSource

from home.models import ArticlePage, ColumnPage
from mirrors.translators import mirror_roots, translator_groups

MISSING, STALE, CURRENT = "missing", "stale", "current"
STATE_LABELS = {MISSING: "未翻译", STALE: "待同步", CURRENT: "已同步"}


@dataclass
class PageStatus:
    page: Page
    kind: str
    state: str
    translation: Page | None = None
    source_id: int | None = None
    synced_at: object = None
    stale_since: object = None
    note: str = ""

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    def stale_days(self, now=None):
        if self.stale_since is None:
            return None
        return ((now or timezone.now()) - self.stale_since).days

    @property
    def action_url(self):
        """Where a translator brings this page across: start, sync, or finish the translation."""
        if self.state == MISSING and self.translation is None:
            return reverse("wagtail_localize:submit_page_translation", args=[self.page.pk])
        if self.state == STALE and self.source_id and not self.note:
            return reverse("wagtail_localize:update_translations", args=[self.source_id])
        return reverse("wagtailadmin_pages:edit", args=[self.translation.pk])

    @property
    def action_label(self):
        if self.state == MISSING and self.translation is None:
            return "翻译"
        if self.state == STALE and self.source_id and not self.note:
            return "同步"
        return "编辑译文"


@dataclass
class SyncReport:
    site: object
    locale: object
    rows: list
    translators: list
    has_mirror: bool

    def count(self, *states):
        return sum(1 for row in self.rows if row.state in states)

    @property
    def total(self):
        return len(self.rows)

    @property
    def mirrored(self):
        return self.count(STALE, CURRENT)

    @property
    def current(self):
        return self.count(CURRENT)

    def share(self, count):
        return round(100 * count / self.total, 1) if self.total else 100.0

    @property
    def share_mirrored(self):
        return self.share(self.mirrored)

    @property
    def share_current(self):
        return self.share(self.current)


def core_pages(site):
    """Live core columns of the site and the live articles directly in them, in tree order."""
    columns = list(ColumnPage.objects.live().descendant_of(site.root_page).filter(is_core=True).order_by("path"))
    pages = [(column, "栏目") for column in columns]
    if columns:
        in_columns = reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in columns))
        pages += [(article, "文章") for article in ArticlePage.objects.live().filter(in_columns)]
    return sorted(pages, key=lambda pair: pair[0].path)


def sync_report(site, locale, now=None):
    pages = core_pages(site)
    keys = [page.translation_key for page, _ in pages]
    translations = {p.translation_key: p for p in Page.objects.filter(translation_key__in=keys, locale=locale)}
    sources = {
        s.object_id: s for s in TranslationSource.objects.filter(object_id__in=keys, locale=site.root_page.locale_id)
    }
    rows = [
        _status(page, kind, translations.get(page.translation_key), sources.get(page.translation_key))
        for page, kind in pages
    ]
    _date_staleness(rows)
    return SyncReport(
        site, locale, rows, translator_groups(site, locale), mirror_roots(site).filter(locale=locale).exists()
    )


def _status(page, kind, translation, source):
    status = PageStatus(page, kind, MISSING, translation, source.pk if source else None)
    if translation is None:
        return status
    if not translation.live:
        status.note = "译文尚未发布"
        return status
    # Translated outside wagtail-localize: compare publication times only.
    status.synced_at = source.last_updated_at if source else translation.last_published_at
    if page.last_published_at and page.last_published_at > status.synced_at:
        status.state = STALE
    elif translation.last_published_at < status.synced_at:
        status.state = STALE
        status.note = "已同步，译文待发布"
        status.stale_since = status.synced_at
    else:
        status.state = CURRENT
    return status


def _date_staleness(rows):
    """Stale since the first publication of the source after the last sync (one query)."""
    pending = {row.page.pk: row for row in rows if row.state == STALE and row.stale_since is None}
    if not pending:
        return
    earliest = min(row.synced_at for row in pending.values())
    publications = PageLogEntry.objects.filter(
        page_id__in=pending, action="wagtail.publish", timestamp__gt=earliest
    ).values_list("page_id", "timestamp")
    for page_id, timestamp in publications:
        row = pending[page_id]
        if timestamp > row.synced_at and (row.stale_since is None or timestamp < row.stale_since):
            row.stale_since = timestamp
    for row in pending.values():
        # Publications without a log entry (imports, scripts): the last one is all we know.
        row.stale_since = row.stale_since or row.page.last_published_at


def stale_and_missing(site, locale):
    """The core pages of `site` whose translation into `locale` is missing or stale (for monitoring)."""
    return [row for row in sync_report(site, locale).rows if row.state != CURRENT]
