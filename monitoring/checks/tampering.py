"""Tampering: the HTML a site serves for a page differs from what the platform renders for
its published revision (defacement), or carries links hidden from readers (暗链), or a public
document's file on storage no longer has the SHA-256 digest recorded for it (changed or swapped)."""

import re

from bs4 import BeautifulSoup

from home.documents import public_documents, site_documents, tampered_files
from monitoring.models import Severity
from monitoring.registry import Observation, register
from monitoring.site_fetch import checker, fetch, key_pages, page_url, render

HIDING_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)"
    r"|(?:left|top|text-indent)\s*:\s*-\d{3,}",
    re.IGNORECASE,
)
CSS_RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
DIFF_SAMPLE = 5


def _hidden_classes(soup):
    """Class names that <style> blocks of the page hide."""
    hidden = set()
    for style in soup.find_all("style"):
        for selectors, body in CSS_RULE.findall(style.get_text()):
            if HIDING_STYLE.search(body):
                hidden.update(re.findall(r"\.([\w-]+)", selectors))
    return hidden


def hidden_links(html):
    """{href: text} of the links a reader cannot see: hidden by inline style, by a class a
    <style> block hides, or by the `hidden` attribute, on the link or any element around it."""
    soup = BeautifulSoup(html, "html.parser")
    hidden_classes = _hidden_classes(soup)
    found = {}
    for anchor in soup.find_all("a", href=True):
        for element in [anchor, *anchor.parents]:
            if element.name is None or element.name == "[document]":
                continue
            if (
                element.has_attr("hidden")
                or HIDING_STYLE.search(element.get("style", ""))
                or hidden_classes.intersection(element.get("class", []))
            ):
                found[anchor["href"]] = anchor.get_text(" ", strip=True)
                break
    return found


def fingerprint(html):
    """What a reader sees and follows: the visible text lines and the addresses of links,
    scripts, frames and images."""
    soup = BeautifulSoup(html, "html.parser")
    addresses = {
        element.get(attr)
        for element, attr in (
            *((e, "href") for e in soup.find_all("a", href=True)),
            *((e, "src") for e in soup.find_all(["script", "iframe", "img", "embed"], src=True)),
        )
    }
    for element in soup.find_all(["script", "style", "noscript", "template"]):
        element.decompose()
    lines = {line.strip() for line in soup.get_text("\n").splitlines() if line.strip()}
    return lines, addresses


@register("tampering", "网页篡改与暗链")
def check_tampering(site):
    yield from changed_documents(site)
    link_checker = checker(timeout=15.0)
    for page in key_pages(site):
        url = page_url(site, page)
        fetched = fetch(link_checker, url, read_body=True)
        rendered = render(site, page)
        if fetched.html is None or rendered is None:
            continue  # unreachable pages are the availability check's findings
        yield from _compare(page, url, fetched.html, rendered)


def changed_documents(site):
    """Every public document of the site, read from storage and compared with its digest."""
    for document, problem in tampered_files(public_documents(site_documents(site))):
        yield Observation(
            key=f"document:{document.pk}",
            severity=Severity.CRITICAL,
            title=f"文档“{document.title}”的文件与登记的校验值不一致，疑似被篡改",
            detail=f"{problem}\n文件：{document.file.name}\n下载地址：{document.url}",
            target=document.url,
        )


def _compare(page, url, served, rendered):
    expected_hidden = hidden_links(rendered)
    secret = {href: text for href, text in hidden_links(served).items() if href not in expected_hidden}
    if secret:
        listing = "\n".join(f"{text or '（无文字）'} → {href}" for href, text in list(secret.items())[:20])
        yield Observation(
            key=f"hidden_links:{page.pk}",
            severity=Severity.CRITICAL,
            title=f"“{page.title}”含有隐藏链接（暗链）{len(secret)} 个",
            detail=f"地址：{url}\n{listing}",
            target=url,
            page=page,
        )
    served_lines, served_addresses = fingerprint(served)
    rendered_lines, rendered_addresses = fingerprint(rendered)
    added = sorted(served_lines - rendered_lines) + sorted(served_addresses - rendered_addresses)
    missing = sorted(rendered_lines - served_lines) + sorted(rendered_addresses - served_addresses)
    if added or missing:
        yield Observation(
            key=f"defacement:{page.pk}",
            severity=Severity.CRITICAL,
            title=f"“{page.title}”对外显示的内容与发布内容不一致，疑似被篡改",
            detail=f"地址：{url}\n多出：{_sample(added)}\n缺少：{_sample(missing)}",
            target=url,
            page=page,
        )


def _sample(items):
    return "；".join(items[:DIFF_SAMPLE]) or "无"
