"""Column freshness (更新时限) and empty columns (空栏目).

Only columns that list items are judged: link columns forward elsewhere and a column with
sub-columns is a heading whose sub-columns are judged themselves. 基本信息 columns have no
update limit, so they can be empty-checked but never go stale."""

from dataclasses import dataclass

from django.utils import timezone

from home.models import ArticlePage, ColumnPage
from monitoring.content import in_site
from monitoring.models import Severity
from monitoring.registry import Observation, register

WARN_AT = 0.8  # share of the update limit after which a column is about to go stale


@dataclass
class ColumnState:
    column: ColumnPage
    newest: object  # datetime shown on the newest item, or None when the column is empty


def column_states(site):
    """Every listing column of the site with the date of its newest published item, in two
    queries however many columns there are."""
    columns = list(
        ColumnPage.objects.filter(in_site(site)).live().public().prefetch_related("departments").order_by("path")
    )
    parents = {c.path[: -ColumnPage.steplen] for c in columns}
    listing = [c for c in columns if not c.is_link and c.path not in parents]
    newest = {}
    if listing:
        articles = ArticlePage.objects.filter(in_site(site)).live().public().values_list("path", "date")
        wanted = {c.path for c in listing}
        for path, date in articles.iterator():
            for end in range(ColumnPage.steplen, len(path), ColumnPage.steplen):
                prefix = path[:end]
                if prefix in wanted and (prefix not in newest or newest[prefix] < date):
                    newest[prefix] = date
    return [ColumnState(c, newest.get(c.path)) for c in listing]


def _department(column):
    return next(iter(column.departments.all()), None)


@register("freshness", "栏目更新")
def check_freshness(site, now=None):
    now = now or timezone.now()
    for state in column_states(site):
        column, limit = state.column, state.column.update_limit
        if state.newest is None or limit is None:
            continue
        age = now - state.newest
        if age < limit * WARN_AT:
            continue
        overdue = age > limit
        yield Observation(
            key=f"column:{column.pk}",
            severity=Severity.ERROR if overdue else Severity.WARNING,
            title=f"栏目“{column.title}”{'超期未更新' if overdue else '即将超期'}",
            detail=(
                f"最近一条信息发布于 {timezone.localtime(state.newest):%Y-%m-%d}，已 {age.days} 天未更新；"
                f"更新时限 {limit.days} 天。"
            ),
            target=column.url_path,
            page=column,
            department=_department(column),
        )


@register("empty_columns", "空栏目")
def check_empty_columns(site):
    for state in column_states(site):
        if state.newest is not None:
            continue
        column = state.column
        yield Observation(
            key=f"column:{column.pk}",
            severity=Severity.ERROR,
            title=f"空栏目“{column.title}”",
            detail="栏目下没有任何已发布的信息。",
            target=column.url_path,
            page=column,
            department=_department(column),
        )
