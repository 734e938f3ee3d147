"""The admin form of documents (WAGTAILDOCS_DOCUMENT_FORM_BASE): an uploaded Office, OpenDocument,
OFD or ZIP file must be a well-formed package of its format (home.zip_uploads), and a new file
for a document readers can download is held for the site's review (home.documents)."""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from home.documents import hold, is_public, pending_note
from home.zip_uploads import check_zip_upload

HELD_HELP = (
    "本文档已公开（被已发布的页面引用或标记为公开）：替换的文件须经本站三审通过后才对外生效，之前读者仍下载原文件。"
)


class PortalDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        self.held_file = None
        if "file" in self.fields and self._holds_new_files():
            self.fields["file"].help_text = HELD_HELP + pending_note(self.instance)

    def _holds_new_files(self):
        superuser = self.user is not None and self.user.is_superuser
        return bool(self.instance.pk) and not superuser and is_public(self.instance)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new file, not the one already stored
            check_zip_upload(upload, upload.name.rsplit(".", 1)[-1] if "." in upload.name else "")
        return upload

    def save(self, commit=True):
        if "file" in self.changed_data and self._holds_new_files():
            # Everything else is saved now; the file waits for review and readers keep the old one.
            self.held_file = self.cleaned_data["file"]
            self.instance.file = self.original_file
            self.changed_data.remove("file")
        document = super().save(commit=commit)
        if commit and self.held_file is not None:
            hold(document, self.held_file, self.user)
        return document
