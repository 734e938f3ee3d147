"""Disclosure requests as a source of monitoring's 答复时效 check: due within 3 working days
(warning) or overdue (error, a breach of 条例第三十三条). No personal data in the finding."""

from disclosure.tasks import requests_due_soon
from monitoring.checks.timeliness import timeliness_source
from monitoring.models import Severity
from monitoring.registry import Observation


@timeliness_source("disclosure")
def disclosure_requests_due(site, today):
    for request, due, left in requests_due_soon(site, today):
        overdue = left < 0
        yield Observation(
            key=f"disclosure:{request.pk}",
            severity=Severity.ERROR if overdue else Severity.WARNING,
            title=f"依申请公开 {request.number} {'已超期' if overdue else '即将到期'}",
            detail=f"答复期限 {due:%Y-%m-%d}，"
            + (f"已超期 {-left} 个工作日。" if overdue else f"剩余 {left} 个工作日。"),
            department=request.department,
        )
