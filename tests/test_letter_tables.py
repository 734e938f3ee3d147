"""The letter's transition table is the one place the tracking page and the statistics read: which
steps the writer sees, and how each final state counts."""

import pytest

from casework.transitions import final_states, tracked_events
from home.models import Department
from interaction import letters
from interaction.choices import OPEN_LETTER_STATUSES, LetterEventKind, LetterStatus
from interaction.models import Letter
from interaction.statistics import letter_outcomes
from tests.test_interaction_helpers import add_mailbox, fresh_cache_and_private_media, get, make_letter, staff  # noqa: F401

pytestmark = pytest.mark.django_db


def test_every_final_state_of_a_letter_counts_in_the_statistics():
    # A state added to the table that no step leads out of fails here until the figures count it.
    assert set(letter_outcomes()) == final_states(Letter) == {LetterStatus.DECLINED, LetterStatus.REPLIED}
    assert set(OPEN_LETTER_STATUSES) == set(LetterStatus.values) - final_states(Letter)


def test_the_writer_sees_the_steps_the_table_marks_as_tracked(client, portal):
    assert tracked_events(Letter) == {
        LetterEventKind.ACCEPTED,
        LetterEventKind.DECLINED,
        LetterEventKind.TRANSFERRED,
        LetterEventKind.EXTENDED,
        LetterEventKind.REPLIED,
    }
    mailbox = add_mailbox(portal)
    letter = make_letter(portal, mailbox)
    clerk = staff(portal, "clerk")
    letters.accept(letter, clerk)
    letters.assign(letter, clerk, Department.objects.filter(site=portal).first(), note="请三日内拟稿")
    letters.extend(letter, clerk, 5, "需现场核实")
    client.post(mailbox.url + "track/", {"number": letter.number, "code": letter.query_code}, HTTP_HOST="portal.test")
    page = get(client, mailbox.url + "track/").content.decode()
    assert "来信登记" in page and "受理" in page and "延期" in page
    assert "交办" not in page and "请三日内拟稿" not in page  # internal steps stay internal
