"""Content quality (sensitive and miswritten words) in published pages; personal data in every
public URL of a site and in the text attachments its pages link to."""

from django.conf import settings
from wagtail.documents import get_document_model

from home import personal_data
from monitoring.content import page_content, published_pages, responsible_department
from monitoring.models import ContentRule, Severity
from monitoring.registry import Observation, register
from monitoring.site_fetch import public_paths, rendered_texts
from monitoring.text_rules import find_words

TEXT_ATTACHMENTS = (".txt", ".csv")
ATTACHMENT_LIMIT = 2 * 1024 * 1024


@register("content_quality", "敏感词与错别字")
def check_content_quality(site):
    rules = list(ContentRule.objects.all())
    if not rules:
        return
    for page in published_pages(site):
        for hit in find_words(page_content(page).text, rules):
            yield Observation(
                key=f"word:{page.pk}:{hit.kind}:{hit.word}",
                severity=Severity.ERROR if hit.kind == ContentRule.Kind.SENSITIVE else Severity.WARNING,
                title=f"“{page.title}”含{hit.describe()}",
                detail=f"页面：{page.title}（{page.url_path}）\n{hit.describe()}",
                target=page.url_path,
                page=page,
                department=responsible_department(page),
            )


@register("personal_data", "个人信息泄露")
def check_personal_data(site):
    """Every public URL of the site as readers get it — pages, reply and opinion lists, interview
    questions, comment threads, catalogs, feeds — and the text attachments its pages link to."""
    for page, path in public_paths(site):
        for url, text in rendered_texts(site, path):
            yield from _personal_data(f"url:{url}", page, url, text, f"页面“{page.title}”（{url}）")
    documents = {}
    for page in published_pages(site):
        for link in page_content(page).links:
            if link.kind == "document":
                documents.setdefault(link.target, page)
    for doc in get_document_model().objects.filter(pk__in=[pk for pk in documents if pk.isdigit()]):
        if doc.file and doc.file.name.lower().endswith(TEXT_ATTACHMENTS):
            page = documents[str(doc.pk)]
            where = f"“{page.title}”的附件“{doc.title}”"
            yield from _personal_data(f"document:{doc.pk}", page, page.url_path, _read_text(doc), where)


def _personal_data(key, page, target, text, where):
    """A critical finding for certain personal data, a warning for what only looks like it
    (a street address may be an office's)."""
    found = personal_data.summary(text)
    if not found:
        return
    summary = "；".join(f"{kind} {len(values)} 个（{'、'.join(values[:5])}）" for kind, values in found.items())
    suspected_only = set(found) <= personal_data.SUSPECTED
    yield Observation(
        key=f"personal:{key}",
        severity=Severity.WARNING if suspected_only else Severity.CRITICAL,
        title=f"{where}{'疑似' if suspected_only else ''}公开了未脱敏的个人信息",
        detail=f"{where}：{summary}。请立即脱敏或撤下{'（如为单位地址可忽略）' if suspected_only else ''}。",
        target=target,
        page=page,
        department=responsible_department(page),
    )


def _read_text(document):
    try:
        with document.file.open("rb") as handle:
            data = handle.read(getattr(settings, "MONITORING_ATTACHMENT_LIMIT", ATTACHMENT_LIMIT))
    except OSError:
        return ""
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""
