"""Documents follow the pages that use them. A document is public when a live page links it
(Wagtail's ReferenceIndex) or an editor marked it public; otherwise only staff who may use it in
the admin can download it, and the public API does not list it.

A new file for a public document is held (DocumentReplacement, in private storage) until the
reviewers of the document's site approve it step by step (初审, 审核, 审发, like a page); readers
download the old file, and the page shows its digest, until the last approval swaps the files."""

import hashlib
import os

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Collection, Page, ReferenceIndex, Site
from wagtail.permissions import policy_registry

from home.models import DocumentReplacement, PortalDocument
from home.models.media import document_upload_to
from home.page_cache import object_changed
from home.subsites import REVIEW_STEPS, group_name
from home.visibility import readable


def file_digest(file):
    digest = hashlib.sha256()
    with file.open("rb") as opened:
        for chunk in iter(lambda: opened.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _linked_by_live_pages():
    """The ids (as text) of documents a page readers can open links (live, no view restriction)."""
    live_pages = readable(Page.objects.all()).annotate(text_pk=Cast("pk", CharField())).values("text_pk")
    return ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(PortalDocument),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=live_pages,
    ).values("to_object_id")


def public_documents(queryset=None):
    documents = PortalDocument.objects.all() if queryset is None else queryset
    return documents.annotate(text_pk=Cast("pk", CharField())).filter(
        Q(marked_public=True) | Q(text_pk__in=_linked_by_live_pages())
    )


def is_public(document):
    return public_documents(PortalDocument.objects.filter(pk=document.pk)).exists()


def may_use_in_admin(user, document):
    """Staff who may edit or choose the document (their own site's collections)."""
    policy = policy_registry.get_by_type(PortalDocument)
    return user.is_authenticated and policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


def site_of(document):
    """The site whose collection (a top-level collection named after it) holds the document."""
    top = document.collection.get_ancestors(inclusive=True).filter(depth=2).first()
    return Site.objects.filter(site_name=top.name).first() if top else None


def site_documents(site):
    top = Collection.objects.filter(depth=2, name=site.site_name).first()
    if top is None:
        return PortalDocument.objects.none()
    return PortalDocument.objects.filter(collection__path__startswith=top.path)


def follow_publication():
    """A document that stopped being public moves to a new random address, so that the one readers
    knew stops working where storage serves files directly (production's "direct"); one that became
    public is noted as having its address published."""
    public = public_documents().values("pk")
    PortalDocument.objects.filter(pk__in=public, address_published=False).update(address_published=True)
    for document in PortalDocument.objects.filter(address_published=True).exclude(pk__in=public):
        old_name = document.file.name
        try:
            with document.file.open("rb") as content:
                new_name = document.file.storage.save(document_upload_to(document, os.path.basename(old_name)), content)
        except OSError:
            continue  # a missing file is the tamper check's finding
        PortalDocument.objects.filter(pk=document.pk).update(file=new_name, address_published=False)
        document.file.storage.delete(old_name)


def _after_changes(**kwargs):
    # After the commit, when the reference index and the pages are what readers will get.
    transaction.on_commit(follow_publication)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    for signal in (page_published, page_unpublished):
        signal.connect(_after_changes)
    post_delete.connect(_after_changes, sender=Page)
    post_save.connect(_after_changes, sender=PortalDocument)


# ---- replacing the file of a public document ----


def hold(document, upload, user):
    """Keep `upload` as the document's pending file; a newer one replaces an older pending one."""
    for older in document.replacements.filter(status=DocumentReplacement.Status.PENDING):
        _close(older, DocumentReplacement.Status.REJECTED, user, "被新提交的文件取代")
    replacement = DocumentReplacement(document=document, submitted_by=user)
    replacement.file.save(os.path.basename(upload.name), upload, save=False)
    replacement.sha256 = file_digest(replacement.file)
    replacement.log = f"{_stamp()} {_name(user)} 提交替换文件（SHA-256 {replacement.sha256}）"
    replacement.save()
    return replacement


def pending_note(document):
    """What the document's edit form says about a file already waiting for review ('' if none)."""
    waiting = document.replacements.filter(status=DocumentReplacement.Status.PENDING).first()
    if waiting is None:
        return ""
    return f"已有替换文件等待{REVIEW_STEPS[waiting.step]}（SHA-256 {waiting.sha256[:12]}…），再次提交将取代它。"


def may_review(user, replacement):
    """Members of the step's review group of the document's site (superusers too)."""
    if user.is_superuser:
        return True
    site = site_of(replacement.document)
    step = REVIEW_STEPS[replacement.step]
    return site is not None and user.groups.filter(name=group_name(site.site_name, step)).exists()


def reviewable_by(user):
    """The pending replacements waiting for a step `user` takes, on the user's sites."""
    pending = DocumentReplacement.objects.filter(status=DocumentReplacement.Status.PENDING).select_related(
        "document__collection", "submitted_by"
    )
    return [replacement for replacement in pending if may_review(user, replacement)]


def approve(replacement, user):
    """One step further; the last step puts the file in the document's place for readers."""
    step = REVIEW_STEPS[replacement.step]
    if replacement.step + 1 < len(REVIEW_STEPS):
        replacement.step += 1
        replacement.log += f"\n{_stamp()} {_name(user)} {step}通过"
        replacement.save(update_fields=["step", "log"])
        return
    with transaction.atomic():
        document = PortalDocument.objects.select_for_update().get(pk=replacement.document_id)
        old_name = document.file.name
        with replacement.file.open("rb") as new_file:
            document.file.save(os.path.basename(replacement.file.name), new_file, save=False)
        document._set_document_file_metadata()  # size, Wagtail's hash and the SHA-256 the page shows
        document.save()
        _close(replacement, DocumentReplacement.Status.APPROVED, user, f"{step}通过，文件已对外生效")
        transaction.on_commit(lambda: document.file.storage.delete(old_name))
    object_changed(document)  # the cached pages that show the old digest


def reject(replacement, user, reason=""):
    step = REVIEW_STEPS[replacement.step]
    _close(replacement, DocumentReplacement.Status.REJECTED, user, f"{step}退回{('：' + reason) if reason else ''}")


def _close(replacement, status, user, note):
    replacement.status = status
    replacement.log += f"\n{_stamp()} {_name(user)} {note}"
    replacement.save(update_fields=["status", "log"])
    replacement.file.delete(save=False)


def _stamp():
    return timezone.localtime().strftime("%Y-%m-%d %H:%M")


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "系统"


# ---- the tamper check ----


def tampered_files(documents):
    """(document, problem) for each document whose stored file is missing or no longer has the
    digest recorded when it was uploaded or approved."""
    for document in documents:
        if not document.sha256:
            continue
        try:
            found = file_digest(document.file)
        except (FileNotFoundError, OSError):
            yield document, "文件缺失"
            continue
        if found != document.sha256:
            yield document, f"文件已被改动或替换（记录的SHA-256 {document.sha256}，现在 {found}）"
