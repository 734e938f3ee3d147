"""Blocks of the shared library, each on its own."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from home.blocks import AttachmentBlock, LatestItemsBlock, LinkBlock, QuoteBlock
from home.models import PortalDocument
from tests.conftest import add_article, column_at


def test_link_needs_exactly_one_target():
    block = LinkBlock()
    assert block.clean(block.to_python({"title": "中国政府网", "url": "https://www.gov.cn/"}))["url"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "没有目标"}))


@pytest.mark.django_db
def test_link_to_page_and_url_at_once_is_refused(portal):
    block = LinkBlock()
    value = block.to_python({"title": "两个目标", "page": portal.root_page_id, "url": "https://www.gov.cn/"})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_quote_escapes_markup():
    html = QuoteBlock().render({"text": "<script>alert(1)</script>", "attribution": "某人"})
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.django_db
def test_latest_items_lists_the_newest_published_items_up_to_the_count(portal):
    column = column_at(portal, "tzgg")
    for n in range(5):
        add_article(column, f"通知{n}", days_ago=n)
    add_article(column, "草稿通知", live=False)
    block = LatestItemsBlock()
    html = block.render(block.to_python({"column": column.pk, "title": "", "count": 3}))
    assert html.index("通知0") < html.index("通知1") < html.index("通知2")
    assert "通知3" not in html and "草稿通知" not in html
    assert "通知公告" in html  # the column's own name when no title is given


@pytest.mark.django_db
def test_attachment_shows_the_files_sha256_digest():
    document = PortalDocument(title="年度报告")
    document.file.save("report.txt", ContentFile(b"abc"), save=False)
    document.save()
    assert document.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    html = AttachmentBlock().render({"document": document, "title": ""})
    assert "年度报告" in html and document.sha256 in html and "TXT" in html


@pytest.mark.django_db
def test_latest_items_on_a_mirror_shows_the_mirrors_column_or_nothing(portal):
    from django.utils import translation
    from wagtail.models import Locale

    english = Locale.objects.create(language_code="en")
    portal.root_page.specific.copy_for_translation(english).save_revision().publish()
    notices = column_at(portal, "tzgg")
    add_article(notices, "停水通知")
    notices_en = notices.copy_for_translation(english)
    notices_en.save_revision().publish()
    add_article(notices_en, "Water supply notice")
    block = LatestItemsBlock()
    with translation.override("en"):
        translated = block.render(block.to_python({"column": notices.pk, "title": "通知公告", "count": 5}))
        untranslated = block.render(block.to_python({"column": column_at(portal, "zcwj").pk, "title": "", "count": 5}))
    assert "Water supply notice" in translated and "停水通知" not in translated
    assert untranslated.strip() == ""
