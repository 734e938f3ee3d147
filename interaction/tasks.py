"""Tasks a letter's steps set off (casework.effects.run_later): ids only, each safe to run again."""

from wagtail.models import Page

from casework.effects import take_over
from interaction import notifications
from interaction.models import Letter, LetterEvent


def _letter(letter_id):
    return Letter.objects.select_related("site", "mailbox").get(pk=letter_id)


def send_received(letter_id, page_id, code_token):
    page = Page.objects.filter(pk=page_id).specific().first() if page_id else None
    notifications.letter_received(_letter(letter_id), take_over(code_token, keep=True), page)
    take_over(code_token)  # sent: the code is no longer kept anywhere


def send_declined(event_id):
    event = LetterEvent.objects.select_related("letter__site").get(pk=event_id)
    notifications.letter_declined(event.letter, event)


def send_transferred(letter_id):
    notifications.letter_transferred(_letter(letter_id))


def send_replied(letter_id):
    notifications.letter_replied(_letter(letter_id))
