"""Property-based tests of every public form and of tracking: whatever a visitor (or a bot)
sends — any unicode, control characters, NUL bytes, huge strings, SQL — gets a normal page,
never a server error; a refused form says why in Chinese and keeps what was typed."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure import lifecycle
from interaction.models.comments import ArticleComments
from tests.conftest import add_article, clear_caches, column_at
from tests.test_captcha import captcha
from tests.test_disclosure_factories import add_request_page, handler, make_request
from tests.test_disclosure_public import filled
from tests.test_interaction_helpers import add_consultation, add_interview, add_mailbox, add_survey, make_letter
from tests.test_interaction_letters import letter_data

pytestmark = pytest.mark.django_db
HOST = "portal.test"
PROPERTY = settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Text a person, a bot or an attacker may send. Lone surrogates cannot be encoded by any browser.
ANY_CHAR = st.characters(exclude_categories=("Cs",))
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "名\x00字",
        "\x01\x02\x1b[31m\x7f",
        "\r\n\r\n",
        "\u202e\u200b\ufeff",
        "𠀀𪚥😀",
        "'; DROP TABLE disclosure_disclosurerequest; --",
        '" OR 1=1 --',
        "政务* NEAR(公开 更新) AND -OR ~ ^ :",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "%s %d {0} ${name} {{ x }} {% now %}",
        "9" * 40,
        "-1",
        "2026-02-30",
        "长" * 5000,
        "x" * 60000,
    ]
)
TEXT = st.one_of(st.text(ANY_CHAR, max_size=60), NASTY)

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_DEFAULTS = re.compile(
    r"This field|Ensure this|Enter a valid|Select a valid|Null characters|characters are not allowed|is required"
)
ERROR_RE = re.compile(
    r'class="form-field__error"[^>]*>(.*?)</p>|class="form-errors" role="alert">(.*?)</div>'
    r'|class="[^"]*(?:survey-refusal|disclosure-warning)[^"]*"[^>]*>(.*?)</p>'
    r'|class="disclosure-message" role="status">(.*?)</div>',
    re.S,
)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    clear_caches()


def errors(html):
    return [re.sub(r"<[^>]+>", " ", "".join(m)).strip() for m in ERROR_RE.findall(html)]


def assert_refusal_is_chinese(html):
    found = errors(html)
    assert found, "a refused form shows no message"
    for message in found:
        assert CJK.search(message), message
        assert not ENGLISH_DEFAULTS.search(message), message


def assert_kept(html, data, fields):
    """What was typed in these text fields is shown again (escaped) on the re-shown form."""
    for name in fields:
        value = data.get(name)
        if isinstance(value, str) and value.strip() and len(value) <= 5000:
            assert escape(value) in html, f"{name} lost: {value!r}"


def assert_handled(response, data, kept):
    assert response.status_code < 500
    if response.status_code == 200:
        html = response.content.decode()
        assert_refusal_is_chinese(html)
        assert_kept(html, data, kept)
    return response


def overrides(names):
    return st.dictionaries(st.sampled_from(names), TEXT, max_size=len(names))


# Disclosure request

REQUEST = filled()
REQUEST_FIELDS = [
    *REQUEST,
    "organisation_kind",
    "contact_person",
    "postcode",
    "department",
    "document_number",
    "website",
]
REQUEST_TEXT_FIELDS = ["name", "id_number", "phone", "email", "address", "postcode", "description", "document_number"]


def test_request_form_never_fails_and_keeps_input(client, portal):
    page = add_request_page(portal)

    @PROPERTY
    @given(changes=overrides(REQUEST_FIELDS))
    def check(changes):
        clear_caches()
        data = {**REQUEST, **captcha(), **changes}
        response = client.post(page.url, data, HTTP_HOST=HOST)
        assert_handled(response, data, REQUEST_TEXT_FIELDS)

    check()


def test_request_tracking_supplement_and_withdrawal_never_fail(portal):
    page = add_request_page(portal)
    track = page.url + "track/"
    today = timezone.localdate()
    item = make_request(portal, received_on=today - timedelta(days=1))
    lifecycle.request_supplement(item, handler(portal), 10, "请写明资金年度。", on=today)
    tracked = Client()
    tracked.post(track, {"number": item.number, "code": item.query_code}, HTTP_HOST=HOST)

    @PROPERTY
    @given(number=TEXT, code=TEXT, text=TEXT, reason=TEXT, confirm=st.sampled_from(["", "on", "\x00", "否"]))
    def check(number, code, text, reason, confirm):
        clear_caches()
        lookup = Client().post(track, {"number": number, "code": code}, HTTP_HOST=HOST)
        assert lookup.status_code < 500
        if lookup.status_code == 200:
            assert_refusal_is_chinese(lookup.content.decode())
        supplement = tracked.post(track + "supplement/", {"text": text}, HTTP_HOST=HOST, follow=True)
        assert_handled(supplement, {"text": text} if not supplement.redirect_chain else {}, ["text"])
        withdrawal = tracked.post(
            track + "withdraw/", {"reason": reason, "confirm": confirm}, HTTP_HOST=HOST, follow=True
        )
        assert_handled(withdrawal, {"reason": reason} if not withdrawal.redirect_chain else {}, ["reason"])

    check()


# Letters

LETTER = letter_data()
LETTER_TEXT_FIELDS = ["name", "phone", "email", "subject", "content"]


def test_letter_form_never_fails_and_keeps_input(client, portal):
    mailbox = add_mailbox(portal)

    @PROPERTY
    @given(changes=overrides([*LETTER, "website", "captcha", "captcha_token"]))
    def check(changes):
        clear_caches()
        data = {**LETTER, **captcha(), **changes}
        response = client.post(mailbox.url, data, HTTP_HOST=HOST)
        assert_handled(response, data, LETTER_TEXT_FIELDS)

    check()


def test_letter_tracking_and_replies_list_never_fail(client, portal):
    mailbox = add_mailbox(portal)
    letter = make_letter(portal, mailbox)

    @PROPERTY
    @given(number=st.one_of(TEXT, st.just(letter.number)), code=TEXT, page=TEXT)
    def check(number, code, page):
        clear_caches()
        response = client.post(mailbox.url + "track/", {"number": number, "code": code}, HTTP_HOST=HOST)
        assert response.status_code < 500
        if response.status_code == 200:
            assert_refusal_is_chinese(response.content.decode())
        assert client.get(mailbox.url + "replies/", {"page": page}, HTTP_HOST=HOST).status_code == 200

    check()


# Surveys, opinions, interview questions, comments


def test_survey_answers_never_fail_and_keep_free_text(portal):
    survey = add_survey(portal)
    names = {f.label: f.clean_name for f in survey.get_form_fields()}
    choice, places, free = names["您对健身设施是否满意"], names["您常去的场所"], names["其他意见"]

    @PROPERTY
    @given(
        choice_value=st.one_of(st.sampled_from(["满意", "一般", "不满意"]), TEXT),
        place_values=st.lists(st.one_of(st.sampled_from(["公园", "体育馆"]), TEXT), max_size=3),
        text=TEXT,
        protection=overrides(["captcha", "captcha_token", "website"]),
    )
    def check(choice_value, place_values, text, protection):
        clear_caches()
        data = {choice: choice_value, places: place_values, free: text, **captcha(), **protection}
        response = Client().post(survey.url, data, HTTP_HOST=HOST)
        assert response.status_code < 500
        html = response.content.decode()
        if response.status_code == 200 and "感谢您参与本次调查" not in html:
            assert_refusal_is_chinese(html)
            assert_kept(html, data, [free])

    check()


POST_FIELDS = ["nickname", "content", "clause", "website", "captcha", "captcha_token"]


@pytest.mark.parametrize("kind", ["consultation", "interview", "comment"])
def test_opinions_questions_and_comments_never_fail_and_keep_input(client, portal, kind):
    if kind == "consultation":
        page = add_consultation(portal)
    elif kind == "interview":
        page = add_interview(portal)
    else:
        page = add_article(column_at(portal, "xwdt/zwyw"), "全民健身中心开工")
        ArticleComments.objects.create(page=page, enabled=True)

    @PROPERTY
    @given(changes=overrides(POST_FIELDS))
    def check(changes):
        clear_caches()
        data = {"nickname": "老李", "content": "建议补充老年人健身内容。", **captcha(), **changes}
        response = client.post(page.url, data, HTTP_HOST=HOST)
        assert_handled(response, data, ["nickname", "content", "clause"] if kind == "consultation" else ["content"])

    check()
