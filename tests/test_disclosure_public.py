"""The citizen's side: the request form, the receipt, tracking, 补正 and withdrawal."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from disclosure import lifecycle
from disclosure.choices import Status
from disclosure.models import DisclosureRequest
from tests.conftest import clear_caches
from tests.test_captcha import captcha
from tests.test_disclosure_factories import (  # noqa: F401
    VALID_ID,
    add_request_page,
    handler,
    make_request,
    private_media,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def clear_cache():
    clear_caches()


@pytest.fixture
def form_page(portal):
    return add_request_page(portal)


def get(client, url, **kwargs):
    return client.get(url, HTTP_HOST="portal.test", **kwargs)


def post(client, url, data, **kwargs):
    """Posts as a person who answered the captcha (tests.test_captcha); other forms ignore it."""
    return client.post(url, {**captcha(), **data}, HTTP_HOST="portal.test", **kwargs)


def filled(**changes):
    data = {
        "applicant_type": "person",
        "name": "李四",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13900000000",
        "email": "lisi@example.com",
        "address": "测试市和平路2号",
        "description": "请提供2025年全民健身补助资金分配情况。",
        "provision_form": "electronic",
        "delivery": "email",
        "pledge": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_submission_shows_number_and_code_once_and_emails_them(client, form_page, portal):
    response = post(client, form_page.url, filled(attachment=SimpleUploadedFile("证明.pdf", PDF)))
    assert response.status_code == 302
    thanks = get(client, response["Location"])
    request = DisclosureRequest.objects.get(site=portal)
    text = thanks.content.decode()
    assert request.number in text
    code = mail.outbox[0].body.split("查询码：")[1].split()[0]
    assert code in text and request.check_query_code(code)
    assert request.attachment.read() == PDF
    assert not request.attachment.path.startswith(str(__import__("django.conf").conf.settings.MEDIA_ROOT))
    # The code is not shown a second time.
    assert code not in get(client, response["Location"], follow=True).content.decode()


def test_bad_input_gets_chinese_messages_and_keeps_what_was_typed(client, form_page):
    data = filled(id_number="110105194912310021", phone="abc", description="", email="not-an-email", pledge=None)
    response = post(client, form_page.url, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "居民身份证号码校验位不正确" in text
    assert "联系电话格式不正确" in text
    assert "请填写所需政府信息的名称或内容描述。" in text
    assert "电子邮箱格式不正确" in text
    assert "请阅读并勾选承诺。" in text
    assert 'value="李四"' in text and 'value="测试市和平路2号"' in text
    assert DisclosureRequest.objects.count() == 0


@pytest.mark.parametrize("birth", ["99991231", "18991231", "20250230"])
def test_an_id_number_with_a_valid_check_character_but_an_impossible_birth_date_is_refused(client, form_page, birth):
    from home.personal_data import resident_id_check_char

    first17 = f"110105{birth}002"
    response = post(client, form_page.url, filled(id_number=first17 + resident_id_check_char(first17)))
    assert response.status_code == 200
    assert "居民身份证号码中的出生日期不正确" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_organisation_needs_its_kind_and_contact_person(client, form_page):
    response = post(
        client,
        form_page.url,
        filled(applicant_type="organisation", id_type="credit_code", id_number="91350100M000100Y43"),
    )
    text = response.content.decode()
    assert "请选择组织类别" in text and "请填写联系人" in text


def test_upload_is_checked_by_content(client, form_page):
    fake = SimpleUploadedFile("申请.pdf", b"MZ\x90\x00 this is an executable")
    response = post(client, form_page.url, filled(attachment=fake))
    assert "文件内容须与扩展名一致" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_honeypot_and_rate_limit_refuse_bots(client, form_page):
    response = post(client, form_page.url, filled(website="http://spam.example"))
    assert "提交失败" in response.content.decode()
    for _ in range(5):
        assert post(client, form_page.url, filled()).status_code == 302
    response = post(client, form_page.url, filled())
    assert "提交过于频繁" in response.content.decode()
    assert DisclosureRequest.objects.count() == 5


def test_tracking_with_the_right_code_shows_status_due_date_and_outcome(client, form_page, portal):
    request = make_request(portal, received_on=date(2026, 9, 28))
    track = form_page.url + "track/"
    response = post(client, track, {"number": request.number, "code": request.query_code.lower()}, follow=True)
    text = response.content.decode()
    assert "已登记" in text and "2026年9月28日" in text and "2026年10月30日" in text
    assert "张三" not in text and VALID_ID not in text

    lifecycle.reply(request, handler(portal), "1", "您申请的信息见附件。", on=date(2026, 10, 20))
    text = get(client, track).content.decode()
    assert "予以公开" in text and "您申请的信息见附件" in text


def test_a_wrong_code_reveals_nothing_and_repeated_failures_are_limited(client, form_page, portal):
    request = make_request(portal)
    track = form_page.url + "track/"
    wrong = post(client, track, {"number": request.number, "code": "AAAAAAAAAA"})
    unknown = post(client, track, {"number": "YSQ209900001", "code": "AAAAAAAAAA"})
    for response in (wrong, unknown):
        text = response.content.decode()
        assert "申请编号或查询码不正确" in text
        assert "已登记" not in text and "2026年3月2日" not in text
    for _ in range(3):
        post(client, track, {"number": request.number, "code": "BBBBBBBBBB"})
    limited = post(client, track, {"number": request.number, "code": request.query_code})
    assert "查询失败次数过多" in limited.content.decode()
    assert "已登记" not in limited.content.decode()


def test_applicant_supplements_through_the_tracking_page(client, form_page, portal):
    today = timezone.localdate()
    request = make_request(portal, received_on=today - timedelta(days=1))
    lifecycle.request_supplement(request, handler(portal), 10, "请写明资金年度。", on=today)
    track = form_page.url + "track/"
    text = post(client, track, {"number": request.number, "code": request.query_code}, follow=True).content.decode()
    assert "请写明资金年度" in text and "提交补正" in text

    empty = post(client, track + "supplement/", {"text": ""})
    assert "请填写补正内容或上传补正材料" in empty.content.decode()
    response = post(
        client,
        track + "supplement/",
        {"text": "2025年度", "attachment": SimpleUploadedFile("补正.pdf", PDF)},
        follow=True,
    )
    assert "补正材料已提交" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert request.deadline(today).counting_from == today
    assert request.events.last().attachment.read() == PDF


def test_applicant_withdraws_and_other_sessions_cannot_act(client, form_page, portal):
    request = make_request(portal)
    track = form_page.url + "track/"
    assert post(client, track + "withdraw/", {"confirm": "on"}).status_code == 302
    request.refresh_from_db()
    assert request.status == Status.REGISTERED  # this session never proved the code

    post(client, track, {"number": request.number, "code": request.query_code})
    response = post(client, track + "withdraw/", {"reason": "不再需要", "confirm": "on"}, follow=True)
    assert "您的申请已撤回" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN


def test_request_form_is_served_with_csrf_protection(form_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get(form_page.url, HTTP_HOST="portal.test")
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert client.post(form_page.url, filled(), HTTP_HOST="portal.test").status_code == 403
