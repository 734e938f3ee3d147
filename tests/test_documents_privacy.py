"""Documents follow the pages that use them (home.documents): private until a live page links
them or an editor marks them public, listed in the API only then; a new file for a public document
waits for the site's 三审 before readers get it, and the page shows the digest of the file readers
download; monitoring's tamper check reports a file changed or swapped on storage.

Over HTTP with the Django test client, as an anonymous reader, the site's staff and another site's."""

import hashlib
import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import Collection

from home.documents import site_documents
from home.models import DocumentReplacement, PortalDocument
from home.subsites import EDITORS, REVIEW_STEPS, group_name
from monitoring.checks.tampering import changed_documents
from tests.conftest import add_article, column_at, publish

pytestmark = pytest.mark.django_db
SPORT = {"HTTP_HOST": "sport.test"}
OLD = b"2026\xe5\xb9\xb4\xe4\xbd\x93\xe8\x82\xb2\xe9\xa2\x84\xe7\xae\x97 v1"
NEW = b"2026 budget, corrected v2"


def sha(data):
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def member(site, role, username):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name(site.site_name, role)))
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def document(sport):
    document = PortalDocument(title="2026年部门预算表", collection=Collection.objects.get(name=sport.site_name))
    document.file.save("yusuan.txt", ContentFile(OLD), save=False)
    document.save()
    return document


def attach(sport, document, title="关于公开2026年部门预算的通知"):
    return add_article(
        column_at(sport, "gzdt"),
        title,
        body=[("paragraph", "<p>详见附件。</p>"), ("attachment", {"document": document, "title": ""})],
    )


def download(client, document):
    document.refresh_from_db()
    return client.get(document.url, **SPORT)


def listed(client):
    return [item["id"] for item in client.get("/api/v2/documents/", **SPORT).json()["items"]]


def test_an_unlinked_document_is_private_and_a_live_link_makes_it_public(client, sport, portal, document):
    assert download(client, document).status_code == 404
    assert document.pk not in listed(client)
    assert client.get(f"/api/v2/documents/{document.pk}/", **SPORT).status_code == 404
    # The site's staff may still download it; another site's staff may not.
    assert download(logged_in(member(sport, EDITORS, "sport-editor")), document).status_code == 200
    assert download(logged_in(member(portal, EDITORS, "portal-editor")), document).status_code == 404

    article = attach(sport, document)
    response = download(client, document)
    assert response.status_code == 200 and b"".join(response.streaming_content) == OLD
    assert document.pk in listed(client)
    assert client.get(f"/api/v2/documents/{document.pk}/", **SPORT).status_code == 200
    assert sha(OLD) in client.get(article.url, **SPORT).content.decode()

    # A draft that drops the link changes nothing; publishing it makes the document private again.
    article.body = [("paragraph", "<p>附件已撤下。</p>")]
    article.save_revision()
    assert download(client, document).status_code == 200
    publish(article)
    assert download(client, document).status_code == 404
    assert document.pk not in listed(client)


def test_an_editor_can_mark_an_unlinked_document_public(client, sport, document):
    editor = logged_in(member(sport, EDITORS, "sport-editor"))
    response = editor.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": document.title, "collection": document.collection_id, "marked_public": "on", "tags": ""},
        **SPORT,
    )
    assert response.status_code == 302
    assert download(client, document).status_code == 200 and document.pk in listed(client)


def refused(response):
    # Wagtail's admin answers a PermissionDenied with a redirect to its dashboard and a message.
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def replace_file(client, document, content=NEW):
    return client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": document.title,
            "collection": document.collection_id,
            "file": SimpleUploadedFile("yusuan-v2.txt", content),
            "tags": "",
        },
        **SPORT,
    )


