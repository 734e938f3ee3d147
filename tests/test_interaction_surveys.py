"""Surveys: answering while open, once per person, results published only after closing,
free text never published, answers exported."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone

from interaction.models import SurveyPage
from interaction.models.surveys import SurveyPageForm
from tests.test_interaction_helpers import add_survey, fresh_cache_and_private_media, get, post_form  # noqa: F401

pytestmark = pytest.mark.django_db
FREE_TEXT = "希望增加夜间照明的私人意见"


def answer(client, survey, choice="满意", places=("公园",), text=FREE_TEXT, **extra):
    data = {"您对健身设施是否满意": choice, "您常去的场所": list(places), "其他意见": text}
    fields = {f.label: f.clean_name for f in survey.get_form_fields()}
    return post_form(client, survey.url, {fields[k]: v for k, v in data.items()}, **extra)


def test_an_answer_is_stored_and_a_second_from_the_same_person_refused(client, portal):
    survey = add_survey(portal)
    response = answer(client, survey)
    assert response.status_code == 200 and "感谢您参与本次调查" in response.content.decode()
    submission = survey.get_submissions().get()
    assert sorted(submission.form_data) == sorted(f.clean_name for f in survey.get_form_fields())
    assert FREE_TEXT in submission.form_data.values()

    again = get(client, survey.url).content.decode()
    assert "您已参与过本次调查" in again and "提交答卷" not in again
    refused = client.post(survey.url, {"x": "y"}, HTTP_HOST="portal.test")
    assert refused.status_code == 403 and survey.get_submissions().count() == 1


def test_clearing_cookies_is_caught_by_the_per_ip_limit(portal):
    survey = add_survey(portal)
    for _ in range(3):
        assert "感谢您参与" in answer(Client(), survey).content.decode()
    refused = Client().get(survey.url, HTTP_HOST="portal.test")
    assert refused.status_code == 200
    limited = answer(Client(), survey)
    assert limited.status_code == 429 and "多次参与本次调查" in limited.content.decode()
    assert survey.get_submissions().count() == 3


def test_the_per_ip_limit_lasts_as_long_as_the_survey_not_a_day(portal, monkeypatch):
    import django_ratelimit.core

    survey = add_survey(portal)
    for _ in range(3):
        answer(Client(), survey)
    now = django_ratelimit.core.time.time()
    # Two days on, unless the limit's fixed window (a year, placed by the address) ends sooner.
    usage = django_ratelimit.core.get_usage(
        RequestFactory().post("/", REMOTE_ADDR="127.0.0.1"),
        group=f"survey:{survey.pk}",
        key="ip",
        rate=f"3/{366 * 24 * 3600}s",
    )
    later = now + min(2 * 24 * 3600, usage["time_left"] - 60)
    monkeypatch.setattr(django_ratelimit.core.time, "time", lambda: later)
    assert answer(Client(), survey).status_code == 429
    assert survey.get_submissions().count() == 3


def test_a_closed_survey_refuses_answers(client, portal):
    survey = add_survey(portal, opens_days_ago=10, closes_in_days=-1)
    page = get(client, survey.url).content.decode()
    assert "本次调查已结束" in page and "提交答卷" not in page
    refused = client.post(survey.url, {"captcha": "1"}, HTTP_HOST="portal.test")
    assert refused.status_code == 403 and "不再接受答卷" in refused.content.decode()
    assert survey.get_submissions().count() == 0


def test_an_upcoming_survey_refuses_answers(client, portal):
    survey = add_survey(portal, opens_days_ago=-2, closes_in_days=5)
    assert "尚未开始" in get(client, survey.url).content.decode()
    assert client.post(survey.url, {}, HTTP_HOST="portal.test").status_code == 403


def test_results_only_after_closing_and_publication_without_free_text(client, portal):
    survey = add_survey(portal)
    for choice, places in (("满意", ("公园", "体育馆")), ("满意", ("公园",)), ("不满意", ())):
        answer(Client(REMOTE_ADDR=f"10.0.0.{len(places)}"), survey, choice, places)
    SurveyPage.objects.filter(pk=survey.pk).update(results_published=True)
    assert "调查结果" not in get(client, survey.url).content.decode()  # still open: never live

    SurveyPage.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    text = get(client, survey.url).content.decode()
    assert "调查结果" in text and "共3份答卷" in text
    assert '<th scope="row">满意</th>\n          <td>2</td>' in text and "67%" in text
    assert '<th scope="row">公园</th>\n          <td>2</td>' in text
    assert FREE_TEXT not in text


def test_editors_cannot_publish_results_while_open(portal):
    survey = add_survey(portal)
    assert issubclass(SurveyPage.get_edit_handler().get_form_class(), SurveyPageForm)
    survey.results_published = True
    with pytest.raises(ValidationError, match="调查截止后才能公布结果"):
        survey.full_clean()
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.full_clean()


def test_answers_export_for_staff(client, portal):
    survey = add_survey(portal)
    answer(Client(), survey)
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    response = client.get(f"/admin/forms/submissions/{survey.pk}/", {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode()
    assert "您对健身设施是否满意" in text and "满意" in text and FREE_TEXT in text
