"""Yearly targets: surveys and interviews held this year against the site's targets, and the
letter handling rate, per site for the staff who manage it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from home.models import Department
from interaction import letters
from interaction.models import InteractionTarget
from interaction.statistics import yearly_targets
from tests.test_interaction_helpers import (  # noqa: F401
    add_interview,
    add_mailbox,
    add_survey,
    fresh_cache_and_private_media,
    make_letter,
    reviewer,
    staff,
)

pytestmark = pytest.mark.django_db


def test_targets_count_what_was_held_this_year(client, portal, sport):
    now = timezone.now()
    add_survey(portal, slug="done", opens_days_ago=(now - now.replace(month=1, day=2)).days)
    add_survey(portal, slug="later", opens_days_ago=-3)  # not opened yet: not held
    add_interview(portal)
    InteractionTarget.objects.create(site=portal, year=now.year, surveys=2, interviews=1)
    mailbox = add_mailbox(portal)
    handler, approver = staff(portal, "handler"), reviewer(portal)
    replied = make_letter(portal, mailbox, received_on=timezone.localdate() - timedelta(days=3))
    letters.accept(replied, handler)
    letters.assign(replied, handler, Department.objects.filter(site=portal).first())
    letters.draft(replied, handler, "答复")
    letters.approve(replied, approver)
    letters.send(replied, handler)
    make_letter(portal, mailbox)

    targets = yearly_targets(portal)
    assert (targets.surveys_held, targets.surveys_target, targets.surveys_met) == (1, 2, False)
    assert (targets.interviews_held, targets.interviews_target, targets.interviews_met) == (1, 1, True)
    assert targets.letters.handling_rate == 50.0
    defaults = yearly_targets(sport)
    assert not defaults.target_set and defaults.surveys_target == 4 and defaults.letters.handling_rate is None

    client.force_login(handler)
    text = client.get("/admin/interaction/statistics/").content.decode()
    assert "年度目标" in text and "网上调查" in text and "50.0%" in text and "测试市体育局" not in text
