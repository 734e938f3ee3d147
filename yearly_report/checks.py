"""年度报表 in monitoring's list: from 1 January until the previous year's report is published, a
finding of each site; past 31 January (the deadline of 国办函〔2018〕12号) an error."""

from django.utils import timezone

from monitoring.models import Severity
from monitoring.registry import Observation, register
from yearly_report.models import YearlyReportPage

DEADLINE_MONTH, DEADLINE_DAY = 1, 31


@register("yearly_report", "网站年度报表")
def unpublished_report(site, today=None):
    today = today or timezone.localdate()
    year = today.year - 1
    if YearlyReportPage.objects.live().descendant_of(site.root_page).filter(year=year).exists():
        return
    late = (today.month, today.day) > (DEADLINE_MONTH, DEADLINE_DAY)
    yield Observation(
        key=f"yearly_report:{year}",
        severity=Severity.ERROR if late else Severity.WARNING,
        title=f"{year}年政府网站工作年度报表{'逾期未发布' if late else '尚未发布'}（应于{today.year}年1月31日前发布）",
        detail="在“网站监测 → 网站年度报表”中生成报表，填写后提交三审发布。",
    )
