"""网民找错 in monitoring's list: every report not yet answered is a finding of its site, a warning
while it is within its deadline and an error once overdue; answering it resolves the finding."""

from django.utils import timezone

from casework.workdays import WorkCalendar, working_days_left
from feedback.cases import CHECK_NAME
from feedback.models import ErrorReport, ReportStatus
from monitoring.models import Severity
from monitoring.registry import Observation, register


@register(CHECK_NAME, "网民找错")
def open_reports(site):
    today, calendar = timezone.localdate(), WorkCalendar()
    for report in ErrorReport.objects.filter(site=site, status=ReportStatus.NEW).select_related("page"):
        left = working_days_left(report.due_on, today, calendar)
        when = f"已超期{-left}个工作日" if left < 0 else f"{left}个工作日内答复"
        yield Observation(
            key=f"feedback:{report.pk}",
            severity=Severity.ERROR if left < 0 else Severity.WARNING,
            title=f"网民找错 {report.number}：{report.get_kind_display()}（{when}，期限 {report.due_on:%Y-%m-%d}）",
            detail=report.description[:300],
            target=report.page_url,
            page=report.page,
        )
