"""The quarterly monitoring report of a site or of one of its departments (seed 000 一(五)):
findings of the quarter, publication statistics, reply timeliness and suggestions.
Site administrators see every report of their sites; a department's contacts see only
their department's."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from wagtail import hooks

from home.models import Department
from home.scoping import sites_for_user
from monitoring.models import SEVERITY_ORDER, DepartmentContact, Finding, FindingStatus, Severity
from monitoring.registry import check_label
from monitoring.statistics import NEWS_TARGET, monthly_statistics


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    def __str__(self):
        return f"{self.year}年第{self.number}季度"

    @property
    def months(self):
        return [(self.year, 3 * (self.number - 1) + i) for i in (1, 2, 3)]

    @property
    def start(self):
        return timezone.make_aware(datetime(self.year, 3 * self.number - 2, 1))

    @property
    def end(self):
        nxt = self.next()
        return timezone.make_aware(datetime(nxt.year, 3 * nxt.number - 2, 1))

    def next(self):
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self):
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @classmethod
    def of(cls, day):
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text):
        """ "2026Q3" → Quarter(2026, 3); None when malformed."""
        try:
            year, number = str(text).upper().split("Q")
            quarter = cls(int(year), int(number))
        except ValueError:
            return None
        return quarter if 1 <= quarter.number <= 4 and 2000 <= quarter.year <= 2100 else None

    @property
    def code(self):
        return f"{self.year}Q{self.number}"


def latest_quarters(today=None, count=4):
    quarter = Quarter.of(today or timezone.localdate())
    quarters = [quarter]
    for _ in range(count - 1):
        quarters.append(quarters[-1].previous())
    return quarters


# Who sees which report


def manages_all_reports(user, site):
    """Site administrators (those who may manage the site's departments) and superusers."""
    return user.is_superuser or (
        user.has_perm("home.change_department") and sites_for_user(user).filter(pk=site.pk).exists()
    )


def visible_departments(user):
    """Departments whose report the user may read."""
    if user.is_superuser:
        return Department.objects.in_locale()
    managed = [s.pk for s in sites_for_user(user) if manages_all_reports(user, s)]
    own = DepartmentContact.objects.filter(user=user).values("department")
    return Department.objects.filter(Q(site__in=managed) | Q(pk__in=own)).in_locale()


def can_read(user, site, department):
    if department is None:
        return manages_all_reports(user, site)
    return department.site_id == site.pk and visible_departments(user).filter(pk=department.pk).exists()


# The report


NUMERALS = "一二三四五六七八九十"


@dataclass
class Report:
    site: object
    department: object  # None for the whole site
    quarter: Quarter
    findings: list
    by_check: list  # (check label, {severity: count}, resolved)
    publications: list  # (department name, [(month label, total, news, short)])
    timeliness: list
    suggestions: list
    # (heading, sentences) that other apps add through the `monitoring_report_sections` hook.
    sections: list = ()

    @property
    def numbered_sections(self):
        """The app sections and the suggestions, numbered after the three fixed sections."""
        sections = [*self.sections, ("整改建议", self.suggestions)]
        return [(f"{NUMERALS[3 + i]}、{heading}", lines) for i, (heading, lines) in enumerate(sections)]

    @property
    def title(self):
        # No "·": the PDF's built-in Chinese font has no glyph for it.
        who = f"{self.site.site_name}{self.department.name}" if self.department else self.site.site_name
        return f"{who}{self.quarter}网站监测报告"


def build_report(site, department, quarter):
    findings = Finding.objects.filter(site=site, first_seen__lt=quarter.end).filter(
        Q(resolved_at__isnull=True) | Q(resolved_at__gte=quarter.start)
    )
    if department is not None:
        findings = findings.filter(department=department)
    findings = list(findings.exclude(status=FindingStatus.IGNORED).select_related("page").order_by("check_name"))

    counts = Counter((f.check_name, f.severity) for f in findings)
    resolved = Counter(f.check_name for f in findings if f.status == FindingStatus.RESOLVED)
    by_check = [
        (check_label(name), [counts[(name, s)] for s in SEVERITY_ORDER], resolved[name])
        for name in sorted({f.check_name for f in findings})
    ]

    stats = monthly_statistics(site, quarter.months)
    rows = [r for r in stats.rows if department is None or r.name == department.name]
    publications = [
        (row.name, [(f"{m[1]}月", row.total[m], row.news[m], row.news[m] < NEWS_TARGET) for m in quarter.months])
        for row in rows
    ]
    timeliness = [f for f in findings if f.check_name == "timeliness"]
    return Report(
        site,
        department,
        quarter,
        findings,
        by_check,
        publications,
        timeliness,
        _suggestions(findings, publications),
        _contributed_sections(site, department, quarter),
    )


def _contributed_sections(site, department, quarter):
    """Each `monitoring_report_sections` hook is called with (site, department, quarter) and
    returns a (heading, sentences) pair, or None when it has nothing for that report."""
    found = (fn(site, department, quarter) for fn in hooks.get_hooks("monitoring_report_sections"))
    return [section for section in found if section]


def _suggestions(findings, publications):
    open_findings = [f for f in findings if f.status == FindingStatus.OPEN]
    tally = Counter(f.check_name for f in open_findings)
    advice = {
        "personal_data": "有页面或附件公开了未脱敏的个人信息，请立即脱敏或撤下，并检查发布前的审核环节。",
        "tampering": "发现疑似篡改或暗链，请立即核查服务器和发布环节的安全。",
        "availability": "网站或重点栏目出现无法访问的情况，请排查服务器和网络。",
        "freshness": "有 {n} 个栏目超期或即将超期未更新，请按更新时限及时发布信息。",
        "empty_columns": "有 {n} 个空栏目，请补充内容或将栏目合并、撤销。",
        "links": "有 {n} 处错链或断链，请修正或删除失效链接。",
        "content_quality": "有 {n} 处敏感词或错别字，请修改并加强三审校对。",
        "timeliness": "有 {n} 件答复即将到期或已超期，请尽快办理。",
    }
    suggestions = [text.format(n=tally[name]) for name, text in advice.items() if tally[name]]
    short = sorted({name for name, months in publications for _, _, _, is_short in months if is_short})
    if short:
        suggestions.append(f"{'、'.join(short)}有月份发布的动态类信息少于 {NEWS_TARGET} 条，请加强信息报送。")
    if not suggestions:
        suggestions.append("本季度未发现需要整改的问题，请继续保持。")
    return suggestions


def severity_labels():
    return [Severity(s).label for s in SEVERITY_ORDER]
