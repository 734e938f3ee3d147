"""The demo as `make run` serves it, on a port that is neither 80 nor 8000 (issue 19): a citizen
submits a disclosure request and a letter and lands on the query code, a group search opens a
result on another site of the group, and a column feed's links resolve.

The demo is built and served as `make run` does (migrate, seed_demo, runserver with HOST and PORT
in the environment), in a temporary SQLite file so that the developer's db.sqlite3 is never touched."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import feedparser
import pytest
from playwright.sync_api import expect

from tests.browser.test_interaction_browser import answer_captcha

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent
QUERY_CODE = re.compile(r"^[A-Z0-9]{10}$")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args, timeout=600):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def wait_until_served(port, server, log):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"runserver stopped:\n{log.read_text()[-4000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"runserver did not answer on port {port}:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="module")
def demo(browser, tmp_path_factory):
    """The origin of the demo's portal, e.g. http://localhost:41234 (browser first: without
    chromium the demo is not built for nothing)."""
    work = tmp_path_factory.mktemp("demo")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "PAGE_CACHE_DIR": str(work / "cache"),
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    for embedded in ("REDIS_URL", "ELASTICSEARCH_URL", "MONITORING_ORIGIN"):
        env.pop(embedded, None)  # `make run` uses the embedded defaults
    manage(env, "migrate", "--noinput")
    seeded = manage(env, "seed_demo")
    assert f"http://sport.localhost:{port}/" in seeded
    log = work / "runserver.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_served(port, server, log)
            yield f"http://localhost:{port}"
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_disclosure_request_and_letter_lead_to_their_query_codes(demo, page):
    page.goto(demo + "/zfxxgk/ysqgk/")
    page.get_by_label("自然人", exact=True).check()
    page.get_by_label("申请人姓名或名称").fill("赵六")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13700000000")
    page.get_by_label("电子邮箱").fill("zhaoliu@example.com")
    page.get_by_label("通信地址").fill("云州市解放路3号")
    page.get_by_label("所需政府信息的名称或内容描述").fill("2025年本市公共体育场馆免费开放名单。")
    page.get_by_label("电子文本").check()
    page.get_by_label("电子邮件", exact=True).check()
    page.get_by_label("本人承诺所填信息真实有效").check()
    answer_captcha(page)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    assert page.url == demo + "/zfxxgk/ysqgk/thanks/"
    expect(page.locator(".disclosure-receipt__code")).to_have_text(QUERY_CODE)

    page.goto(demo + "/hdjl/ldxx/xx/")
    page.get_by_label("姓名", exact=True).fill("赵六")
    page.get_by_label("联系电话", exact=True).fill("13700000000")
    page.get_by_label("建议", exact=True).check()
    page.get_by_label("标题", exact=True).fill("建议体育公园增设夜间照明")
    page.get_by_label("来信内容", exact=True).fill("城东体育公园晚上没有照明，建议增设路灯。")
    answer_captcha(page)
    page.get_by_role("button", name="提交来信").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("来信已提交")
    assert page.url == demo + "/hdjl/ldxx/xx/thanks/"
    expect(page.locator(".letter-receipt__code")).to_have_text(QUERY_CODE)


def test_group_search_opens_a_result_on_another_site(demo, page):
    page.goto(demo + "/")
    page.locator("#site-search").fill("全民健身")  # the header's box (a combobox, with suggestions)
    page.keyboard.press("Enter")
    page.get_by_role("navigation", name="搜索范围").get_by_role("link", name="全部网站（一网通查）").click()
    sport = demo.replace("//localhost", "//sport.localhost")
    result = page.locator(f".search-page a[href^='{sport}/']").first
    title = result.inner_text()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert page.url.startswith(sport + "/")


def test_a_column_feed_links_to_pages_that_resolve(demo, page):
    page.goto(demo + "/xwdt/zwyw/")
    feed_url = page.locator("a.feed-link").get_attribute("href")
    feed = feedparser.parse(page.request.get(urllib.parse.urljoin(page.url, feed_url)).body())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.link == demo + "/xwdt/zwyw/"
    links = [feed.feed.link, *(entry.link for entry in feed.entries)]
    assert len(links) > 5
    for link in links:
        assert link.startswith(demo + "/"), link
        assert page.request.get(link).status == 200, link
    page.goto(feed.entries[0].link)
    expect(page.get_by_role("heading", level=1)).to_have_text(feed.entries[0].title)
