"""Custom image and document models, in place from the first migration (swapping later is painful)."""

import hashlib
import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from home.search_fields import chinese


class PortalImage(AbstractImage):
    copyright = models.CharField("版权/来源", max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("copyright",)
    search_fields = chinese(AbstractImage.search_fields)

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def document_upload_to(instance, filename):
    # A random folder: where files are served straight from storage (production's "direct"), the
    # address of a document no page links cannot be guessed from its name.
    return f"documents/{secrets.token_hex(12)}/{filename}"


class PortalDocument(AbstractDocument):
    """A downloadable file. Its SHA-256 digest is shown beside the link so a reader can check
    that a downloaded copy has not been altered (防篡改)."""

    file = models.FileField("文件", upload_to=document_upload_to)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    # A document is private until a live page links it (home.documents) or an editor ticks this.
    marked_public = models.BooleanField(
        "公开",
        default=False,
        help_text="未被已发布页面引用的文档不对外公开；勾选后，任何人都可以下载和在接口中查到本文档。",
    )

    # Whether the file's address has been given to readers (home.documents.follow_publication).
    address_published = models.BooleanField(default=False, editable=False)

    admin_form_fields = (*Document.admin_form_fields, "marked_public")
    search_fields = chinese(AbstractDocument.search_fields)

    class Meta:
        verbose_name = "文档"
        verbose_name_plural = "文档"

    def clean(self):
        # Wagtail's check of the extension would add a second, confusing error when the form
        # has already refused the upload (too large, malformed package) and left no file.
        if self.file:
            super().clean()

    def _set_file_hash(self):
        # Wagtail calls this whenever the file is uploaded or replaced.
        super()._set_file_hash()
        digest = hashlib.sha256()
        with self.open_file() as f:
            f.seek(0)
            for chunk in iter(lambda: f.read(65536), b""):
                digest.update(chunk)
            f.seek(0)
        self.sha256 = digest.hexdigest()

    def save(self, *args, **kwargs):
        if self.file and not self.sha256:
            self._set_file_hash()
        super().save(*args, **kwargs)


class PendingStorage(FileSystemStorage):
    """Files held for review: under PRIVATE_MEDIA_ROOT (read on each use, so tests can move it),
    with no URL."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return os.path.join(settings.PRIVATE_MEDIA_ROOT, "pending-documents")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("待审核的文件没有公开地址。")


def pending_storage():
    return PendingStorage()


class DocumentReplacement(models.Model):
    """A new file for a document readers can download, held in private storage until the site's
    三审 reviewers approve it in turn (home.documents); readers keep the old file until then."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "已通过"
        REJECTED = "rejected", "已退回"

    document = models.ForeignKey(PortalDocument, on_delete=models.CASCADE, related_name="replacements")
    file = models.FileField("替换文件", storage=pending_storage, upload_to="documents")
    sha256 = models.CharField("SHA-256", max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="提交人"
    )
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    step = models.PositiveSmallIntegerField("审核步骤", default=0)  # index into home.subsites.REVIEW_STEPS
    log = models.TextField("审核记录", blank=True)

    class Meta:
        verbose_name = "文档替换"
        verbose_name_plural = "文档替换"
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.document}（{self.get_status_display()}）"
