"""Every public page type of the demo and the admin pages the project adds are valid HTML, as the
W3C Nu HTML Checker (vnu-jar from npm, run on the machine's Java) judges them: zero errors.

The pages are fetched from the seeded demo through the test client, saved, and checked in one JVM
run. Public page types are found from the page models, so a new page type is checked too."""

import io
import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Site, get_page_models

from disclosure.models import DisclosureRequest, DisclosureRequestPage
from home.templatetags.portal_tags import datetime_attribute
from interaction.models import InterviewPage, Letter, MailboxPage
from monitoring.models import Finding
from tests.test_captcha import captcha
from tests.test_disclosure_public import filled
from tests.test_interaction_helpers import solve_captcha
from tests.test_interaction_letters import letter_data

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
OUR_APPS = {"home", "disclosure", "interaction"}
# Sub-pages a page type answers besides itself (feeds are RSS, transcripts JSON).
SUBPAGES = {
    "DisclosureIndexPage": ["catalog/"],
    "DisclosureRequestPage": ["track/"],
    "MailboxPage": ["track/", "replies/"],
}
MODERATED = ("opinion", "question", "comment")
# Defects of Wagtail's own admin components (filter buttons of its listings), not of our pages:
# (message, a piece of the offending markup).
WAGTAIL_MARKUP = [("Element “div” not allowed as child of element “button”", 'class="w-flex w-items-center w-gap-2"')]
REPORT_RE = re.compile(r'href="(/admin/monitoring/reports/\d+/[^/"]+/)"')


def checker():
    java = shutil.which("java")
    missing = "java is not installed" if java is None else None if VNU.exists() else "vnu-jar is missing (npm ci)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the Nu HTML Checker cannot run: {missing}")
        pytest.skip(f"the Nu HTML Checker cannot run: {missing}")
    return [java, "-Xss1m", "-jar", str(VNU)]


@pytest.fixture
def demo(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    # The mirror's translations are published when the seeding transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())


def public_pages():
    """One live page of every page type of ours, in Chinese and in each mirror that has one."""
    for model in get_page_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        exact = model.objects.live().filter(content_type__model=model._meta.model_name)
        for locale_id in exact.values_list("locale_id", flat=True).distinct():
            page = exact.filter(locale_id=locale_id).order_by("path").first()
            yield f"{model.__name__}-{page.locale.language_code}", page


def model_name(name):
    return name.split("-")[0]


def host_and_path(page):
    site_id, root_url, path = page.get_url_parts()
    return Site.objects.get(pk=site_id).hostname, path


def fetch(client, host, path, name, pages):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code in (200, 404), f"{name}: {path} answered {response.status_code}"
    pages[name] = response.content.decode()
    return pages[name]


def collect(client):
    pages = {}
    for name, page in public_pages():
        host, path = host_and_path(page)
        fetch(client, host, path, name, pages)
        for route in SUBPAGES.get(model_name(name), ()):
            fetch(client, host, path + route, f"{name}-{route.strip('/')}", pages)
    portal = Site.objects.get(is_default_site=True).hostname
    fetch(client, portal, "/search/?q=政务公开", "search", pages)
    fetch(client, portal, "/search/?q=全民健身&scope=all", "search-all", pages)
    fetch(client, portal, "/en/search/?q=sport", "search-en", pages)
    fetch(client, portal, "/no-such-page/", "not-found", pages)

    # The receipts a citizen sees once, after submitting.
    request_page = DisclosureRequestPage.objects.live().first()
    host, path = host_and_path(request_page)
    client.post(path, {**filled(), **captcha()}, HTTP_HOST=host)
    fetch(client, host, path + "thanks/", "disclosure-thanks", pages)
    mailbox = MailboxPage.objects.live().first()
    host, path = host_and_path(mailbox)
    form = client.get(path, HTTP_HOST=host).content.decode()
    client.post(path, {**solve_captcha(form), **letter_data()}, HTTP_HOST=host)
    fetch(client, host, path + "thanks/", "letter-thanks", pages)
    return pages


def collect_admin(client):
    pages = {}
    site = Site.objects.get(is_default_site=True)
    finding = Finding.objects.create(
        site=site, check_name="links", key="demo", severity="error", title="断开的链接", target="http://example.com/"
    )
    urls = {
        "admin-dashboard": reverse("wagtailadmin_home"),
        "admin-new-subsite": reverse("create_subsite"),
        "admin-disclosure-requests": reverse("disclosure_requests:index"),
        "admin-disclosure-request": reverse("disclosure_request", args=[DisclosureRequest.objects.first().pk]),
        "admin-disclosure-documents": reverse("disclosure_document_review"),
        "admin-letters": reverse("interaction_letters:index"),
        "admin-letter": reverse("interaction_letter", args=[Letter.objects.first().pk]),
        "admin-interaction-statistics": reverse("interaction_statistics"),
        "admin-interview-console": reverse("interaction_interview_console", args=[InterviewPage.objects.first().pk]),
        "admin-findings": reverse("monitoring_findings:index"),
        "admin-finding": reverse("monitoring_finding", args=[finding.pk]),
        "admin-monitoring-statistics": reverse("monitoring_statistics"),
        "admin-mirror-status": reverse("mirrors_sync_status"),
    }
    urls.update({f"admin-moderation-{kind}": reverse("interaction_moderation", args=[kind]) for kind in MODERATED})
    for name, url in urls.items():
        fetch(client, site.hostname, url, name, pages)
    reports = fetch(client, site.hostname, reverse("monitoring_reports"), "admin-reports", pages)
    fetch(client, site.hostname, REPORT_RE.search(reports).group(1), "admin-report", pages)
    return pages


def nu_errors(pages, folder):
    for name, html in pages.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
    files = sorted(str(path) for path in folder.glob("*.html"))
    done = subprocess.run(
        [*checker(), "--errors-only", "--format", "json", *files], capture_output=True, text=True, timeout=600
    )
    messages = json.loads(done.stderr or "{}").get("messages", [])
    messages = [
        m for m in messages if not any(a in m["message"] and b in m.get("extract", "") for a, b in WAGTAIL_MARKUP)
    ]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in messages
    ]


def test_public_and_admin_pages_have_no_html_errors(demo, client, admin_user, tmp_path):
    checker()
    pages = collect(client)
    names = {model_name(name) for name in pages}
    expected = {m.__name__ for m in get_page_models() if m._meta.app_label in OUR_APPS}
    assert expected <= names, f"page types without a demo page: {expected - names}"
    assert "HomePage-en" in pages and "ArticlePage-en" in pages  # the mirror's pages
    client.force_login(admin_user)
    pages.update(collect_admin(client))
    errors = nu_errors(pages, tmp_path)
    assert not errors, f"{len(errors)} HTML errors in {len(pages)} pages:\n" + "\n".join(errors[:80])


def test_time_datetime_values_stop_at_the_second():
    moment = datetime(2026, 11, 27, 8, 42, 57, 167337, tzinfo=ZoneInfo("UTC"))
    assert datetime_attribute(moment) == "2026-11-27T16:42:57+08:00"  # TIME_ZONE is Asia/Shanghai
    assert datetime_attribute(date(2026, 11, 27)) == "2026-11-27"
    assert datetime_attribute(None) == ""
