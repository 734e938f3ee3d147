"""Monthly publication counts per site and department (seed 001 四(三): each department
publishes at least 2 news items a month)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from home.models import ArticlePage, ColumnPage, Department, UpdateCategory
from monitoring.content import in_site

NEWS_TARGET = 2
NO_DEPARTMENT = "未指定责任单位"


def month_range(end, count):
    """The `count` months up to and including `end`'s month, oldest first, as (year, month)."""
    months = []
    year, month = end.year, end.month
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


@dataclass
class DepartmentRow:
    name: str
    total: dict = field(default_factory=lambda: defaultdict(int))
    news: dict = field(default_factory=lambda: defaultdict(int))

    def cells(self, months):
        return [(self.total[m], self.news[m], self.news[m] < NEWS_TARGET) for m in months]


@dataclass
class MonthlyStatistics:
    site: object
    months: list
    rows: list  # DepartmentRow, by name

    def site_totals(self):
        return [sum(row.total[m] for row in self.rows) for m in self.months]

    def short_of_target(self):
        return [
            (row.name, m)
            for row in self.rows
            if row.name != NO_DEPARTMENT
            for m in self.months
            if row.news[m] < NEWS_TARGET
        ]


def monthly_statistics(site, months):
    """Counts by the date shown to readers. An item without its own department counts for the
    first department of the nearest column above it; news are items of 动态、要闻 columns."""
    first, last = months[0], months[-1]
    start = timezone.make_aware(datetime(first[0], first[1], 1))
    end_year, end_month = (last[0], last[1] + 1) if last[1] < 12 else (last[0] + 1, 1)
    end = timezone.make_aware(datetime(end_year, end_month, 1))

    columns = {}
    for column in ColumnPage.objects.filter(in_site(site)).prefetch_related("departments"):
        departments = list(column.departments.all())
        columns[column.path] = (departments[0].name if departments else None, column.update_category)
    rows = {d.name: DepartmentRow(d.name) for d in Department.objects.filter(site=site).in_locale()}
    articles = (
        ArticlePage.objects.filter(in_site(site))
        .live()
        .filter(date__gte=start, date__lt=end)
        .values_list("path", "date", "department__name")
    )
    for path, moment, department in articles.iterator():
        column_department, category = _nearest_column(columns, path)
        name = department or column_department or NO_DEPARTMENT
        row = rows.setdefault(name, DepartmentRow(name))
        local = timezone.localtime(moment)
        key = (local.year, local.month)
        row.total[key] += 1
        if category == UpdateCategory.NEWS:
            row.news[key] += 1
    return MonthlyStatistics(site, months, sorted(rows.values(), key=lambda r: (r.name == NO_DEPARTMENT, r.name)))


def _nearest_column(columns, path):
    """(department name, update category) of the nearest column above a page; the category is
    the direct parent's, the department the nearest one that names any."""
    category, department = None, None
    for end in range(len(path) - ColumnPage.steplen, 0, -ColumnPage.steplen):
        if path[:end] in columns:
            name, kind = columns[path[:end]]
            category = category or kind
            department = department or name
            if department:
                break
    return department, category


def default_months(today=None, count=12):
    today = today or timezone.localdate()
    return month_range(date(today.year, today.month, 1), count)
