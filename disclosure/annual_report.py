"""The statistical tables of the annual report in the national format (国办公开办函〔2021〕30号),
computed from a site's requests and policy documents. Every total is computed here."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q

from disclosure.choices import REPORT_COLUMNS, Outcome, ReportCategory, Validity
from disclosure.models import DisclosureRequest, PolicyDocumentPage
from home.exports import workbook_bytes

COLUMN_KEYS = [key for key, _ in REPORT_COLUMNS]

# Table 三（三）–（六）: the group heading and its numbered sub-rows.
OUTCOME_GROUPS = [
    ("（三）不予公开", "3"),
    ("（四）无法提供", "4"),
    ("（五）不予处理", "5"),
    ("（六）其他处理", "6"),
]


@dataclass
class Row:
    key: str
    label: str
    values: list
    level: int = 0  # 0 numbered row, 1 group within 三, 2 its item

    @property
    def total(self):
        return self.values[-1]


@dataclass
class Report:
    year: int
    columns: list
    table2: list = field(default_factory=list)
    table3: list = field(default_factory=list)
    table4: list = field(default_factory=list)

    def row(self, key):
        return next(r for r in self.table3 if r.key == key)

    def as_dict(self):
        return {
            "year": self.year,
            "table2": self.table2,
            "table3": {
                "columns": self.columns + ["总计"],
                "rows": [{"key": r.key, "label": r.label, "values": r.values} for r in self.table3],
            },
            "table4": self.table4,
        }


def _with_total(counts):
    values = [counts.get(key, 0) for key in COLUMN_KEYS]
    return values + [sum(values)]


def _sum_rows(rows):
    return [sum(values) for values in zip(*(r.values for r in rows), strict=True)]


def _count_by_column(requests):
    counts = {}
    for request in requests:
        counts[request.report_column] = counts.get(request.report_column, 0) + 1
    return counts


def build_table3(site, year):
    start, end = date(year, 1, 1), date(year, 12, 31)
    requests = DisclosureRequest.objects.filter(site=site, received_on__lte=end).exclude(closed_on__lt=start)
    new = [r for r in requests if r.received_on >= start]
    carried_in = [r for r in requests if r.received_on < start]
    closed = [r for r in requests if r.closed_on and r.closed_on <= end]
    carried_out = [r for r in requests if not r.closed_on or r.closed_on > end]

    def by_outcome(codes):
        return _with_total(_count_by_column(r for r in closed if r.outcome in codes))

    rows = [
        Row("new", "一、本年新收政府信息公开申请数量", _with_total(_count_by_column(new))),
        Row("carried_in", "二、上年结转政府信息公开申请数量", _with_total(_count_by_column(carried_in))),
        Row("results", "三、本年度办理结果", [""] * (len(COLUMN_KEYS) + 1)),
        Row("1", "（一）予以公开", by_outcome({Outcome.DISCLOSED}), 1),
        Row("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", by_outcome({Outcome.PARTLY}), 1),
    ]
    handled = rows[3:5]
    for heading, prefix in OUTCOME_GROUPS:
        items = [o for o in Outcome if o.value.startswith(prefix + ".")]
        item_rows = [
            Row(o.value, f"{n}.{o.label.split('：', 1)[1]}", by_outcome({o}), 2) for n, o in enumerate(items, 1)
        ]
        group = Row(prefix, heading, _sum_rows(item_rows), 1)
        rows += [group, *item_rows]
        handled.append(group)
    rows.append(Row("7", "（七）总计", _sum_rows(handled), 1))
    rows.append(Row("carried_out", "四、结转下年度继续办理", _with_total(_count_by_column(carried_out))))
    return rows


def build_table2(site, year, page=None):
    documents = PolicyDocumentPage.objects.live().descendant_of(site.root_page)
    blocks = []
    for category in ReportCategory:
        of_kind = documents.filter(report_category=category)
        blocks.append(
            {
                "label": category.label,
                "made": of_kind.filter(written_on__year=year).count(),
                "repealed": of_kind.filter(~Q(validity=Validity.VALID), validity_changed_on__year=year).count(),
                "in_force": of_kind.filter(validity=Validity.VALID, written_on__year__lte=year).count(),
            }
        )
    return {
        "documents": blocks,
        "licensing_decisions": page.licensing_decisions if page else 0,
        "penalty_decisions": page.penalty_decisions if page else 0,
        "coercion_decisions": page.coercion_decisions if page else 0,
        "fee_amount": str(page.fee_amount if page else Decimal(0)),
    }


def build_table4(page=None):
    groups = [
        ("review", "行政复议"),
        ("direct_suit", "行政诉讼：未经复议直接起诉"),
        ("suit_after_review", "行政诉讼：复议后起诉"),
    ]
    rows = []
    for prefix, label in groups:
        values = [getattr(page, f"{prefix}_{r}", 0) if page else 0 for r in ("upheld", "corrected", "other", "pending")]
        rows.append({"label": label, "values": values + [sum(values)]})
    return rows


def build_report(site, year, page=None):
    return Report(
        year=year,
        columns=[label for _, label in REPORT_COLUMNS],
        table2=build_table2(site, year, page),
        table3=build_table3(site, year),
        table4=build_table4(page),
    )


def report_for_site(site, year):
    """The report of a site and year, with the figures typed into its report page if there is one."""
    from disclosure.models import AnnualReportPage

    page = AnnualReportPage.objects.descendant_of(site.root_page).filter(year=year).order_by("-live", "-pk").first()
    return build_report(site, year, page=page)


def write_xlsx(report, destination):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "二、主动公开"
    sheet.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    for block in report.table2["documents"]:
        sheet.append([block["label"], block["made"], block["repealed"], block["in_force"]])
    sheet.append(["行政许可（本年处理决定数量）", report.table2["licensing_decisions"]])
    sheet.append(["行政处罚（本年处理决定数量）", report.table2["penalty_decisions"]])
    sheet.append(["行政强制（本年处理决定数量）", report.table2["coercion_decisions"]])
    sheet.append(["行政事业性收费（本年收费金额，万元）", float(report.table2["fee_amount"])])
    sheet = workbook.create_sheet("三、依申请公开")
    sheet.append(["", *report.columns, "总计"])
    for row in report.table3:
        sheet.append([row.label, *row.values])
    sheet = workbook.create_sheet("四、复议诉讼")
    sheet.append(["", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    for row in report.table4:
        sheet.append([row["label"], *row["values"]])
    with open(destination, "wb") as file:
        file.write(workbook_bytes(workbook))
