"""The checks the platform runs, by name. A check takes one site and yields `Observation`s;
`run_check` turns them into `Finding`s. Other apps add checks with `@register(...)`."""

import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Site

from monitoring.models import Finding, FindingStatus

CHECKS = {}


@dataclass
class Check:
    name: str
    label: str
    func: object


@dataclass
class Observation:
    """What a check saw. `key` must name the problem stably across runs (page and target…)."""

    key: str
    severity: str
    title: str
    detail: str = ""
    target: str = ""
    page: object = None
    department: object = None


def register(name, label):
    def decorate(func):
        CHECKS[name] = Check(name, label, func)
        return func

    return decorate


def check_label(name):
    return CHECKS[name].label if name in CHECKS else name


def check_choices():
    return [(check.name, check.label) for check in CHECKS.values()]


def _stored_key(key):
    """Keys can be long (URLs); past the column's length keep a digest that stays stable."""
    return key if len(key) <= 255 else key[:200] + "#" + hashlib.sha256(key.encode()).hexdigest()[:32]


@dataclass
class RunSummary:
    check: str
    site: Site
    found: int = 0
    new: int = 0
    resolved: int = 0


def run_check(name, site):
    """Run one check on one site and record its outcome. Idempotent: the same problems seen
    again update their findings; open findings not seen again are resolved."""
    observations = list(CHECKS[name].func(site))
    now = timezone.now()
    summary = RunSummary(name, site)
    seen = set()
    with transaction.atomic():
        for obs in observations:
            key = _stored_key(obs.key)
            if key in seen:
                continue
            seen.add(key)
            summary.found += 1
            if _record(site, name, key, obs, now):
                summary.new += 1
        stale = Finding.objects.filter(site=site, check_name=name, status=FindingStatus.OPEN).exclude(key__in=seen)
        summary.resolved = stale.update(status=FindingStatus.RESOLVED, resolved_at=now)
    return summary


def _record(site, name, key, obs, now):
    """Insert or refresh one finding; True when it is new. The unique key makes a concurrent
    or retried run update the row the other one inserted."""
    values = {
        "severity": obs.severity,
        "title": obs.title[:255],
        "detail": obs.detail,
        "target": obs.target[:2000],
        "page": obs.page,
        "department": obs.department,
        "last_seen": now,
    }
    finding = Finding.objects.filter(site=site, check_name=name, key=key).first()
    if finding is None:
        try:
            with transaction.atomic():
                Finding.objects.create(site=site, check_name=name, key=key, first_seen=now, **values)
            return True
        except IntegrityError:
            finding = Finding.objects.get(site=site, check_name=name, key=key)
    for field, value in values.items():
        setattr(finding, field, value)
    if finding.status == FindingStatus.RESOLVED:
        # It came back: a reopened finding, counted from now.
        finding.status = FindingStatus.OPEN
        finding.resolved_at = None
        finding.first_seen = now
    finding.save()
    return False


def sites_to_check(hostname=None):
    sites = Site.objects.select_related("root_page").order_by("pk")
    return sites.filter(hostname=hostname) if hostname else sites
