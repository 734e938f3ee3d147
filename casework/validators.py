"""Checks of what citizens upload with any kind of case, with messages they can act on."""

import filetype
from django.core.exceptions import ValidationError

from home.zip_uploads import check_zip_upload

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Allowed uploads by extension, and the content types their bytes must show (the name proves nothing).
OLE = "application/x-ole-storage"
ZIP = "application/zip"
UPLOAD_TYPES = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "doc": {OLE, "application/msword"},
    "xls": {OLE, "application/vnd.ms-excel"},
    "docx": {ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "ofd": {ZIP},
}
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def validate_upload(upload):
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(f"附件不能超过{MAX_UPLOAD_BYTES // 1024 // 1024}MB，请压缩后再上传。")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else (OLE if head.startswith(OLE_MAGIC) else None)
    if mime not in UPLOAD_TYPES.get(extension, ()):
        raise ValidationError("附件只能是PDF、JPG、PNG、Word、Excel或OFD文件，且文件内容须与扩展名一致。")
    check_zip_upload(upload, extension)
