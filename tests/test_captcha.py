"""The captcha of every public form (casework.captcha): one answer, one submission; a wrong answer
spends the challenge; the image is served once or twice and never cached; the text question beside it
is answered as well as the image; nonsense gets a message, never a 500.

How tests solve it: the page carries only the token; `answer(token)` derives the code from it
with the SECRET_KEY, as the server does, and `solve_captcha(html)` / `captcha()` give the post data.
Browser tests do the same with the token of the page they show."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from casework import captcha as captcha_module
from casework.captcha import Challenge, check

TOKEN_RE = re.compile(r'name="captcha_token" value="([^"]+)"')
QUESTION_RE = re.compile(r'class="captcha__question">“(.+?)”中，哪一个是(.+?)？<')


def answer(token):
    """The digits drawn in the token's image, derived as the server derives them."""
    return Challenge(token).code


def captcha():
    """Post data of a fresh challenge answered (no page load needed)."""
    token = Challenge().token
    return {"captcha": answer(token), "captcha_token": token}


def solve_captcha(html):
    """Post data answering the captcha of a page as a person reading the image would."""
    token = TOKEN_RE.search(html).group(1)
    return {"captcha": answer(token), "captcha_token": token}


def answer_question(html):
    """What a person answers to the text question shown on a page (no image needed)."""
    words, kind = QUESTION_RE.search(html).groups()
    return next(word for word in words.split("、") if word in captcha_module.KINDS[kind])


# ---- the challenge itself ----


def test_one_answer_is_good_for_one_submission(db):
    data = captcha()
    assert check(data["captcha_token"], data["captcha"]) is None
    assert check(data["captcha_token"], data["captcha"]) == captcha_module.MISSING


def test_a_wrong_answer_spends_the_challenge(db):
    data = captcha()
    assert check(data["captcha_token"], "0000") == captcha_module.WRONG  # 0 is never drawn
    assert check(data["captcha_token"], data["captcha"]) == captcha_module.MISSING


def test_full_width_digits_and_spaces_are_accepted(db):
    data = captcha()
    full_width = " ".join(chr(ord(digit) + 0xFEE0) for digit in data["captcha"])
    assert check(data["captcha_token"], full_width) is None


@pytest.mark.parametrize("token", ["", "nonsense", "x" * 10_000, None, ["a"], "\x1d", "a b", "../x"])
def test_an_unknown_token_is_refused_with_a_message(db, token):
    assert check(token, "1234") == captcha_module.MISSING


def test_questions_have_one_answer_among_their_words():
    import random

    rng = random.Random(7)
    for _ in range(200):
        question, answer_word = captcha_module._question(rng)
        words, kind = re.match(r"“(.+?)”中，哪一个是(.+?)？", question).groups()
        words = words.split("、")
        assert len(words) == 3 and answer_word in words
        assert [word for word in words if word in captcha_module.KINDS[kind]] == [answer_word]


# ---- over HTTP: the image endpoint ----


def test_the_image_is_a_png_of_the_code_always_the_same_drawing_and_never_stored(client, db):
    token = Challenge().token
    drawings = set()
    for _ in range(3):
        response = client.get(f"/captcha/{token}.png")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert "no-store" in response["Cache-Control"]
        image = Image.open(__import__("io").BytesIO(response.content))
        assert image.size == (168, 56)
        drawings.add(response.content)
    # Reloading gives the same drawing, so a script gets nothing to average; another token draws anew.
    assert len(drawings) == 1
    assert client.get(f"/captcha/{Challenge().token}.png").content not in drawings
    # The page never names the answer, and the image does not carry it as text.
    assert answer(token).encode() not in response.content