def test_a_new_file_for_a_linked_document_waits_for_the_sites_three_reviews(client, sport, portal, document):
    article = attach(sport, document)
    assert sha(OLD) in client.get(article.url, **SPORT).content.decode()  # now in the page cache
    editor = logged_in(member(sport, EDITORS, "sport-editor"))
    edit_form = editor.get(f"/admin/documents/edit/{document.pk}/", **SPORT).content.decode()
    assert "须经本站三审通过后才对外生效" in edit_form
    assert replace_file(editor, document).status_code == 302

    # Readers still get the old file and see its digest.
    assert b"".join(download(client, document).streaming_content) == OLD
    assert document.sha256 == sha(OLD)
    held = DocumentReplacement.objects.get(document=document)
    assert held.status == "pending" and held.sha256 == sha(NEW)
    assert "已有替换文件等待初审" in editor.get(f"/admin/documents/edit/{document.pk}/", **SPORT).content.decode()
    assert not held.file.path.startswith(str(settings.MEDIA_ROOT))

    # Another site's reviewers neither see it nor can take a step; the editor cannot approve.
    foreign = logged_in(member(portal, REVIEW_STEPS[0], "portal-chushen"))
    assert "2026年部门预算表" not in foreign.get("/admin/documents/review/", **SPORT).content.decode()
    assert refused(foreign.post(f"/admin/documents/review/{held.pk}/approve/", **SPORT))
    assert refused(foreign.get(f"/admin/documents/review/{held.pk}/file/", **SPORT))
    assert refused(editor.post(f"/admin/documents/review/{held.pk}/approve/", **SPORT))
    held.refresh_from_db()
    assert held.step == 0

    # 初审, 审核, 审发 in turn; each sees it only at their step.
    reviewers = {step: logged_in(member(sport, step, f"sport-{i}")) for i, step in enumerate(REVIEW_STEPS)}
    assert "2026年部门预算表" not in reviewers["审发"].get("/admin/documents/review/", **SPORT).content.decode()
    for step, reviewer in reviewers.items():
        listing = reviewer.get("/admin/documents/review/", **SPORT).content.decode()
        assert "2026年部门预算表" in listing and sha(NEW) in listing, step
        assert b"".join(reviewer.get(f"/admin/documents/review/{held.pk}/file/", **SPORT).streaming_content) == NEW
        if step != "审发":
            assert reviewer.post(f"/admin/documents/review/{held.pk}/approve/", **SPORT).status_code == 302
            assert b"".join(download(client, document).streaming_content) == OLD, step
    assert reviewers["审发"].post(f"/admin/documents/review/{held.pk}/approve/", **SPORT).status_code == 302

    held.refresh_from_db()
    assert held.status == "approved" and "审发通过" in held.log
    response = download(client, document)
    assert b"".join(response.streaming_content) == NEW
    page = client.get(article.url, **SPORT).content.decode()  # the cached page was dropped
    assert sha(NEW) in page and sha(OLD) not in page


def test_a_rejected_file_never_reaches_readers(client, sport, document):
    attach(sport, document)
    assert replace_file(logged_in(member(sport, EDITORS, "sport-editor")), document).status_code == 302
    held = DocumentReplacement.objects.get(document=document)
    held_path = held.file.path
    reviewer = logged_in(member(sport, REVIEW_STEPS[0], "sport-chushen"))
    assert (
        reviewer.post(f"/admin/documents/review/{held.pk}/reject/", {"reason": "数据有误"}, **SPORT).status_code == 302
    )
    held.refresh_from_db()
    assert held.status == "rejected" and "数据有误" in held.log
    assert not os.path.exists(held_path)
    assert b"".join(download(client, document).streaming_content) == OLD
    assert reviewer.post(f"/admin/documents/review/{held.pk}/approve/", **SPORT).status_code == 404


def test_the_file_of_a_private_document_is_replaced_at_once(client, sport, document):
    editor = logged_in(member(sport, EDITORS, "sport-editor"))
    assert replace_file(editor, document).status_code == 302
    assert not DocumentReplacement.objects.exists()
    assert b"".join(download(editor, document).streaming_content) == NEW
    assert document.sha256 == sha(NEW)


def test_the_tamper_check_reports_a_changed_or_swapped_public_file(sport, portal, document):
    private = PortalDocument(title="内部草稿", collection=document.collection)
    private.file.save("neibu.txt", ContentFile(b"draft"), save=False)
    private.save()
    assert list(changed_documents(sport)) == []
    attach(sport, document)
    assert list(changed_documents(sport)) == []

    with open(document.file.path, "wb") as stored:  # someone edits the file on the server
        stored.write(b"2026 budget, altered")
    with open(private.file.path, "wb") as stored:  # not public: not the check's concern
        stored.write(b"changed")
    [found] = changed_documents(sport)
    assert found.key == f"document:{document.pk}" and found.severity == "critical"
    assert "2026年部门预算表" in found.title and sha(OLD) in found.detail

    os.remove(document.file.path)  # or moves it away
    [found] = changed_documents(sport)
    assert "文件缺失" in found.detail
    assert document in site_documents(sport) and document not in site_documents(portal)


def test_an_unlinked_documents_file_moves_to_a_new_secret_address(
    client, sport, document, django_capture_on_commit_callbacks
):
    # Where storage serves files directly, the address readers knew must stop working.
    with django_capture_on_commit_callbacks(execute=True):
        article = attach(sport, document)
    document.refresh_from_db()
    known = document.file.name
    assert document.address_published and known.startswith("documents/")
    with django_capture_on_commit_callbacks(execute=True):
        article.body = [("paragraph", "<p>附件已撤下。</p>")]
        publish(article)
    document.refresh_from_db()
    assert not document.address_published and document.file.name != known
    assert not document.file.storage.exists(known)
    with document.file.open("rb") as moved:
        assert moved.read() == OLD and document.sha256 == sha(OLD)
    assert download(client, document).status_code == 404


def test_a_link_from_a_restricted_page_does_not_make_a_document_public(client, sport, document):
    from wagtail.models import PageViewRestriction

    article = attach(sport, document)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert download(client, document).status_code == 404 and document.pk not in listed(client)
