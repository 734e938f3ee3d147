"""Sources of monitoring's 答复时效 check: letters, consultation summaries and interview
questions due within 3 working days or overdue."""

from casework.posts import Moderation
from casework.workdays import WorkCalendar, working_days_left
from interaction.letters import open_letters
from interaction.models import ConsultationPage, InterviewPage, InterviewQuestion
from monitoring.checks.timeliness import timeliness_source
from monitoring.models import Severity
from monitoring.registry import Observation

DUE_SOON_DAYS = 3


def _severity(left):
    return Severity.ERROR if left < 0 else Severity.WARNING


def _when(left):
    return f"已超期{-left}个工作日" if left < 0 else f"{left}个工作日内到期"


@timeliness_source("letters")
def letters_due(site, today):
    calendar = WorkCalendar()
    for letter in open_letters().filter(site=site).select_related("department"):
        left = working_days_left(letter.due_on, today, calendar)
        if left <= DUE_SOON_DAYS:
            yield Observation(
                key=f"letters:{letter.pk}",
                severity=_severity(left),
                title=f"来信 {letter.number} {_when(left)}（期限 {letter.due_on:%Y-%m-%d}）",
                detail=f"状态：{letter.get_status_display()}",
                department=letter.department,
            )


@timeliness_source("consultation_summaries")
def consultation_summaries_due(site, today):
    calendar = WorkCalendar()
    pages = (
        ConsultationPage.objects.live()
        .descendant_of(site.root_page)
        .filter(decided_on__isnull=False, result_published_on__isnull=True)
    )
    for page in pages:
        left = working_days_left(page.summary_due, today, calendar)
        if left <= DUE_SOON_DAYS:
            yield Observation(
                key=f"consultation_summaries:{page.pk}",
                severity=_severity(left),
                title=f"意见征集《{page.title}》采纳情况{_when(left)}未公布",
                detail=f"决策日期 {page.decided_on:%Y-%m-%d}，须在 {page.summary_due:%Y-%m-%d} 前公布。",
                page=page,
                department=page.department,
            )


@timeliness_source("interview_questions")
def interview_questions_due(site, today):
    calendar = WorkCalendar()
    for page in InterviewPage.objects.live().descendant_of(site.root_page):
        if page.state() != "ended":
            continue
        waiting = InterviewQuestion.objects.filter(page=page, answer="").exclude(status=Moderation.REJECTED).count()
        left = working_days_left(page.answers_due, today, calendar)
        if waiting and left <= DUE_SOON_DAYS:
            yield Observation(
                key=f"interview_questions:{page.pk}",
                severity=_severity(left),
                title=f"在线访谈《{page.title}》有{waiting}个网友提问{_when(left)}未答复",
                page=page,
                department=page.department,
            )
