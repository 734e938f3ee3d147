"""Disclosure requests due soon or overdue become findings of monitoring's 答复时效 check."""

from datetime import timedelta

from django.utils import timezone

from disclosure.timeliness import disclosure_requests_due
from monitoring.models import Finding
from monitoring.registry import run_check
from tests.test_disclosure_factories import make_request


def test_overdue_and_due_soon_requests_are_findings_without_personal_data(portal):
    today = timezone.localdate()
    overdue = make_request(portal, received_on=today - timedelta(days=60))
    make_request(portal, received_on=today)  # due in 20 working days: not reported
    observations = list(disclosure_requests_due(portal, today))
    assert [o.key for o in observations] == [f"disclosure:{overdue.pk}"]
    assert observations[0].severity == "error" and "已超期" in observations[0].title
    assert overdue.name not in observations[0].title + observations[0].detail

    run_check("timeliness", portal)
    run_check("timeliness", portal)  # a rerun adds nothing
    assert Finding.objects.filter(site=portal, check_name="timeliness").count() == 1
