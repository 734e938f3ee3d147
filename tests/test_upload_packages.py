"""ZIP-based uploads (Word, Excel, PowerPoint, OpenDocument, OFD, ZIP) are opened and checked:
required parts present, nothing unexpected at the top level, no program or macro inside, and a
bounded expanded size (a decompression bomb is refused after inflating at most the bound).
Checked where citizens upload (request form, letters) and where editors upload documents."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import Collection

from casework.validators import validate_upload
from disclosure.models import DisclosureRequest
from home.models import PortalDocument
from home.zip_uploads import MAX_EXPANDED_BYTES
from interaction.models import Letter
from tests.test_captcha import captcha
from tests.test_disclosure_factories import add_request_page, private_media  # noqa: F401
from tests.test_interaction_helpers import add_mailbox, fresh_cache_and_private_media, post_form  # noqa: F401
from tests.test_properties_forms import LETTER, REQUEST
from tests.test_review_and_permissions import member

pytestmark = pytest.mark.django_db
HOST = "portal.test"
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
DOCX = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
    "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p/></w:body></w:document>',
}
OFD = {
    "OFD.xml": b'<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>',
    "Doc_0/Document.xml": b'<?xml version="1.0"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>',
    "Doc_0/Pages/Page_0/Content.xml": b'<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>',
}
ODT = {
    "mimetype": b"application/vnd.oasis.opendocument.text",
    "content.xml": b'<?xml version="1.0"?><office:document-content xmlns:office="x"/>',
    "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="x"/>',
}


def package(entries, name="文件.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, content in entries.items():
            archive.writestr(entry, content)
    return SimpleUploadedFile(name, buffer.getvalue())


def xlsx(name="统计表.xlsx"):
    book = Workbook()
    book.active.append(["项目", "金额"])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def bomb(name="报告.docx"):
    """A docx whose document part inflates past the bound (about 300 kB on the wire)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry, content in DOCX.items():
            if entry != "word/document.xml":
                archive.writestr(entry, content)
        with archive.open("word/document.xml", "w", force_zip64=True) as member_file:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(MAX_EXPANDED_BYTES // len(zeros) + 8):
                member_file.write(zeros)
    return SimpleUploadedFile(name, buffer.getvalue())


GOOD = {
    "docx": lambda: package(DOCX),
    "xlsx (openpyxl)": xlsx,
    "ofd": lambda: package(OFD, "公文.ofd"),
}
BAD = {
    "program by name in a docx": (lambda: package({**DOCX, "word/media/setup.exe": PROGRAM}), "程序或宏"),
    "program by content in a docx": (lambda: package({**DOCX, "word/media/image1.png": PROGRAM}), "程序"),
    "macro project in a docx": (lambda: package({**DOCX, "word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "宏"),
    "unexpected top-level entry": (lambda: package({**DOCX, "payload/readme.txt": b"hi"}), "意外的条目"),
    "path leaving the package": (lambda: package({**DOCX, "word/../../etc/cron.d/x": b"x"}), "不安全的路径"),
    "docx without its document part": (lambda: package({"[Content_Types].xml": b"<Types/>"}), "缺少必需的组成部分"),
    "plain ZIP named .xlsx": (lambda: package({"[Content_Types].xml": b"<Types/>"}, "表格.xlsx"), "缺少必需的组成部分"),
    "program inside an ofd": (lambda: package({**OFD, "Doc_0/Attachs/install.exe": PROGRAM}, "公文.ofd"), "程序"),
    "ofd without OFD.xml": (lambda: package({"Doc_0/Document.xml": b"<x/>"}, "公文.ofd"), "缺少必需的组成部分"),
    "corrupt ZIP": (lambda: SimpleUploadedFile("坏.docx", package(DOCX).read()[:-30]), "文件已损坏"),
}


@pytest.mark.parametrize("make", GOOD.values(), ids=GOOD.keys())
def test_well_formed_office_and_ofd_files_are_accepted(make):
    validate_upload(make())


@pytest.mark.parametrize(("make", "reason"), BAD.values(), ids=BAD.keys())
def test_malformed_or_dangerous_packages_are_refused_with_the_reason(make, reason):
    with pytest.raises(ValidationError) as refusal:
        validate_upload(make())
    assert reason in refusal.value.messages[0]
    assert "请另存为标准格式后再上传" in refusal.value.messages[0]


def test_a_decompression_bomb_is_refused_after_at_most_the_bound():
    upload = bomb()
    assert upload.size < 2 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(ValidationError, match="解压后超过256MB"):
        validate_upload(upload)
    assert time.monotonic() - started < 30


def test_a_bomb_whose_headers_claim_tiny_sizes_is_still_refused():
    """The bound counts inflated bytes, not what the central directory says."""
    data = bytearray(bomb().read())
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    target = archive.getinfo("word/document.xml")
    # Rewrite the zip64 extra field's uncompressed size in the central directory to 1000 bytes.
    real = target.file_size.to_bytes(8, "little")
    assert data.count(real) >= 1
    data = data.replace(real, (1000).to_bytes(8, "little"))
    with pytest.raises(ValidationError, match="解压后超过256MB"):
        validate_upload(SimpleUploadedFile("报告.docx", bytes(data)))


def test_citizens_forms_refuse_a_bad_package_and_keep_what_was_typed(client, portal):
    page = add_request_page(portal)
    data = {**REQUEST, "name": "李四", "address": "测试市和平路2号"}
    upload = package({**DOCX, "word/media/setup.exe": PROGRAM})
    text = client.post(page.url, {**data, "attachment": upload}, HTTP_HOST=HOST).content.decode()
    assert "含有不允许的内容" in text and 'value="李四"' in text and REQUEST["description"] in text
    assert not DisclosureRequest.objects.exists()

    mailbox = add_mailbox(portal)
    text = post_form(client, mailbox.url, {**LETTER, "attachment": bomb("说明.docx")}).content.decode()
    assert "解压后超过256MB" in text and LETTER["content"] in text
    assert not Letter.objects.exists()

    accepted = client.post(page.url, {**captcha(), **data, "attachment": xlsx()}, HTTP_HOST=HOST)
    assert accepted.status_code == 302 and DisclosureRequest.objects.count() == 1


def test_editors_document_uploads_are_checked_the_same_way(client, portal):
    client.force_login(member(portal, "编辑"))
    collection = Collection.objects.get(name=portal.site_name).pk

    def upload(file):
        return client.post(reverse("wagtaildocs:add"), {"title": file.name, "file": file, "collection": collection})

    refused = upload(package({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"x", "tool.exe": PROGRAM}, "x.zip"))
    assert refused.status_code == 200 and "程序或宏 tool.exe" in refused.content.decode()
    refused = upload(package({**ODT, "Basic/Standard/Module1.xml": b"<script/>"}, "通知.odt"))
    assert refused.status_code == 200 and "程序或宏 Basic/Standard/Module1.xml" in refused.content.decode()
    assert "文件扩展" not in refused.content.decode()  # one clear message, not Wagtail's second one
    assert not PortalDocument.objects.exists()

    assert upload(package(ODT, "通知.odt")).status_code == 302
    assert upload(xlsx()).status_code == 302
    assert PortalDocument.objects.count() == 2
