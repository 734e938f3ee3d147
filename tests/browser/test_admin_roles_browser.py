"""Issue 20 in a real browser, over the demo site group served by the live server:

- nothing is loaded from another host: every request to a host other than the live server's
  (avatars, fonts, scripts, maps, players) is refused and fails the test, over a page of every
  public page type and every screen the walk below opens;
- each role (editor, 初审/审核/审发, site administrator, 信息公开, 互动交流) walks the admin screens
  it works in, and no interface text there is left in English (runs of Latin letters in the
  visible text and placeholders, but for proper names and data such as user names);
- each role's start page shows its panel, whose first item leads to where the work is done; the
  screenshots in docs/screenshots/start-*.png are copies of what it saves in test-artifacts/."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from wagtail.models import Page, Site

from demo.site_group import DEMO_PASSWORD, DemoBuilder
from disclosure.models import DisclosureRequest
from home.models import ArticlePage
from interaction.models import Letter
from monitoring.registry import run_check
from tests.browser.conftest import ROOT
from tests.conftest import restore_wagtail_base
from tests.test_disclosure_factories import make_request
from tests.test_interaction_helpers import make_letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = ROOT / "test-artifacts"  # copied to docs/screenshots/ by hand when the screens change
# Proper names and format names that stay in Latin letters in a Chinese interface.
# Words in capitals are abbreviations and codes (XLSX, UTC, department codes such as BGS); the time
# zone list of the account screen holds IANA names such as Universal and Zulu.
PROPER_NAMES = {"Wagtail", "Excel", "English", "JavaScript", "Universal", "Zulu", "localtime"}
# Data rather than interface: addresses, user names, numbers with letters (YSQ2026…, XJ2026…).
DATA = re.compile(r"\S*[@/_.:0-9]\S*")


@pytest.fixture
def demo(live_server, transactional_db):
    """The demo site group on the live server's port, a portal article waiting at each 三审 step
    (the first for 初审, the second for 审核, the third for 审发), an overdue request and a letter
    due tomorrow on the portal, and the sport site's freshness check run (its demo column is stale)."""
    restore_wagtail_base()
    port = urlsplit(live_server.url).port
    with transaction.atomic():
        DemoBuilder(lambda message: None, port).build()
    caches["pages"].clear()
    portal = Site.objects.get(hostname="localhost")
    articles = ArticlePage.objects.descendant_of(portal.root_page).live().order_by("path")[:3]
    users = {user.username: user for user in get_user_model().objects.filter(username__startswith="portal_")}
    for steps_passed, article in enumerate(articles):
        article.save_revision()
        state = article.get_workflow().start(article, users["portal_editor"])
        for reviewer in ("portal_chushen", "portal_shenhe")[:steps_passed]:
            state.current_task_state.approve(user=users[reviewer])
            state.refresh_from_db()
    today = timezone.localdate()
    make_request(portal, received_on=today - timedelta(days=60), description="去年全市体育场馆建设资金使用情况")
    letter = make_letter(portal, subject="体育公园路灯不亮的反映")
    Letter.objects.filter(pk=letter.pk).update(due_on=today + timedelta(days=1))
    run_check("freshness", Site.objects.get(hostname="sport.localhost"))
    return {"base": live_server.url, "port": port, "in_review": articles[0]}


@pytest.fixture
def foreign_requests():
    return []


@pytest.fixture
def guarded(new_context, demo, foreign_requests):
    """A browser context in which only the live server's sites (localhost and its sub-domains,
    on its port) are reachable; any other request is refused and recorded."""

    def refuse_other_hosts(route):
        url = urlsplit(route.request.url)
        own = url.hostname and (url.hostname == "localhost" or url.hostname.endswith(".localhost"))
        if own and url.port == demo["port"]:
            route.continue_()
        else:
            foreign_requests.append(f"{route.request.frame.url if route.request.frame else '?'} → {route.request.url}")
            route.abort()

    def open_context():
        context = new_context()
        context.route("**/*", refuse_other_hosts)
        context.pending = set()  # requests not yet answered, named when a page does not settle
        context.on("request", lambda request: context.pending.add(request))
        context.on("requestfinished", lambda request: context.pending.discard(request))
        context.on("requestfailed", lambda request: context.pending.discard(request))
        return context

    return open_context


def assert_nothing_from_other_hosts(foreign_requests):
    assert not foreign_requests, "requests to other hosts:\n" + "\n".join(foreign_requests)


def settle(page):
    """Wait until the page's scripts have stopped fetching. A CI machine running both databases'
    suites at once can take long over that, so allow a minute, then name what is still loading."""
    try:
        page.wait_for_load_state("networkidle", timeout=60_000)
    except PlaywrightTimeoutError:
        still = sorted(f"{request.method} {request.url}" for request in page.context.pending)
        pytest.fail(f"{page.url} still loading after a minute: {still}")


