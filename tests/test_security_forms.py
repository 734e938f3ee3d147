"""CSRF on every public form, and uploads checked by their content and size: a refused file
gets a Chinese message, nothing is stored and what was typed is still in the form."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from casework.validators import MAX_UPLOAD_BYTES
from disclosure import lifecycle
from disclosure.choices import Status
from disclosure.models import DisclosureRequest
from interaction.models import Comment, InterviewQuestion, Letter, Opinion, SurveyPage
from interaction.models.comments import ArticleComments
from tests.conftest import add_article, column_at
from tests.test_captcha import captcha
from tests.test_disclosure_factories import add_request_page, handler, make_request, private_media  # noqa: F401
from tests.test_interaction_helpers import (  # noqa: F401
    add_consultation,
    add_interview,
    add_mailbox,
    add_survey,
    fresh_cache_and_private_media,
    make_letter,
    post_form,
)
from tests.test_properties_forms import LETTER, REQUEST

pytestmark = pytest.mark.django_db
HOST = "portal.test"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOT_WHAT_THEY_SAY = {
    "html.pdf": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    "program.pdf": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
    "program.docx": b"MZ\x90\x00" + b"\x00" * 64,
    "photo.jpg": PDF,
    "script.png": b"#!/bin/sh\nrm -rf /\n",
    "page.html": b"<html></html>",
    "noextension": PDF,
    "image.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
}


# CSRF


@pytest.fixture
def every_public_form(portal):
    """(url, data) for each public form, its tracking and follow-up actions."""
    request_page = add_request_page(portal)
    mailbox = add_mailbox(portal)
    survey = add_survey(portal)
    article = add_article(column_at(portal, "xwdt/zwyw"), "全民健身中心开工")
    ArticleComments.objects.create(page=article, enabled=True)
    item = make_request(portal)
    letter = make_letter(portal, mailbox)
    post = {"nickname": "老李", "content": "建议补充老年人健身内容。", "captcha": "2", "captcha_token": "x"}
    return [
        (request_page.url, REQUEST),
        (request_page.url + "track/", {"number": item.number, "code": item.query_code}),
        (request_page.url + "track/supplement/", {"text": "补正内容"}),
        (request_page.url + "track/withdraw/", {"reason": "不需要了", "confirm": "on"}),
        (mailbox.url, LETTER),
        (mailbox.url + "track/", {"number": letter.number, "code": letter.query_code}),
        (survey.url, {f.clean_name: "满意" for f in survey.get_form_fields()}),
        (add_consultation(portal).url, post),
        (add_interview(portal).url, post),
        (article.url, post),
    ]


def test_every_public_form_refuses_a_post_without_the_csrf_token(portal, every_public_form):
    def stored():
        return (
            DisclosureRequest.objects.count(),
            DisclosureRequest.objects.filter(status=Status.WITHDRAWN).count(),
            Letter.objects.count(),
            Opinion.objects.count(),
            InterviewQuestion.objects.count(),
            Comment.objects.count(),
            sum(survey.get_submissions().count() for survey in SurveyPage.objects.all()),
        )

    before = stored()
    browser = Client(enforce_csrf_checks=True)
    for url, data in every_public_form:
        page = browser.get(url.replace("supplement/", "").replace("withdraw/", ""), HTTP_HOST=HOST)
        assert 'name="csrfmiddlewaretoken"' in page.content.decode(), url
        response = browser.post(url, data, HTTP_HOST=HOST)
        assert response.status_code == 403, url
    assert stored() == before


# Uploads


def request_data(**changes):
    return {**REQUEST, **captcha(), "name": "李四", "address": "测试市和平路2号", **changes}


def test_request_upload_whose_content_is_not_what_its_name_says_is_refused(client, portal):
    page = add_request_page(portal)
    for filename, content in NOT_WHAT_THEY_SAY.items():
        upload = SimpleUploadedFile(filename, content, content_type="application/pdf")
        response = client.post(page.url, request_data(attachment=upload), HTTP_HOST=HOST)
        text = response.content.decode()
        assert response.status_code == 200, filename
        assert "附件只能是PDF、JPG、PNG、Word、Excel或OFD文件，且文件内容须与扩展名一致。" in text, filename
        assert 'value="李四"' in text and 'value="测试市和平路2号"' in text and REQUEST["description"] in text
    assert not DisclosureRequest.objects.exists()


def test_oversized_uploads_are_refused_and_the_form_is_kept(client, portal):
    page = add_request_page(portal)
    big = SimpleUploadedFile("材料.pdf", PDF + b"0" * MAX_UPLOAD_BYTES, content_type="application/pdf")
    text = client.post(page.url, request_data(attachment=big), HTTP_HOST=HOST).content.decode()
    assert "附件不能超过10MB，请压缩后再上传。" in text
    assert 'value="李四"' in text and REQUEST["description"] in text
    assert not DisclosureRequest.objects.exists()

    mailbox = add_mailbox(portal)
    big.seek(0)
    text = post_form(client, mailbox.url, {**LETTER, "attachment": big}).content.decode()
    assert "附件不能超过10MB" in text
    assert f'value="{LETTER["subject"]}"' in text and LETTER["content"] in text
    assert not Letter.objects.exists()


def test_letter_upload_checked_by_content(client, portal):
    mailbox = add_mailbox(portal)
    for filename in ("html.pdf", "photo.jpg", "image.svg"):
        upload = SimpleUploadedFile(filename, NOT_WHAT_THEY_SAY[filename], content_type="image/jpeg")
        text = post_form(client, mailbox.url, {**LETTER, "attachment": upload}).content.decode()
        assert "文件内容须与扩展名一致" in text, filename
        assert f'value="{LETTER["name"]}"' in text and LETTER["content"] in text
    assert not Letter.objects.exists()


def test_supplement_upload_checked_by_content_and_text_kept(client, portal):
    page = add_request_page(portal)
    today = timezone.localdate()
    item = make_request(portal, received_on=today - timedelta(days=1))
    lifecycle.request_supplement(item, handler(portal), 10, "请写明资金年度。", on=today)
    track = page.url + "track/"
    client.post(track, {"number": item.number, "code": item.query_code}, HTTP_HOST=HOST)
    fake = SimpleUploadedFile("补正.pdf", NOT_WHAT_THEY_SAY["html.pdf"])
    text = client.post(
        track + "supplement/", {"text": "2025年度的分配表", "attachment": fake}, HTTP_HOST=HOST
    ).content.decode()
    assert "文件内容须与扩展名一致" in text and "2025年度的分配表" in text
    item.refresh_from_db()
    assert item.status == Status.AWAITING_SUPPLEMENT


def test_a_genuine_pdf_is_accepted(client, portal):
    page = add_request_page(portal)
    upload = SimpleUploadedFile("证明.pdf", PDF, content_type="application/pdf")
    assert client.post(page.url, request_data(attachment=upload), HTTP_HOST=HOST).status_code == 302
    assert DisclosureRequest.objects.get().attachment.read() == PDF
