"""The admin report of documents needing attention, scoped to the user's sites."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from disclosure.models import InterpretationPage
from tests.conftest import column_at
from tests.test_disclosure_documents import add_document


def test_review_report_lists_uninterpreted_normative_documents_and_attributes_due(client, portal, sport):
    docs = column_at(portal, "zcwj/zfwj")
    today = timezone.localdate()
    add_document(
        docs, "关于规范城市道路占用管理的办法", report_category="normative", document_number="测政规〔2026〕1号"
    )
    interpreted = add_document(docs, "关于公共体育设施开放的办法", report_category="normative")
    reading = InterpretationPage(title="《关于公共体育设施开放的办法》解读", document=interpreted, body=[])
    column_at(portal, "zcwj/zcjd").add_child(instance=reading)
    reading.save_revision().publish()
    add_document(docs, "内部工作规程", disclosure_attribute="withheld", review_on=today - timedelta(days=3))
    add_document(docs, "依申请公开的统计台账", disclosure_attribute="on_request", review_on=today + timedelta(days=200))
    add_document(column_at(sport, "wjtz"), "体育局未解读的规范性文件", report_category="normative")

    editor = get_user_model().objects.create_user("portal-editor", password="pw")
    editor.groups.add(Group.objects.get(name="测试市人民政府-编辑"))
    client.force_login(editor)
    html = client.get(reverse("disclosure_document_review")).content.decode()

    assert "关于规范城市道路占用管理的办法" in html and "测政规〔2026〕1号" in html
    assert "关于公共体育设施开放的办法</a>" not in html  # it has its interpretation
    assert "内部工作规程" in html and "（已过期）" in html
    assert "依申请公开的统计台账" not in html  # review is months away
    assert "体育局未解读的规范性文件" not in html  # another site's document
