"""Checks of ZIP-based uploads (Office Open XML, OpenDocument, OFD, plain ZIP): the package
holds the parts its format requires and nothing else at its top level, carries no program or
macro, and expands to a bounded size. The content of every entry is inflated (and its CRC
checked) with a running count, so neither a lying size header nor overlapping entries get past
the bound. Used for citizens' attachments and for documents editors upload."""

import re
import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError

MAX_EXPANDED_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 5_000
CHUNK = 1024 * 1024

OOXML_COMMON = {"[Content_Types].xml", "_rels", "docProps", "customXml"}
ODF_COMMON = {
    "mimetype",
    "content.xml",
    "styles.xml",
    "meta.xml",
    "settings.xml",
    "manifest.rdf",
    "META-INF",
    "Pictures",
    "Thumbnails",
    "Configurations2",
    "ObjectReplacements",
}
ODF_OBJECT = re.compile(r"Object \d+")
OFD_DOCUMENT = re.compile(r"Doc_\d+")


class Format:
    def __init__(self, name, required, top_level, top_level_pattern=None):
        self.name, self.required, self.top_level, self.top_level_pattern = name, required, top_level, top_level_pattern

    def allows_top_level(self, part):
        return part in self.top_level or bool(self.top_level_pattern and self.top_level_pattern.fullmatch(part))


FORMATS = {
    "docx": Format("Word", {"[Content_Types].xml", "word/document.xml"}, OOXML_COMMON | {"word"}),
    "xlsx": Format("Excel", {"[Content_Types].xml", "xl/workbook.xml"}, OOXML_COMMON | {"xl"}),
    "pptx": Format("PowerPoint", {"[Content_Types].xml", "ppt/presentation.xml"}, OOXML_COMMON | {"ppt"}),
    "odt": Format("OpenDocument 文本", {"mimetype", "content.xml", "META-INF/manifest.xml"}, ODF_COMMON, ODF_OBJECT),
    "ods": Format("OpenDocument 表格", {"mimetype", "content.xml", "META-INF/manifest.xml"}, ODF_COMMON, ODF_OBJECT),
    "ofd": Format("OFD", {"OFD.xml"}, {"OFD.xml"}, OFD_DOCUMENT),
}
ZIP_EXTENSIONS = set(FORMATS) | {"zip"}

# Programs by name (Windows, scripts, installers) and by their first bytes (PE, ELF, Mach-O, shebang).
PROGRAM_SUFFIXES = {
    ".exe", ".dll", ".com", ".scr", ".pif", ".msi", ".msp", ".bat", ".cmd", ".ps1", ".vbs", ".vbe",
    ".js", ".jse", ".wsf", ".wsh", ".hta", ".cpl", ".jar", ".sh", ".apk", ".lnk", ".reg",
}  # fmt: skip
PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
# Macro projects of Office (vbaProject.bin) and OpenDocument (Basic/, Scripts/).
MACRO_PARTS = re.compile(r"(^|/)vbaProject\.bin$|^(Basic|Scripts)/", re.IGNORECASE)

REFUSED = "附件内容不是有效的{format}文件，或含有不允许的内容（{reason}），请另存为标准格式后再上传。"


def check_zip_upload(upload, extension):
    """Raise ValidationError (in Chinese) unless the ZIP-based upload is a well-formed file of its
    extension's format. Leaves the file at its start."""
    extension = extension.lower()
    if extension not in ZIP_EXTENSIONS:
        return
    fmt = FORMATS.get(extension)
    label = fmt.name if fmt else "ZIP"
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            _check_entries(package, fmt, label)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError, ValueError):
        raise ValidationError(REFUSED.format(format=label, reason="文件已损坏或加密")) from None
    finally:
        upload.seek(0)


def _refuse(label, reason):
    raise ValidationError(REFUSED.format(format=label, reason=reason))


def _check_entries(package, fmt, label):
    entries = package.infolist()
    if len(entries) > MAX_ENTRIES:
        _refuse(label, f"条目超过{MAX_ENTRIES}个")
    names = {entry.filename for entry in entries}
    if fmt and not fmt.required <= names:
        _refuse(label, "缺少必需的组成部分")
    expanded = 0
    for entry in entries:
        name = entry.filename
        path = PurePosixPath(name)
        if name.startswith("/") or "\\" in name or ".." in path.parts or ":" in name:
            _refuse(label, f"不安全的路径 {name}")
        if path.suffix.lower() in PROGRAM_SUFFIXES or MACRO_PARTS.search(name):
            _refuse(label, f"程序或宏 {name}")
        if fmt and not fmt.allows_top_level(path.parts[0]):
            _refuse(label, f"意外的条目 {name}")
        if entry.is_dir():
            continue
        with package.open(entry) as member:
            first = True
            while chunk := member.read(CHUNK):
                if first and chunk.startswith(PROGRAM_MAGIC):
                    _refuse(label, f"程序 {name}")
                first = False
                expanded += len(chunk)
                if expanded > MAX_EXPANDED_BYTES:
                    _refuse(label, f"解压后超过{MAX_EXPANDED_BYTES // 1024 // 1024}MB")
