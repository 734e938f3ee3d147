"""Content quality (sensitive and miswritten words) and personal data in published pages
and in the text attachments they link to."""

from django.conf import settings
from wagtail.documents import get_document_model

from monitoring.content import page_content, published_pages, responsible_department
from monitoring.models import ContentRule, Severity
from monitoring.registry import Observation, register
from monitoring.text_rules import find_personal_data, find_words

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
    documents = {}
    for page in published_pages(site):
        content = page_content(page)
        yield from _personal_data(f"page:{page.pk}", page, content.text, f"页面“{page.title}”")
        for link in content.links:
            if link.kind == "document":
                documents.setdefault(link.target, page)
    for doc in get_document_model().objects.filter(pk__in=[pk for pk in documents if pk.isdigit()]):
        if doc.file and doc.file.name.lower().endswith(TEXT_ATTACHMENTS):
            page = documents[str(doc.pk)]
            yield from _personal_data(f"document:{doc.pk}", page, _read_text(doc), f"“{page.title}”的附件“{doc.title}”")


def _personal_data(key, page, text, where):
    found = find_personal_data(text)
    if not found:
        return
    summary = "；".join(f"{kind} {len(values)} 个（{'、'.join(values[:5])}）" for kind, values in found.items())
    yield Observation(
        key=f"personal:{key}",
        severity=Severity.CRITICAL,
        title=f"{where}公开了未脱敏的个人信息",
        detail=f"{where}：{summary}。请立即脱敏或撤下。",
        target=page.url_path,
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
