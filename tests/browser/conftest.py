"""Playwright driving Debian's chromium (never a downloaded browser) against a live test server.

Every page opened through the `page` fixture (or a context from `new_context`) is watched for
Content-Security-Policy violations, which chromium reports on the console: a test that triggers
one fails. `axe` runs axe-core (installed by `npm ci`) on a page and returns its serious and
critical violations."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CSP_MARK = "Content Security Policy"
# A shared CI machine runs the live server slowly: wait up to 15 s for a condition, as for actions.
expect.set_options(timeout=15_000)


def new_portal():
    """A site group of one portal at localhost (the live server's address), on the empty tree a
    transactional test starts from."""
    from wagtail.models import Page, Site

    from home.subsites import create_subsite
    from tests.conftest import restore_wagtail_base

    restore_wagtail_base()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    return create_subsite("localhost", "测试市人民政府", "portal", is_default=True)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}: .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def csp_violations():
    """What chromium said about Content-Security-Policy on the watched pages: "url: message"."""
    return []


def watch_csp(context, violations):
    def on_console(message):
        if CSP_MARK in message.text:
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def on_error(error):
        if CSP_MARK in str(error.error):
            violations.append(f"{error.page.url if error.page else '?'}: {error.error}")

    context.on("console", on_console)
    context.on("weberror", on_error)
    return context


@pytest.fixture
def new_context(browser, csp_violations):
    """Open another browser context (another citizen, another staff member), watched for CSP
    violations like `page`'s."""
    contexts = []

    def open_context(**options):
        options = {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}, **options}
        context = watch_csp(browser.new_context(**options), csp_violations)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def page(request, new_context, csp_violations):
    page = new_context().new_page()
    yield page
    failed = getattr(request.node, "call_failed", False)
    if failed and not page.is_closed():  # what the browser showed when the test failed
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"failed-{request.node.name}.png"), full_page=True)
    # A test that failed already says so (possibly about these very violations).
    if csp_violations and not failed:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(csp_violations), pytrace=False)


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name, target=None):
        path = ARTIFACTS / f"{name}.png"
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(
                f"    {', '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}"
            )
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


@pytest.fixture
def axe(browser):
    """axe(url) -> the serious and critical axe-core violations of the page at url, as dicts.

    The page is opened in a context that bypasses the Content-Security-Policy so that axe-core
    can be injected; `page` is where the policy itself is checked."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core not found at {AXE}: run `npm ci` (make install)")
        pytest.skip("axe-core is not installed (npm ci)")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(15_000)
    axe_page = context.new_page()

    def run(url):
        axe_page.goto(url)
        axe_page.add_script_tag(path=str(AXE))
        results = axe_page.evaluate(
            "() => axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag',"
            " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        )
        return [v for v in results["violations"] if v["impact"] in ("serious", "critical")]

    run.page = axe_page
    yield run
    context.close()
