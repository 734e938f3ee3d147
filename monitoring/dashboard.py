"""The 网站监测 panels of the admin's home screen: open findings by severity for each of the
user's sites and their number over the last weeks; for site administrators, the columns about
to go stale or already stale, with their responsible department."""

from datetime import timedelta

from django.db.models import Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from home.dashboard import SHOWN, WorkPanel
from home.scoping import sites_for_user
from monitoring.charts import bar_chart
from monitoring.models import SEVERITY_ORDER, Finding, FindingStatus, Severity

WEEKS = 8
MAX_SITES = 10


def weekly_open_counts(site, now=None, weeks=WEEKS):
    """[(label, open findings at the end of that week)], oldest first."""
    now = now or timezone.now()
    since = now - timedelta(weeks=weeks)
    spans = list(
        Finding.objects.filter(site=site)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gt=since))
        .values_list("first_seen", "resolved_at")
    )
    counts = []
    for back in range(weeks - 1, -1, -1):
        moment = now - timedelta(weeks=back)
        count = sum(1 for first, resolved in spans if first <= moment and (resolved is None or resolved > moment))
        counts.append((f"{timezone.localtime(moment):%m-%d}", count))
    return counts


class MonitoringPanel(Component):
    name = "monitoring"
    order = 90
    template_name = "monitoring/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        rows = []
        for site in sites_for_user(self.user).order_by("pk")[:MAX_SITES]:
            trend = weekly_open_counts(site)
            tally = dict(
                Finding.objects.filter(site=site, status=FindingStatus.OPEN)
                .values_list("severity")
                .annotate(n=Count("pk"))
                .values_list("severity", "n")
            )
            rows.append(
                {
                    "site": site,
                    "counts": [(Severity(s).label, tally.get(s, 0), s) for s in SEVERITY_ORDER],
                    "trend": bar_chart([(label, n, None) for label, n in trend]) if any(n for _, n in trend) else None,
                }
            )
        return {"rows": rows}


def stale_columns_panel(user):
    """The open findings of the freshness check (栏目更新) on the user's sites, stale ones first."""
    findings = Finding.objects.filter(
        site__in=sites_for_user(user), check_name="freshness", status=FindingStatus.OPEN
    ).order_by(Case(When(severity=Severity.ERROR, then=Value(0)), default=Value(1)), "-last_seen", "pk")
    shown = list(findings.select_related("site", "department", "page")[:SHOWN])
    return WorkPanel(
        "columns_going_stale",
        "栏目更新：即将超期和已超期",
        ["栏目", "网站", "责任单位", "情况"],
        [
            (
                # The column in the page explorer, where a new item is added.
                reverse("wagtailadmin_explore", args=[finding.page_id]) if finding.page_id else finding.target,
                [
                    finding.page.title if finding.page_id else finding.title,
                    finding.site.site_name,
                    finding.department.name if finding.department_id else "未指定",
                    f"{Severity(finding.severity).label}：{finding.detail}",
                ],
            )
            for finding in shown
        ],
        empty="没有即将超期或已超期未更新的栏目。",
        order=60,
        total=findings.count() if len(shown) == SHOWN else len(shown),
        more=(reverse("monitoring_findings:index") + "?check_name=freshness&status=open", "查看全部栏目更新问题"),
    )
