"""The 网站监测 panel of the admin's home screen: open findings by severity for each of the
user's sites and their number over the last weeks."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

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
                    "trend": bar_chart([(label, n, None) for label, n in weekly_open_counts(site)]),
                }
            )
        return {"rows": rows}
