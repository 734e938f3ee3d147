"""Custom image and document models, in place from the first migration (swapping later is painful)."""

import hashlib

from django.db import models
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from search.fields import chinese


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


class PortalDocument(AbstractDocument):
    """A downloadable file. Its SHA-256 digest is shown beside the link so a reader can check
    that a downloaded copy has not been altered (防篡改)."""

    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields
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
