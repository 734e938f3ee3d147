"""Policy documents, interpretations, the disclosure section and its catalog."""

from datetime import date

import pytest

from disclosure.models import DisclosureIndexPage, DocumentKind, InterpretationPage, PolicyDocumentPage, TopicCategory
from home.models import ColumnPage, Department
from tests.conftest import column_at

pytestmark = pytest.mark.django_db


def add_document(parent, title, **fields):
    fields.setdefault("issuing_body", "测试市人民政府")
    fields.setdefault("written_on", date(2026, 3, 1))
    document = PolicyDocumentPage(title=title, body=[("paragraph", f"<p>{title}正文</p>")], **fields)
    parent.add_child(instance=document)
    document.save_revision().publish()
    return document


@pytest.fixture
def section(portal):
    index = DisclosureIndexPage(title="政府信息公开", slug="xxgk")
    portal.root_page.add_child(instance=index)
    index.save_revision().publish()
    index.ensure_standard_columns()
    return index


def test_section_has_the_four_standard_columns_once(section):
    assert [c.title for c in ColumnPage.objects.child_of(section).order_by("path")] == [
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开工作年度报告",
    ]
    assert section.ensure_standard_columns() == []


def test_index_numbers_are_generated_per_department_and_year(portal, sport):
    office = Department.objects.get(site=portal, code="ZFBGS")
    column = column_at(portal, "zcwj/zfwj")
    first = add_document(column, "文件一", department=office)
    second = add_document(column, "文件二", department=office)
    other_year = add_document(column, "文件三", department=office, written_on=date(2025, 6, 1))
    no_department = add_document(column, "文件四")
    assert first.index_number == "5399000001-ZFBGS/2026-00001"
    assert second.index_number == "5399000001-ZFBGS/2026-00002"
    assert other_year.index_number == "5399000001-ZFBGS/2025-00001"
    assert no_department.index_number == "5399000001-GK/2026-00001"
    sport_document = add_document(column_at(sport, "wjtz"), "体育局文件")
    assert (
        sport_document.index_number.endswith("-GK/2026-00001")
        and sport_document.index_number != no_department.index_number
    )
    second.save_revision().publish()
    second.refresh_from_db()
    assert second.index_number == "5399000001-ZFBGS/2026-00002"


def test_document_page_shows_its_index_and_a_prominent_notice_when_not_valid(client, portal):
    column = column_at(portal, "zcwj/zfwj")
    valid = add_document(column, "现行文件", document_number="测政发〔2026〕1号")
    repealed = add_document(column, "旧文件", validity="repealed", validity_changed_on=date(2026, 6, 1))
    valid_text = client.get(valid.url, HTTP_HOST="portal.test").content.decode()
    assert "索引号" in valid_text and "测政发〔2026〕1号" in valid_text and "validity-notice" not in valid_text
    text = client.get(repealed.url, HTTP_HOST="portal.test").content.decode()
    assert "本文件已废止" in text and "2026年6月1日" in text


def test_interpretation_and_document_link_to_each_other(client, portal):
    document = add_document(
        column_at(portal, "zcwj/zfwj"), "关于促进全民健身的意见", document_number="测政发〔2026〕5号"
    )
    interpretation = InterpretationPage(
        title="《关于促进全民健身的意见》政策解读", document=document, form="chart", body=[("paragraph", "<p>解读</p>")]
    )
    column_at(portal, "zcwj/zcjd").add_child(instance=interpretation)
    interpretation.save_revision().publish()
    document_text = client.get(document.url, HTTP_HOST="portal.test").content.decode()
    assert interpretation.relative_url(portal) in document_text and "图表解读" in document_text
    interpretation_text = client.get(interpretation.url, HTTP_HOST="portal.test").content.decode()
    assert document.relative_url(portal) in interpretation_text and "测政发〔2026〕5号" in interpretation_text


def test_catalog_filters_by_topic_year_issuer_validity_and_document_number(client, portal, section):
    sport_topic = TopicCategory.objects.create(name="体育")
    notice = DocumentKind.objects.create(name="通知")
    column = column_at(portal, "zcwj/zfwj")
    add_document(column, "体育场馆开放通知", topic=sport_topic, kind=notice, document_number="测体发〔2026〕3号")
    add_document(column, "旧的财政办法", written_on=date(2024, 5, 1), issuing_body="测试市财政局", validity="expired")
    add_document(section, "政府信息公开指南文件", document_number="测政办发〔2026〕9号")
    catalog = section.url + "catalog/"

    def titles(**params):
        text = client.get(catalog, params, HTTP_HOST="portal.test").content.decode()
        return {t for t in ("体育场馆开放通知", "旧的财政办法", "政府信息公开指南文件") if t in text}

    assert titles() == {"体育场馆开放通知", "旧的财政办法", "政府信息公开指南文件"}
    assert titles(topic=sport_topic.pk) == {"体育场馆开放通知"}
    assert titles(year=2024) == {"旧的财政办法"}
    assert titles(issuer="测试市财政局") == {"旧的财政办法"}
    assert titles(validity="expired") == {"旧的财政办法"}
    assert titles(q="测政办发") == {"政府信息公开指南文件"}
    assert titles(year="abc", topic="x' OR 1=1") == {"体育场馆开放通知", "旧的财政办法", "政府信息公开指南文件"}