def test_showing_challenges_and_their_images_writes_nothing(client, db):
    """A visitor loading challenges cannot fill the `limits` table and push rate-limit counts out."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        tokens = [Challenge().token for _ in range(50)]
        assert all(client.get(f"/captcha/{token}.png").status_code == 200 for token in tokens[:5])
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


@pytest.mark.parametrize("tamper", ["nonce", "signature"])
def test_a_forged_token_is_refused(db, tamper):
    token = Challenge().token
    nonce, stamp, signature = token.split(".")
    forged = f"x{nonce[1:]}.{stamp}.{signature}" if tamper == "nonce" else f"{nonce}.{stamp}.{signature[:-2]}AA"
    assert check(forged, Challenge(forged).code) == captcha_module.MISSING


def test_a_challenge_expires_after_half_an_hour(db, monkeypatch):
    import time

    data = captcha()
    later = time.time() + captcha_module.MAX_AGE + 1
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert check(data["captcha_token"], data["captcha"]) == captcha_module.MISSING


def test_the_image_of_a_spent_or_unknown_challenge_is_gone(client, db):
    data = captcha()
    check(data["captcha_token"], data["captcha"])
    assert client.get(f"/captcha/{data['captcha_token']}.png").status_code == 404
    assert client.get("/captcha/nonsense.png").status_code == 404
    assert client.get("/captcha/" + "x" * 5000 + ".png").status_code == 404


# ---- on the public forms ----


@pytest.fixture
def mailbox(portal):
    from tests.test_interaction_helpers import add_mailbox

    return add_mailbox(portal)


@pytest.fixture
def request_page(portal):
    from tests.test_disclosure_factories import add_request_page

    return add_request_page(portal)


def letter():
    return {
        "name": "王五",
        "phone": "13700000000",
        "category": "suggest",
        "subject": "建议延长体育馆开放时间",
        "content": "周末体育馆下午五点关门，建议延长到晚上九点。",
    }


def disclosure_request():
    from tests.test_disclosure_factories import VALID_ID

    return {
        "applicant_type": "person",
        "name": "李四",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13900000000",
        "address": "测试市和平路2号",
        "description": "请提供2025年全民健身补助资金分配情况。",
        "provision_form": "electronic",
        "delivery": "post",
        "pledge": "on",
    }


def test_the_letter_form_takes_the_text_question_instead_of_the_image(client, mailbox, settings, tmp_path):
    from interaction.models import Letter

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    html = client.get(mailbox.url, HTTP_HOST="portal.test").content.decode()
    # Seen by a screen reader: the image says where the alternative is, the field names it.
    assert 'alt="图形验证码，4位数字。无法查看图片时，请回答下方的文字问题。"' in html
    assert re.search(r'aria-describedby="id_captcha-help"', html) and 'id="id_captcha-help"' in html
    token = TOKEN_RE.search(html).group(1)
    data = {**letter(), "captcha_token": token, "captcha": answer_question(html)}
    response = client.post(mailbox.url, data, HTTP_HOST="portal.test")
    assert response.status_code == 302
    assert Letter.objects.filter(subject="建议延长体育馆开放时间").count() == 1
    # The same answer again is refused and the letter is not stored twice.
    again = client.post(mailbox.url, data, HTTP_HOST="portal.test")
    assert again.status_code == 200 and "验证码已失效" in again.content.decode()
    assert Letter.objects.filter(subject="建议延长体育馆开放时间").count() == 1


def test_the_request_form_has_the_captcha_and_keeps_input_on_a_wrong_answer(client, request_page, settings, tmp_path):
    from disclosure.models import DisclosureRequest

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    html = client.get(request_page.url, HTTP_HOST="portal.test").content.decode()
    assert 'name="captcha_token"' in html and "/captcha/" in html
    token = TOKEN_RE.search(html).group(1)
    right = answer(token)
    data = {**disclosure_request(), "captcha_token": token, "captcha": "9999x"}
    refused = client.post(request_page.url, data, HTTP_HOST="portal.test")
    text = refused.content.decode()
    assert refused.status_code == 200 and captcha_module.WRONG in text
    assert "请提供2025年全民健身补助资金分配情况。" in text  # nothing typed is lost
    assert not DisclosureRequest.objects.exists()
    # The right answer to the spent challenge does not help; the new one on the page does.
    data["captcha"] = right
    assert client.post(request_page.url, data, HTTP_HOST="portal.test").status_code == 200
    fresh = {**data, **solve_captcha(text)}
    assert client.post(request_page.url, fresh, HTTP_HOST="portal.test").status_code == 302
    assert DisclosureRequest.objects.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"captcha": "x" * 10_000},
        {"captcha": "=1+1", "captcha_token": "../../etc"},
        {"captcha_token": "x" * 10_000},
        {"captcha": ""},
    ],
)
def test_bad_captcha_input_gets_a_chinese_message_not_an_error(client, request_page, bad, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    data = {**disclosure_request(), **captcha(), **bad}
    data["attachment"] = SimpleUploadedFile("a.txt", b"x")  # refused too: the messages come together
    response = client.post(request_page.url, data, HTTP_HOST="portal.test")
    text = response.content.decode()
    assert response.status_code == 200
    assert "验证码" in re.search(r'class="form-field__error"[^>]*>([^<]*验证码[^<]*)<', text).group(1)


def test_every_public_form_carries_the_image_and_the_text_question(client, portal, mailbox, request_page):
    from interaction.models.comments import ArticleComments
    from tests.conftest import add_article, column_at
    from tests.test_interaction_helpers import add_consultation, add_interview, add_survey

    article = add_article(column_at(portal, "xwdt/zwyw"), "全民健身中心开工")
    ArticleComments.objects.create(page=article, enabled=True)
    forms = {
        "request": request_page.url,
        "letter": mailbox.url,
        "opinion": add_consultation(portal).url,
        "question": add_interview(portal).url,
        "survey": add_survey(portal).url,
        "comment": article.url,
    }
    tokens = set()
    for name, url in forms.items():
        html = client.get(url, HTTP_HOST="portal.test").content.decode()
        token = TOKEN_RE.search(html)
        assert token, name
        assert f"/captcha/{token.group(1)}.png" in html and answer_question(html), name
        tokens.add(token.group(1))
        again = TOKEN_RE.search(client.get(url, HTTP_HOST="portal.test").content.decode()).group(1)
        assert again != token.group(1), f"{name}: a second visitor got the same challenge (a cached page)"
    assert len(tokens) == len(forms)
