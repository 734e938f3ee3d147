"""Every public page type and form, checked in chromium with axe-core (no serious or critical
violation) and against the Content-Security-Policy (no violation reported on the console)."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from disclosure.models import AnnualReportPage, DisclosureRequestPage
from interaction.models import ArticleComments, SurveyPage
from tests.browser.conftest import format_violations, new_portal
from tests.conftest import add_article, column_at, publish
from tests.test_interaction_helpers import add_consultation, add_interview, add_mailbox, add_page, add_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_pages(transactional_db, settings, tmp_path):
    """name -> path of one page of each kind a citizen meets."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()
    site = new_portal()
    news = column_at(site, "tzgg")
    article = add_article(news, "关于做好政务公开工作的通知", days_ago=1, source="测试市人民政府办公室")
    commented = add_article(news, "关于征集全民健身意见的通知", days_ago=2, summary="欢迎留言。")
    ArticleComments.objects.create(page=commented, enabled=True)
    home = site.root_page.specific
    home.body = [("latest_items", {"column": news, "title": "", "count": 5})]
    publish(home)
    request_form = add_page(
        site.root_page, DisclosureRequestPage(title="依申请公开", slug="ysqgk", office="测试市人民政府办公室")
    )
    report = add_page(
        column_at(site, "zfxxgk/gknb"),
        AnnualReportPage(title="测试市人民政府2026年政府信息公开工作年度报告", year=2026, body=[]),
    )
    survey = add_survey(site)
    closed = add_survey(site, slug="closed", opens_days_ago=20, closes_in_days=-10, results_published=True)
    add_survey_answers(closed)
    return {
        "home": "/",
        "column": news.url,
        "article": article.url,
        "article with comment form": commented.url,
        "search results": "/search/?q=政务公开",
        "search without results": "/search/?q=不存在的词语",
        "disclosure request form": request_form.url,
        "disclosure annual report": report.url,
        "letter form": add_mailbox(site).url,
        "survey": survey.url,
        "survey results": closed.url,
        "consultation": add_consultation(site).url,
        "interview": add_interview(site).url,
    }


def add_survey_answers(survey):
    survey = SurveyPage.objects.get(pk=survey.pk)
    question = survey.get_form_fields()[0].clean_name
    for choice in ("满意", "满意", "一般"):
        survey.get_submission_class().objects.create(page=survey, form_data={question: choice})


def test_public_pages_pass_axe_and_the_content_security_policy(
    live_server, public_pages, page, axe, csp_violations, screenshot
):
    failures = []
    for name, path in public_pages.items():
        url = live_server.url + path
        response = page.goto(url)
        assert response.status == 200, f"{name} ({path}) answered {response.status}"
        assert "script-src 'self'" in response.headers.get("content-security-policy", ""), name
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        serious = axe(url)
        if serious:
            failures.append(f"{name} ({path}):\n{format_violations(serious)}")
    screenshot("a11y-survey-results", axe.page)
    # The annual report's wide request table fits the content column of a desktop screen.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + public_pages["disclosure annual report"])
    clipped = page.eval_on_selector_all(
        ".report-table-wrap", "wraps => wraps.filter(w => w.scrollWidth > w.clientWidth + 1).length"
    )
    assert clipped == 0, f"{clipped} report tables are wider than the page and scroll inside their box"
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)
    assert not csp_violations, "\n".join(csp_violations)
