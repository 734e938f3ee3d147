"""Generating a site's report for a year: a draft YearlyReportPage in the site's 信息公开年报 column
with the figures computed now; generating again refreshes the figures in a new draft revision
(a published report stays as published until the new revision passes review)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from home.models import ColumnPage, ColumnType
from yearly_report.figures import compute
from yearly_report.models import SiteType, YearlyReportPage

FIRST_YEAR = 2000


def report_page(site, year):
    return YearlyReportPage.objects.descendant_of(site.root_page).filter(year=year).order_by("pk").first()


def report_column(site):
    return (
        ColumnPage.objects.descendant_of(site.root_page)
        .filter(column_type=ColumnType.DISCLOSURE_REPORT)
        .order_by("path")
        .first()
    )


def check_year(year, today=None):
    """A report covers a finished year (or the current one, for a preview of its figures)."""
    latest = (today or timezone.localdate()).year
    if not FIRST_YEAR <= year <= latest:
        raise ValidationError(f"报表年度须在{FIRST_YEAR}年至{latest}年之间。")


def generate(site, year, user=None):
    """The report page of the site and year, created or with its figures refreshed (as a draft)."""
    check_year(year)
    figures = compute(site, year)
    page = report_page(site, year)
    if page is None:
        column = report_column(site)
        if column is None:
            raise ValidationError("本网站没有“信息公开年报”类型的栏目，请先在栏目设置中指定。")
        name = figures["identity"]["name"]
        page = YearlyReportPage(
            title=f"{name}{year}年政府网站工作年度报表",
            slug=f"wzndbb-{year}",
            year=year,
            live=False,
            site_type=SiteType.PORTAL if site.is_default_site else SiteType.DEPARTMENT,
            summary=f"{name}{year}年政府网站工作年度报表（依据国办函〔2018〕12号）。",
            body=[
                (
                    "paragraph",
                    f"<p>根据《国务院办公厅关于印发〈政府网站发展指引〉的通知》及国办函〔2018〕12号要求，现将{name}{year}年政府网站工作年度报表公布如下。</p>",
                )
            ],
            source=figures["identity"]["organiser"],
            figures=figures,
            generated_at=timezone.now(),
        )
        column.add_child(instance=page)
    else:
        page = page.get_latest_revision_as_object()
        page.figures, page.generated_at = figures, timezone.now()
    page.save_revision(user=user, log_action=True)
    return page
