"""The annual report's tables: computed totals and the identities of the national format."""

import json
import random
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from disclosure.annual_report import build_report
from disclosure.choices import REPORT_COLUMNS, Outcome, Status
from disclosure.models import AnnualReportPage, DisclosureRequest, PolicyDocumentPage
from tests.conftest import column_at
from tests.test_disclosure_factories import VALID_ID, private_media  # noqa: F401

pytestmark = pytest.mark.django_db
COLUMNS = [key for key, _ in REPORT_COLUMNS]


def create(site, number, received_on, column, outcome="", closed_on=None):
    return DisclosureRequest.objects.create(
        site=site,
        number=f"T{number:06d}",
        received_on=received_on,
        applicant_type="person" if column == "person" else "organisation",
        organisation_kind="" if column == "person" else column,
        name="测试",
        id_type="resident_id",
        id_number=VALID_ID,
        phone="13800000000",
        address="地址",
        description="信息",
        provision_form="paper",
        delivery="post",
        status=Status.REPLIED if outcome else Status.ACCEPTED,
        outcome=outcome,
        closed_on=closed_on,
    )


def generate(site, seed, count=300):
    rng = random.Random(seed)
    outcomes = [o.value for o in Outcome]
    for n in range(count):
        received = date(2024, 10, 1) + timedelta(days=rng.randrange(0, 900))
        closed = received + timedelta(days=rng.randrange(0, 90)) if rng.random() < 0.85 else None
        create(site, n, received, rng.choice(COLUMNS), rng.choice(outcomes) if closed else "", closed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_identities_hold_in_every_column_on_generated_data(portal, sport, seed):
    generate(portal, seed)
    generate(sport, seed + 100, count=50)
    for year in (2025, 2026):
        report = build_report(portal, year)
        rows = {r.key: r.values for r in report.table3}
        for i in range(len(COLUMNS) + 1):
            assert rows["new"][i] + rows["carried_in"][i] == rows["7"][i] + rows["carried_out"][i]
            assert rows["7"][i] == sum(rows[g][i] for g in ("1", "2", "3", "4", "5", "6"))
            for group in "3456":
                assert rows[group][i] == sum(rows[o.value][i] for o in Outcome if o.value.startswith(group + "."))
        for values in rows.values():
            if values[0] != "":
                assert values[-1] == sum(values[:-1])
        assert rows["new"][-1] == DisclosureRequest.objects.filter(site=portal, received_on__year=year).count()
    # Each year's carry-over is the next year's carry-in.
    assert build_report(portal, 2025).row("carried_out").values == build_report(portal, 2026).row("carried_in").values


def test_rows_and_columns_follow_the_national_format(portal):
    create(portal, 1, date(2025, 12, 20), "person")  # carried over into 2026, replied in 2026
    DisclosureRequest.objects.filter(number="T000001").update(outcome=Outcome.DISCLOSED, closed_on=date(2026, 1, 8))
    create(portal, 2, date(2026, 3, 1), "commercial", Outcome.NO_SUPPLEMENT, date(2026, 3, 30))
    create(portal, 3, date(2026, 12, 28), "legal")  # carried to 2027
    create(portal, 4, date(2026, 5, 1), "research", Outcome.PROCESS, date(2026, 5, 20))
    report = build_report(portal, 2026)
    assert report.columns == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    labels = [r.label for r in report.table3]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert "8.属于行政查询事项" in labels and "5.要求行政机关确认或重新出具已获取信息" in labels
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert report.row("new").values == [0, 1, 1, 0, 1, 0, 3]
    assert report.row("carried_in").values == [1, 0, 0, 0, 0, 0, 1]
    assert report.row("1").values == [1, 0, 0, 0, 0, 0, 1]
    assert report.row("3.6").values == [0, 0, 1, 0, 0, 0, 1]
    assert report.row("6").values == [0, 1, 0, 0, 0, 0, 1]
    assert report.row("7").values == [1, 1, 1, 0, 0, 0, 3]
    assert report.row("carried_out").values == [0, 0, 0, 0, 1, 0, 1]


def test_report_page_renders_the_tables_and_the_command_prints_them(client, portal, tmp_path):
    create(portal, 1, date(2026, 3, 1), "person", Outcome.DISCLOSED, date(2026, 3, 20))
    column = column_at(portal, "zfxxgk/gknb")
    document = PolicyDocumentPage(
        title="云州市体育设施管理办法",
        issuing_body="测试市人民政府",
        written_on=date(2026, 2, 1),
        report_category="normative",
        body=[("paragraph", "<p>正文</p>")],
    )
    column.add_child(instance=document)
    document.save_revision().publish()
    page = AnnualReportPage(
        title="测试市人民政府2026年政府信息公开工作年度报告",
        year=2026,
        date=timezone.make_aware(datetime(2027, 1, 20)),
        body=[("paragraph", "<p>本年度，我市认真贯彻《条例》。</p>")],
        licensing_decisions=12,
        review_upheld=2,
        review_corrected=1,
    )
    column.add_child(instance=page)
    page.save_revision().publish()

    text = client.get(page.url, HTTP_HOST="portal.test").content.decode()
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议",
    ):
        assert heading in text
    assert "本年度，我市认真贯彻" in text and "法律服务机构" in text and "（七）总计" in text
    # The column lists the report with the other items.
    assert page.title in client.get(column.url, HTTP_HOST="portal.test").content.decode()

    out = StringIO()
    call_command("annual_report", site="portal.test", year=2026, format="json", stdout=out)
    data = json.loads(out.getvalue())
    rows = {r["key"]: r["values"] for r in data["table3"]["rows"]}
    assert rows["1"][0] == 1 and rows["7"][-1] == 1
    assert data["table2"]["documents"][1] == {"label": "行政规范性文件", "made": 1, "repealed": 0, "in_force": 1}
    assert data["table2"]["licensing_decisions"] == 12
    assert data["table4"][0]["values"] == [2, 1, 0, 0, 3]

    path = tmp_path / "report.xlsx"
    call_command("annual_report", site="portal.test", year=2026, format="xlsx", output=str(path), stdout=StringIO())
    sheet = load_workbook(path)["三、依申请公开"]
    assert [c.value for c in sheet[1]][-1] == "总计"


def test_command_refuses_an_unknown_site(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有域名为"):
        call_command("annual_report", site="nowhere.test", year=2026)
