"""A citizen answers an open survey in a real browser, sees the thank-you, and cannot answer it
twice; once closed, the published results are drawn as bars without inline styles."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from wagtail.models import Page, Site

from home.subsites import create_subsite
from interaction.models import SurveyPage
from tests.browser.test_interaction_browser import answer_captcha
from tests.conftest import restore_wagtail_base
from tests.test_interaction_helpers import add_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db):
    cache.clear()  # the per-address survey limit
    restore_wagtail_base()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    return create_subsite("localhost", "测试市人民政府", "portal", is_default=True)


def fill_in(page, opinion):
    page.get_by_role("group", name="您对健身设施是否满意").get_by_label("一般").check()
    page.get_by_role("group", name="您常去的场所").get_by_label("公园").check()
    page.get_by_role("group", name="您常去的场所").get_by_label("社区广场").check()
    page.get_by_label("其他意见").fill(opinion)
    answer_captcha(page)


def test_answer_a_survey_once(site, live_server, page, screenshot):
    survey = add_survey(site)
    url = live_server.url + survey.url
    page.goto(url)
    # The same survey kept open in a second tab, to answer it again later.
    other_tab = page.context.new_page()
    other_tab.goto(url)

    expect(page.get_by_role("heading", level=1)).to_have_text("全民健身设施满意度调查")
    fill_in(page, "希望增加夜间照明。")
    screenshot("survey-form")
    page.get_by_role("button", name="提交答卷").click()
    expect(page.locator(".interaction-message")).to_contain_text("感谢您参与本次调查")
    screenshot("survey-thanks")
    submissions = SurveyPage.objects.get(pk=survey.pk).get_submission_class().objects
    assert "一般" in submissions.get().form_data.values()

    fill_in(other_tab, "再提交一次。")
    other_tab.get_by_role("button", name="提交答卷").click()
    refusal = "您已参与过本次调查，感谢您的支持！每人只能提交一次。"
    expect(other_tab.locator(".survey-refusal")).to_have_text(refusal)
    screenshot("survey-second-answer-refused", other_tab)
    assert submissions.count() == 1

    # Back to the survey later: the message again, and no form.
    page.goto(url)
    expect(page.locator(".survey-refusal")).to_have_text(refusal)
    expect(page.get_by_role("button", name="提交答卷")).to_have_count(0)


def test_published_results_are_drawn_as_meters(site, live_server, page, screenshot):
    survey = add_survey(site, opens_days_ago=20, closes_in_days=-10, results_published=True)
    survey = SurveyPage.objects.get(pk=survey.pk)
    question = survey.get_form_fields()[0].clean_name
    for choice in ("满意", "满意", "满意", "一般"):
        survey.get_submission_class().objects.create(page=survey, form_data={question: choice})
    page.goto(live_server.url + survey.url)
    chart = page.locator(".survey-chart").first
    expect(chart.locator("figcaption")).to_contain_text("您对健身设施是否满意（共4份答卷）")
    satisfied = chart.get_by_role("row").filter(has_text="满意").first
    expect(satisfied).to_contain_text("75")
    assert satisfied.locator("meter").evaluate("m => m.value") == 75
    width = satisfied.locator("meter").evaluate("m => m.getBoundingClientRect().width")
    assert width > 50
    screenshot("survey-results")
