"""A reply that says 详见附表 carries its table: staff attach a file to the reply step, and only the
applicant tracking the request (and staff of its site) can download it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from disclosure import lifecycle
from tests.test_disclosure_factories import add_request_page, handler, make_request, private_media  # noqa: F401

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "portal.test"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def reply_with(client, portal, item, upload):
    client.force_login(handler(portal))
    today = timezone.localdate().isoformat()
    data = {"reply-on": today, "reply-outcome": "1", "reply-letter": "经审查，现予公开，详见附表。"}
    if upload is not None:
        data["reply-attachment"] = upload
    return client.post(f"/admin/disclosure/requests/{item.pk}/steps/reply/", data)


def test_the_applicant_downloads_the_replys_attachment_and_nobody_else_does(client, portal):
    page = add_request_page(portal)
    item = make_request(portal, received_on=timezone.localdate())
    lifecycle.accept(item, None, "", timezone.localdate())
    response = reply_with(client, portal, item, SimpleUploadedFile("附表.pdf", PDF, content_type="application/pdf"))
    assert response.status_code == 302

    applicant = Client()
    applicant.post(page.url + "track/", {"number": item.number, "code": item.query_code}, **HOST)
    tracking = applicant.get(page.url + "track/", **HOST).content.decode()
    assert "详见附表" in tracking and "下载答复附件" in tracking
    download = applicant.get(page.url + "track/reply-file/", **HOST)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "附表.pdf" in download["Content-Disposition"] or "%E9%99%84%E8%A1%A8.pdf" in download["Content-Disposition"]

    assert Client().get(page.url + "track/reply-file/", **HOST).status_code == 404  # not tracking it
    event = item.last_event("replied")
    staff = client.get(f"/admin/disclosure/requests/{item.pk}/events/{event.pk}/file/")
    assert staff.status_code == 200


def test_a_disguised_file_is_refused_and_the_reply_typed_is_kept(client, portal):
    add_request_page(portal)
    item = make_request(portal, received_on=timezone.localdate())
    lifecycle.accept(item, None, "", timezone.localdate())
    response = reply_with(client, portal, item, SimpleUploadedFile("附表.pdf", b"MZ\x90\x00not a pdf"))
    text = response.content.decode()
    assert response.status_code == 200 and "经审查，现予公开，详见附表。" in text
    item.refresh_from_db()
    assert item.status == "accepted"
