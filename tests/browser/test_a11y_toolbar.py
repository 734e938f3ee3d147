"""The 无障碍 toolbar and 长者模式 in chromium: axe-core finds nothing serious on any public page type
in the standard, high-contrast, dark and elder modes; elder mode's sizes and spacing are measured;
the toolbar is driven by keyboard alone, announces and remembers each change, and resets in one step."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import format_violations
from tests.browser.test_accessibility import public_pages  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MODES = {
    "high contrast": {"settings": {"contrast": True}, "classes": ["a11y-contrast"]},
    "dark": {"settings": {"dark": True}, "classes": ["a11y-dark"]},
    "elder": {"cookie": "elder", "classes": ["mode-elder"]},
    "elder, larger text, wider spacing": {
        "cookie": "elder",
        "settings": {"text": 2, "spacing": True},
        "classes": ["mode-elder", "a11y-spacing"],
    },
}
# Speech synthesis replaced by a recorder: headless chromium has no voices to listen to.
RECORD_SPEECH = """
window.spoken = [];
Object.defineProperty(window, "speechSynthesis", {value: {
  speaking: false,
  speak(utterance) { window.spoken.push(utterance.text); },
  cancel() {},
}});
"""


def use_mode(page, base_url, mode):
    page.context.clear_cookies()
    if mode.get("cookie"):
        page.context.add_cookies([{"name": "portal_mode", "value": mode["cookie"], "url": base_url}])
    page.goto(base_url + "/")
    page.evaluate("settings => localStorage.setItem('portal-a11y', JSON.stringify(settings))", mode.get("settings", {}))


def test_public_pages_pass_axe_in_every_display_mode(live_server, public_pages, axe):  # noqa: F811
    failures = []
    for name, mode in MODES.items():
        use_mode(axe.page, live_server.url, mode)
        for page_name, path in public_pages.items():
            serious = axe(live_server.url + path)
            classes = axe.page.evaluate("document.documentElement.className").split()
            assert set(mode["classes"]) <= set(classes), f"{page_name} not shown in {name} mode"
            if serious:
                failures.append(f"{page_name} ({path}) in {name} mode:\n{format_violations(serious)}")
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)


def computed(page, selector, prop):
    return page.eval_on_selector(selector, f"(el) => getComputedStyle(el).{prop}")


def px(value):
    return float(value.removesuffix("px"))


def test_elder_mode_text_spacing_targets_and_motion(live_server, public_pages, page, new_context):  # noqa: F811
    url = live_server.url + public_pages["article"]
    page.goto(url)
    assert px(computed(page, ".article__meta", "fontSize")) < 18  # the standard page is denser

    page.context.add_cookies([{"name": "portal_mode", "value": "elder", "url": live_server.url}])
    response = page.goto(url)
    assert 'class="mode-elder"' in response.text()  # served so, not switched after loading
    texts = page.locator("main :is(p, li, a, span, time, button, label), footer :is(p, a, span)")
    sizes = texts.evaluate_all(
        "els => els.filter(el => el.offsetParent && el.innerText.trim())"
        ".map(el => [el.outerHTML.slice(0, 60), parseFloat(getComputedStyle(el).fontSize),"
        " parseFloat(getComputedStyle(el).lineHeight) / parseFloat(getComputedStyle(el).fontSize)])"
    )
    assert len(sizes) > 10
    assert [s for s in sizes if s[1] < 18] == [], "text under 18px in elder mode"
    assert [s for s in sizes if s[2] < 1.3] == [], "line spacing under 1.3 in elder mode"
    targets = page.locator(
        ".main-nav__list a, .site-header button:visible, .a11y-entry a:visible, .article__tools button"
    )
    heights = targets.evaluate_all("els => els.map(el => el.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights
    assert computed(page, "a", "textDecorationLine") == "underline"
    assert page.evaluate("document.getAnimations().length") == 0

    # Links meant for a new window open in the same one.
    share = page.locator(".share a[target=_blank]")
    if share.count():
        assert not share.first.is_visible()  # sharing is left out of the simpler page

    # The list pages and the form pages keep the same sizes.
    page.goto(live_server.url + public_pages["letter form"])
    label_size = page.locator("main label").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert label_size >= 18


def test_toolbar_by_keyboard_announced_remembered_and_reset(live_server, public_pages, page):  # noqa: F811
    page.add_init_script(RECORD_SPEECH)
    # What <html> looked like when the document was parsed: remembered settings are there already.
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " window.classesAtParse = document.documentElement.className;"
        " window.textAtParse = document.documentElement.dataset.a11yText; });"
    )
    url = live_server.url + public_pages["article"]
    page.goto(url)
    opener = page.get_by_role("button", name="无障碍")
    toolbar = page.get_by_role("region", name="无障碍工具条")
    # The toolbar's own live region (the search box has another, for its suggestions).
    status = page.locator("#a11y-status[role=status]")
    expect(toolbar).to_be_hidden()

    for _ in range(10):  # from the top of the page, by Tab alone
        page.keyboard.press("Tab")
        if opener.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the 无障碍 button is not reachable by Tab")
    page.keyboard.press("Enter")
    expect(toolbar).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("button", name="缩小文字")).to_be_focused()

    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="放大文字")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(status).to_have_text("文字大小 125%")
    assert computed(page, "html", "fontSize") == "20px"

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="放大页面")).to_be_focused()
    page.keyboard.press("Enter")
    expect(status).to_have_text("页面缩放 110%")
    assert computed(page, "main", "zoom") == "1.1"

    contrast = page.get_by_role("button", name="高对比度")
    page.keyboard.press("Tab")
    expect(contrast).to_be_focused()
    page.keyboard.press("Space")
    expect(contrast).to_have_attribute("aria-pressed", "true")
    expect(status).to_have_text("高对比度已开启")
    assert computed(page, ".site-header", "backgroundColor") == "rgb(255, 255, 255)"

    dark = page.get_by_role("button", name="深色")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(dark).to_have_attribute("aria-pressed", "true")
    expect(contrast).to_have_attribute("aria-pressed", "false")  # one colour scheme at a time
    assert computed(page, "main", "backgroundColor") == "rgb(0, 0, 0)"

    for name in ("加大行距", "大鼠标", "辅助线"):
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name=name)).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_role("button", name=name)).to_have_attribute("aria-pressed", "true")
        expect(status).to_have_text(f"{name}已开启")
    assert px(computed(page, ".article__body p", "lineHeight")) / px(computed(page, ".article__body p", "fontSize")) > 2
    assert "cursor-large" in computed(page, "main", "cursor")
    page.mouse.move(300, 420)
    expect(page.locator(".a11y-guide-line")).to_be_visible()
    assert computed(page, ".a11y-guide-line", "top") == "420px"

    # Read aloud: the text under the pointer (or keyboard focus), then the whole article.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="指读")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("heading", level=1).hover()
    assert page.evaluate("window.spoken.at(-1)") == "关于做好政务公开工作的通知"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    spoken = " ".join(page.evaluate("window.spoken"))
    assert "发布日期" in spoken and "关于做好政务公开工作的通知" in spoken

    # Remembered across pages, and applied while the page is parsed (no flash).
    page.goto(live_server.url + public_pages["column"])
    classes = page.evaluate("window.classesAtParse")
    for name in ("a11y-dark", "a11y-spacing", "a11y-cursor", "a11y-guide"):
        assert name in classes
    assert page.evaluate("window.textAtParse") == "2"
    expect(toolbar).to_be_visible()  # an open toolbar stays open

    # Reset, then close with Escape: focus returns to the 无障碍 button.
    page.get_by_role("button", name="重置").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("已恢复默认显示")
    assert page.evaluate("document.documentElement.className") == ""
    assert computed(page, "html", "fontSize") == "16px"
    page.keyboard.press("Escape")
    expect(toolbar).to_be_hidden()
    expect(opener).to_be_focused()


def test_elder_mode_entered_and_left_from_the_header(live_server, public_pages, page, screenshot):  # noqa: F811
    url = live_server.url + public_pages["article"]
    page.goto(url)
    screenshot("a11y-article-standard")
    enter = page.get_by_role("link", name="长者模式")
    enter.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#a11y-status[role=status]")).to_have_text("已进入长者模式")
    assert "mode-elder" in page.evaluate("document.documentElement.className")
    leave = page.get_by_role("link", name="退出长者模式")
    expect(leave).to_be_focused()
    response = page.reload()
    assert 'class="mode-elder"' in response.text()  # the cookie the server reads
    screenshot("a11y-article-elder")

    leave.click()
    expect(page.get_by_role("link", name="长者模式")).to_be_visible()
    assert "mode-elder" not in page.reload().text()

    page.get_by_role("button", name="无障碍").click()
    page.get_by_role("button", name="高对比度").click()
    screenshot("a11y-article-high-contrast")


def test_elder_mode_without_javascript(live_server, public_pages, new_context):  # noqa: F811
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + public_pages["column"])
    expect(page.get_by_role("button", name="无障碍")).to_be_hidden()  # needs scripts, so not offered
    page.get_by_role("link", name="长者模式").click()
    assert "mode-elder" in page.locator("html").get_attribute("class")
    assert page.url == live_server.url + public_pages["column"]
    page.get_by_role("link", name="退出长者模式").click()
    assert not page.locator("html").get_attribute("class")
