"""The figures of a site's yearly website work report, computed from the platform's own data: page
views, items published, topics, disclosure requests, letters, surveys, consultations, interviews,
找错 reports, searches and monitoring findings. `compute` returns plain numbers and strings (kept as
JSON on the report page, so a published report does not move when the data does)."""

from collections import Counter
from datetime import date, datetime, time

from django.db.models import Count, Q, Sum
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from answers.models import FaqEntry, MonthlyStat
from casework.workdays import WorkCalendar
from disclosure.annual_report import build_table2, build_table3
from disclosure.models import DisclosureIndexPage, InterpretationPage
from feedback.models import ErrorReport, ReportStatus
from home.models import ArticlePage, ColumnPage, ColumnType, TopicPage
from interaction.models import ConsultationPage, InterviewPage, InterviewQuestion, Letter, Opinion, SurveyPage
from interaction.statistics import letter_statistics
from monitoring.models import Finding, FindingStatus
from yearly_report.models import PageViewDay

OVERVIEW_TYPES = {ColumnType.OVERVIEW, ColumnType.FUNCTIONS, ColumnType.LEADERS}


def _year_bounds(year):
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))
    return start, timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min))


def _column_types(root):
    """{path: column type} of the site's columns; a column without a type takes its parent's."""
    columns = ColumnPage.objects.descendant_of(root).order_by("path").values_list("path", "column_type")
    types = {}
    for path, kind in columns:
        types[path] = kind or types.get(path[: -ColumnPage.steplen], "")
    return types


def identity(site):
    root = site.root_page.specific
    return {
        "name": site.site_name or root.title,
        "url": site.root_url + "/",
        "organiser": getattr(root, "organiser", ""),
        "undertaker": getattr(root, "undertaker", ""),
        "site_code": getattr(root, "site_code", ""),
        "icp_number": getattr(root, "icp_number", ""),
        "police_number": getattr(root, "police_number", ""),
    }


def visits(site, year):
    totals = PageViewDay.objects.filter(site=site, day__year=year).aggregate(
        all_views=Sum("views"), all_visits=Sum("visits"), searches=Sum("views", filter=Q(path__endswith="/search/"))
    )
    return {"views": totals["all_views"] or 0, "visits": totals["all_visits"] or 0, "searches": totals["searches"] or 0}


def published(site, year):
    """Items published in the year, in total, by the national table's three kinds (概况类, 政务动态,
    信息公开目录), by content type and by first-level column."""
    root = site.root_page
    start, end = _year_bounds(year)
    items = ArticlePage.objects.live().descendant_of(root).filter(date__gte=start, date__lt=end)
    rows = list(items.values_list("path", "content_type__model"))
    types = _column_types(root)
    catalogs = list(DisclosureIndexPage.objects.descendant_of(root).values_list("path", flat=True))
    first_level = dict(ColumnPage.objects.child_of(root).values_list("path", "title"))
    by_kind, by_column = Counter(), Counter()
    overview = news = catalog = interpretation = response = 0
    for path, model in rows:
        kind = types.get(path[: -ColumnPage.steplen], "")
        overview += kind in OVERVIEW_TYPES
        news += kind == ColumnType.NEWS
        catalog += kind == ColumnType.DISCLOSURE_CATALOG or any(path.startswith(c) for c in catalogs)
        interpretation += kind == ColumnType.INTERPRETATION or model == InterpretationPage._meta.model_name
        response += kind == ColumnType.RESPONSE
        by_kind[model] += 1
        column = first_level.get(path[: (root.depth + 1) * ColumnPage.steplen])
        if column:
            by_column[column] += 1
    names = {m._meta.model_name: str(m._meta.verbose_name) for m in [ArticlePage, *_all_subclasses(ArticlePage)]}
    return {
        "total": len(rows),
        "overview": overview,
        "news": news,
        "catalog": catalog,
        "interpretation": interpretation,
        "response": response,
        "by_kind": [[names.get(model, model), n] for model, n in by_kind.most_common()],
        "by_column": [[title, n] for title, n in by_column.most_common()],
    }


