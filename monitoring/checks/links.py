"""Broken links (错链、断链) in published content. Links to the platform's own sites, pages,
documents and images are resolved against the database; other addresses are requested over
HTTP, each distinct address once per run, and only addresses written in published content."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

from monitoring.content import page_content, published_pages, responsible_department
from monitoring.http import LinkChecker, Outcome
from monitoring.internal_links import check_object, check_path
from monitoring.models import Severity
from monitoring.registry import Observation, register

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "#", "data:")
DEFAULTS = {"timeout": 10.0, "retries": 1, "backoff": 0.5, "workers": 16, "per_host": 2, "host_interval": 0.2}


def link_checker():
    """Configured by the optional MONITORING_LINKS setting (keys as in DEFAULTS)."""
    return LinkChecker(**{**DEFAULTS, **getattr(settings, "MONITORING_LINKS", {})})


def _occurrences(site):
    """(page, link text, target, problem or URL to request) for every link in published pages."""
    own_hosts = set(Site.objects.values_list("hostname", flat=True))
    for page in published_pages(site):
        for link in page_content(page).links:
            if link.kind != "url":
                yield page, link, link.target, ("problem", check_object(link.kind, link.target))
                continue
            target = link.target
            if not target or target.lower().startswith(SKIPPED_SCHEMES):
                continue
            parts = urlsplit(target)
            if not parts.scheme and not parts.netloc:
                yield page, link, target, ("problem", check_path(site, parts.path or "/"))
            elif parts.scheme in ("http", "https") and parts.hostname in own_hosts:
                own = Site.objects.filter(hostname=parts.hostname).first()
                yield page, link, target, ("problem", check_path(own, parts.path or "/"))
            else:
                yield page, link, target, ("url", target)


@register("links", "错链断链")
def check_links(site, checker=None):
    occurrences = list(_occurrences(site))
    urls = [value for *_, (kind, value) in occurrences if kind == "url"]
    results = (checker or link_checker()).check_all(urls)
    for page, link, target, (kind, value) in occurrences:
        if kind == "problem":
            if value is None:
                continue
            problem, severity = value, Severity.ERROR
        else:
            result = results[value]
            if result.ok:
                continue
            problem = result.describe()
            severity = Severity.WARNING if result.outcome == Outcome.TIMEOUT else Severity.ERROR
        department = responsible_department(page)
        text = link.text or target
        yield Observation(
            key=f"link:{page.pk}:{link.kind}:{target}",
            severity=severity,
            title=f"“{page.title}”中的链接“{text[:60]}”{problem}",
            detail=(
                f"页面：{page.title}（{page.url_path}）\n链接文字：{text}\n链接目标：{_describe_target(link)}\n"
                f"检查结果：{problem}\n责任单位：{department or '未指定'}"
            ),
            target=target if link.kind == "url" else _describe_target(link),
            page=page,
            department=department,
        )


def _describe_target(link):
    labels = {"page": "站内页面", "document": "附件", "image": "图片"}
    return f"{labels[link.kind]} #{link.target}" if link.kind in labels else link.target