def english_in(page):
    """Words in Latin letters of the page's visible text and placeholders, but names and data."""
    text = page.evaluate(
        """() => [document.body.innerText,
                  ...[...document.querySelectorAll('[placeholder]')].map(e => e.placeholder)].join('\\n')"""
    )
    words = set(re.findall(r"[A-Za-z][A-Za-z'’-]+", DATA.sub(" ", text)))
    return {word for word in words if word not in PROPER_NAMES and not word.isupper()}


def log_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/admin/login/"))


def test_public_pages_of_every_type_load_nothing_from_other_hosts(demo, guarded, foreign_requests):
    page = guarded().new_page()
    base = demo["base"]
    one_of_each_type = {}
    for each in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        one_of_each_type.setdefault(type(each), each)
    assert len(one_of_each_type) >= 10  # home, column, article, topic, disclosure and interaction pages…
    urls = [each.get_url() for each in one_of_each_type.values()]
    urls += ["/search/?q=健身", "/no-such-page/", "/admin/login/"]
    for url in urls:
        url = url if url.startswith("http") else base + url
        response = page.goto(url)
        assert response.status < 500, url
        settle(page)
    assert_nothing_from_other_hosts(foreign_requests)


def role_screens(demo):
    """(username, screen names, start-page panel id, its screenshot name) for each role."""
    request = DisclosureRequest.objects.filter(site__hostname="localhost").order_by("pk").first()
    letter = Letter.objects.filter(site__hostname="localhost").order_by("pk").first()
    article = demo["in_review"]
    column = article.get_parent()
    return [
        (
            "portal_editor",
            [
                "/admin/",
                f"/admin/pages/{column.pk}/",
                f"/admin/pages/{article.pk}/edit/",
                f"/admin/pages/{column.pk}/add_subpage/",
                "/admin/pages/search/?q=健身",
                "/admin/images/",
                "/admin/documents/",
                "/admin/account/",
            ],
            None,
            "editor",
        ),
        ("portal_chushen", ["/admin/", f"/admin/pages/{article.pk}/edit/"], "awaiting_my_review", "reviewer"),
        ("portal_shenhe", ["/admin/"], "awaiting_my_review", None),
        ("portal_shenfa", ["/admin/"], "awaiting_my_review", None),
        (
            "sport_admin",
            [
                "/admin/",
                "/admin/snippets/home/department/",
                "/admin/monitoring/findings/",
                "/admin/monitoring/statistics/",
                "/admin/monitoring/reports/",
            ],
            "columns_going_stale",
            "site-admin",
        ),
        (
            "portal_xxgk",
            ["/admin/", "/admin/disclosure/requests/", f"/admin/disclosure/requests/{request.pk}/"],
            "disclosure_due",
            "disclosure",
        ),
        (
            "portal_hdjl",
            [
                "/admin/",
                "/admin/interaction/letters/",
                f"/admin/interaction/letters/{letter.pk}/",
                "/admin/interaction/moderation/comment/",
                "/admin/interaction/moderation/opinion/",
                "/admin/interaction/statistics/",
            ],
            "letters_due",
            "interaction",
        ),
    ]


def test_each_role_works_in_chinese_from_its_start_page(demo, guarded, foreign_requests):
    base, untranslated = demo["base"], {}
    SCREENSHOTS.mkdir(exist_ok=True)
    for username, screens, panel_id, shot in role_screens(demo):
        page = guarded().new_page()
        log_in(page, base, username)
        for screen in screens:
            response = page.goto(base + screen)
            assert response.ok, f"{username} {screen}: {response.status}"
            settle(page)
            for word in english_in(page):
                untranslated.setdefault(word, set()).add(f"{username} {screen}")

        page.goto(base + "/admin/")
        if shot:
            page.screenshot(path=str(SCREENSHOTS / f"start-{shot}.png"))
        if panel_id:
            panel = page.locator(f"#{panel_id}-section, #{panel_id}").first
            expect(panel).to_be_visible()
            first = panel.locator("tbody a").first
            expect(first).to_be_visible()  # the demo holds work for every role
            first.click()
            expect(page).not_to_have_url(base + "/admin/")
            expect(page.locator("main h1, main h2").first).to_be_visible()
        page.context.close()

    assert_nothing_from_other_hosts(foreign_requests)
    assert not untranslated, "interface text left in English:\n" + "\n".join(
        f"{word}: {', '.join(sorted(where))}" for word, where in sorted(untranslated.items())
    )
