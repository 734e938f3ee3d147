"""The admin form of documents (WAGTAILDOCS_DOCUMENT_FORM_BASE): an uploaded Office, OpenDocument,
OFD or ZIP file must be a well-formed package of its format (home.zip_uploads)."""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from home.zip_uploads import check_zip_upload


class PortalDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new file, not the one already stored
            check_zip_upload(upload, upload.name.rsplit(".", 1)[-1] if "." in upload.name else "")
        return upload