def _all_subclasses(model):
    for sub in model.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def topics(site, year):
    live = TopicPage.objects.live().descendant_of(site.root_page)
    start, end = _year_bounds(year)
    return {
        "maintained": live.filter(first_published_at__lt=end).count(),
        "new": live.filter(first_published_at__gte=start, first_published_at__lt=end).count(),
    }


def disclosure(site, year):
    rows = {row.key: row.total for row in build_table3(site, year)}
    documents = build_table2(site, year)["documents"]
    return {
        "requests_new": rows["new"],
        "requests_carried_in": rows["carried_in"],
        "requests_closed": rows["7"],
        "requests_carried_out": rows["carried_out"],
        "documents_made": sum(block["made"] for block in documents),
        "documents_in_force": sum(block["in_force"] for block in documents),
    }


def interaction(site, year):
    root = site.root_page
    start, end = _year_bounds(year)
    total, _ = letter_statistics(Letter.objects.filter(site=site, received_on__year=year), WorkCalendar())
    surveys = SurveyPage.objects.live().descendant_of(root).filter(opens_at__gte=start, opens_at__lt=end)
    consultations = ConsultationPage.objects.live().descendant_of(root).filter(opens_on__year=year)
    interviews = InterviewPage.objects.live().descendant_of(root).filter(starts_at__gte=start, starts_at__lt=end)
    questions = InterviewQuestion.objects.filter(page__in=interviews)
    return {
        "letters_received": total.received,
        "letters_answered": total.handled,
        "letters_average_days": total.average_days or 0,
        "letters_public": Letter.objects.published().filter(site=site, replied_on__year=year).count(),
        "surveys": surveys.count(),
        "survey_answers": FormSubmission.objects.filter(page__in=surveys).count(),
        "survey_results": surveys.filter(results_published=True).count(),
        "consultations": consultations.count(),
        "opinions": Opinion.objects.filter(page__in=consultations).count(),
        "consultation_results": consultations.filter(result_published_on__isnull=False).count(),
        "interviews": interviews.count(),
        "interview_questions": questions.count(),
        "interview_answers": questions.filter(answered_at__isnull=False).count(),
    }


def feedback(site, year):
    reports = ErrorReport.objects.filter(site=site, received_on__year=year)
    answered = reports.filter(status=ReportStatus.REPLIED)
    on_time = sum(replied <= due for replied, due in answered.values_list("replied_on", "due_on"))
    return {"received": reports.count(), "answered": answered.count(), "on_time": on_time}


def security(site, year):
    found = Finding.objects.filter(site=site, first_seen__year=year).exclude(check_name="feedback")
    counts = found.aggregate(total=Count("pk"), fixed=Count("pk", filter=Q(status=FindingStatus.RESOLVED)))
    return {"findings": counts["total"], "fixed": counts["fixed"]}


def answers(site, year):
    """智能问答 (the answers app): whether the site offers it, questions asked and answered."""
    asked = MonthlyStat.objects.filter(site=site, month__year=year).aggregate(
        asked=Sum("asked"), answered=Sum("answered")
    )
    return {
        "offered": FaqEntry.objects.filter(site=site, live=True).exists(),
        "asked": asked["asked"] or 0,
        "answered": asked["answered"] or 0,
    }


def has_mirror(site):
    root = site.root_page
    return Page.objects.filter(translation_key=root.translation_key, live=True).exclude(locale=root.locale_id).exists()


def compute(site, year):
    return {
        "mirrors": has_mirror(site),
        "year": year,
        "identity": identity(site),
        "visits": visits(site, year),
        "published": published(site, year),
        "topics": topics(site, year),
        "disclosure": disclosure(site, year),
        "interaction": interaction(site, year),
        "feedback": feedback(site, year),
        "security": security(site, year),
        "answers": answers(site, year),
    }
