"""Task functions django-q2's schedules call (see migrations/0002_schedules.py). They take
names, not instances, and are safe to rerun: findings are keyed, see monitoring.registry."""

import logging

from monitoring.notifications import notify_new_findings
from monitoring.registry import CHECKS, run_check, sites_to_check

logger = logging.getLogger(__name__)


def run_checks(names=None, hostname=None):
    """Run the named checks (all when None) on every site (or one); returns the summaries and
    the (site, check) pairs that failed. One failure is logged and does not stop the others;
    its findings stay as they were."""
    summaries, failures = [], []
    for site in sites_to_check(hostname):
        for name in names or list(CHECKS):
            try:
                summaries.append(run_check(name, site))
            except Exception:  # a check must never take the whole run down
                logger.exception("监测检查 %s 在网站 %s 上失败", name, site.hostname)
                failures.append((site, name))
    return summaries, failures


def run_scheduled_check(name):
    summaries, failures = run_checks([name])
    notify_new_findings()
    if failures:
        raise RuntimeError(f"{len(failures)} 个网站的检查失败：" + "、".join(site.hostname for site, _ in failures))
    return {s.site.hostname: {"found": s.found, "new": s.new, "resolved": s.resolved} for s in summaries}
