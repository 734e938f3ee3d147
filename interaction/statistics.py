"""Figures the auditors check: letters received, handled and on time per site and department,
average working days to reply; surveys and interviews held against the yearly targets."""

from dataclasses import dataclass, field

from django.utils import timezone

from casework.transitions import step_targets
from casework.workdays import WorkCalendar, working_days_between
from interaction.models import InteractionTarget, InterviewPage, Letter, SurveyPage
from interaction.models.targets import DEFAULT_INTERVIEWS, DEFAULT_SURVEYS


def letter_outcomes():
    """{final state: what it counts as}, read from the letter's transition table: every letter
    counts as received; a declined one is not owed a reply; a replied one is handled. A final
    state added to the table must be given its place here (tests/test_letter_tables.py)."""
    targets = step_targets(Letter)
    return {targets["decline"]: "declined", targets["send"]: "handled"}


@dataclass
class LetterFigures:
    label: str
    received: int = 0
    declined: int = 0
    handled: int = 0
    on_time: int = 0
    reply_days: list = field(default_factory=list)

    @property
    def valid(self):
        return self.received - self.declined

    @property
    def handling_rate(self):
        """Handled among the valid letters (declined ones are not owed a reply)."""
        return round(100 * self.handled / self.valid, 1) if self.valid else None

    @property
    def on_time_rate(self):
        return round(100 * self.on_time / self.handled, 1) if self.handled else None

    @property
    def average_days(self):
        return round(sum(self.reply_days) / len(self.reply_days), 1) if self.reply_days else None

    def add(self, letter, calendar, outcomes):
        self.received += 1
        outcome = outcomes.get(letter.status)
        if outcome == "declined":
            self.declined += 1
        elif outcome == "handled" and letter.replied_on:
            self.handled += 1
            self.on_time += letter.replied_on <= letter.due_on
            self.reply_days.append(working_days_between(letter.received_on, letter.replied_on, calendar))


def letter_statistics(letters, calendar=None):
    """(total, [per department]) for the letters given (one site's, one year's…)."""
    calendar, outcomes = calendar or WorkCalendar(), letter_outcomes()
    total, by_department = LetterFigures("合计"), {}
    for letter in letters.select_related("department"):
        name = letter.department.name if letter.department_id else "未交办"
        by_department.setdefault(name, LetterFigures(name)).add(letter, calendar, outcomes)
        total.add(letter, calendar, outcomes)
    return total, sorted(by_department.values(), key=lambda f: (-f.received, f.label))


@dataclass
class YearlyTargets:
    site: object
    year: int
    surveys_held: int
    surveys_target: int
    interviews_held: int
    interviews_target: int
    target_set: bool
    letters: LetterFigures

    @property
    def surveys_met(self):
        return self.surveys_held >= self.surveys_target

    @property
    def interviews_met(self):
        return self.interviews_held >= self.interviews_target


def yearly_targets(site, year=None, now=None, letters=None):
    """Surveys and interviews held this year (started by now, live pages of the site) against
    the site's targets, and the year's letter figures."""
    now = now or timezone.now()
    year = year or timezone.localdate().year
    pages_of_site = {"path__startswith": site.root_page.path, "live": True}
    target = InteractionTarget.objects.filter(site=site, year=year).first()
    surveys = SurveyPage.objects.filter(**pages_of_site, opens_at__year=year, opens_at__lte=now).count()
    interviews = InterviewPage.objects.filter(**pages_of_site, starts_at__year=year, starts_at__lte=now).count()
    if letters is None:
        letters, _ = letter_statistics(Letter.objects.filter(site=site, received_on__year=year))
    return YearlyTargets(
        site=site,
        year=year,
        surveys_held=surveys,
        surveys_target=target.surveys if target else DEFAULT_SURVEYS,
        interviews_held=interviews,
        interviews_target=target.interviews if target else DEFAULT_INTERVIEWS,
        target_set=target is not None,
        letters=letters,
    )
