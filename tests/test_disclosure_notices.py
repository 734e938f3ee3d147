"""Each step issues its formal notice from the editable template, kept with the request as a PDF."""

from datetime import date

from django.urls import reverse

from disclosure import lifecycle
from disclosure.choices import EventKind, Outcome
from disclosure.models import NoticeTemplate
from tests.test_disclosure_factories import handler, make_request, private_media  # noqa: F401


def notices(request):
    return {e.kind: e.notice for e in request.events.select_related("notice") if hasattr(e, "notice")}


def test_steps_issue_their_notices_with_the_requests_facts(portal, private_media):  # noqa: F811
    staff = handler(portal)
    request = make_request(portal, received_on=date(2026, 3, 2))
    lifecycle.request_supplement(request, staff, 10, "请写明所需信息的文号或年份。", on=date(2026, 3, 4))
    lifecycle.receive_supplement(request, "需要2025年的名单", on=date(2026, 3, 6))
    lifecycle.reply(request, staff, Outcome.DISCLOSED, "所需信息见附件。", on=date(2026, 3, 20))

    issued = notices(request)
    assert set(issued) == {EventKind.REGISTERED, EventKind.SUPPLEMENT_REQUESTED, EventKind.REPLIED}
    receipt = issued[EventKind.REGISTERED]
    assert receipt.title == "政府信息公开申请登记回执"
    assert request.number in receipt.text and "2026年03月02日" in receipt.text and "${" not in receipt.text
    assert "请写明所需信息的文号或年份。" in issued[EventKind.SUPPLEMENT_REQUESTED].text
    assert "办理结果：予以公开" in issued[EventKind.REPLIED].text
    with receipt.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_edited_wording_applies_to_later_notices_only(portal, private_media):  # noqa: F811
    first = make_request(portal, received_on=date(2026, 3, 2))
    NoticeTemplate.objects.filter(kind="receipt").update(body="已收到${name}的申请${number}。")
    second = make_request(portal, received_on=date(2026, 3, 3))
    assert "20个工作日内予以答复" in notices(first)[EventKind.REGISTERED].text
    assert notices(second)[EventKind.REGISTERED].text == f"已收到张三的申请{second.number}。"


def test_notice_pdf_is_served_to_staff_of_the_site_only(client, portal, sport, private_media):  # noqa: F811
    request = make_request(portal, received_on=date(2026, 3, 2))
    event = request.events.get(kind=EventKind.REGISTERED)
    url = reverse("disclosure_request_notice", args=[request.pk, event.pk])
    client.force_login(handler(portal))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    detail = client.get(reverse("disclosure_request", args=[request.pk])).content.decode()
    assert "政府信息公开申请登记回执（PDF）" in detail

    client.force_login(handler(sport, "sport-handler"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 403)
