"""The knowledge rests on published pages, FAQ entries, approved letters and search's synonym
groups: any change to one of them makes every process rebuild its index on the next question
(answers.knowledge)."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from answers import knowledge
from answers.models import FaqEntry
from home.subsites import EDITORS, SITE_ADMINS


def _changed(sender, **kwargs):
    knowledge.changed()


def _page_changed(sender, instance, **kwargs):
    """Most publishing is news the knowledge does not hold: rebuilding for it would cost a large
    site's next question a rebuild for nothing."""
    if knowledge.may_hold(instance) or FaqEntry.objects.filter(source_page_id=instance.pk).exists():
        knowledge.changed()


def connect():
    for signal in (page_published, page_unpublished):
        signal.connect(_page_changed, dispatch_uid=f"answers-{id(signal)}")
    post_page_move.connect(_changed, dispatch_uid="answers-page-move")
    for signal in (post_save, post_delete):
        signal.connect(_changed, sender=FaqEntry, dispatch_uid=f"answers-faq-{id(signal)}")
        # Approving a letter's public version, or withdrawing it (by name: same layer as answers).
        signal.connect(_changed, sender="interaction.Letter", dispatch_uid=f"answers-letter-{id(signal)}")
        # A synonym group an administrator adds or changes (search's, which 智能问答 shares).
        signal.connect(_changed, sender="search.SynonymGroup", dispatch_uid=f"answers-synonyms-{id(signal)}")
    post_save.connect(_grant_to_new_group, sender=Group, dispatch_uid="answers-grant-faq")


FAQ_PERMISSIONS = ("add_faqentry", "change_faqentry", "delete_faqentry", "view_faqentry")
FAQ_GROUPS = (f"-{EDITORS}", f"-{SITE_ADMINS}")


def grant_faq_entries(group):
    """A site's editors and administrators keep its FAQ entries (migration 0002 for older groups)."""
    if group.name.endswith(FAQ_GROUPS):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="answers", codename__in=FAQ_PERMISSIONS)
        )


def _grant_to_new_group(sender, instance, created, **kwargs):
    if created:
        grant_faq_entries(instance)
