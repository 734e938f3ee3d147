"""Keep the index to what readers may see: pages leave it when unpublished or restricted.
Each site's administrators manage its 热门搜索词, shown at once when they change."""

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from modelsearch.index import insert_or_update_object, remove_object
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished

from home.page_cache import replace_tokens, search_token
from home.subsites import SITE_ADMINS
from search import synonyms
from search.models import PopularTerm, SynonymGroup
from search.popular import shown_key


def _remove_unpublished(sender, instance, **kwargs):
    remove_object(instance)


def _remove_restricted(sender, instance, **kwargs):
    for page in Page.objects.descendant_of(instance.page, inclusive=True).specific():
        remove_object(page)


def _reindex_unrestricted(sender, instance, **kwargs):
    for page in Page.objects.descendant_of(instance.page, inclusive=True).live().public().specific():
        insert_or_update_object(page)


POPULAR_TERM_PERMISSIONS = ("add_popularterm", "change_popularterm", "delete_popularterm", "view_popularterm")


def grant_popular_terms(group):
    if group.name.endswith(f"-{SITE_ADMINS}"):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="search", codename__in=POPULAR_TERM_PERMISSIONS)
        )


def _grant_to_new_group(sender, instance, created, **kwargs):
    if created:
        grant_popular_terms(instance)


def _show_popular_terms_now(sender, instance, **kwargs):
    cache.delete(shown_key(instance.site_id))


def _synonyms_changed(sender, **kwargs):
    synonyms.forget()
    replace_tokens([search_token()])  # kept results were found without the group


def _search_page_changed(sender, **kwargs):
    """A promotion or a department (the form's 责任单位 list) changed: kept search pages show the old."""
    replace_tokens([search_token()])


def connect():
    post_save.connect(_synonyms_changed, sender=SynonymGroup, dispatch_uid="search_synonyms_saved")
    post_delete.connect(_synonyms_changed, sender=SynonymGroup, dispatch_uid="search_synonyms_deleted")
    for signal, event in ((post_save, "saved"), (post_delete, "deleted")):
        for sender in ("home.Department", "wagtailsearchpromotions.SearchPromotion", "wagtailsearchpromotions.Query"):
            signal.connect(_search_page_changed, sender=sender, dispatch_uid=f"search_page_{sender}_{event}")
    post_save.connect(_grant_to_new_group, sender=Group, dispatch_uid="search_grant_popular_terms")
    post_save.connect(_show_popular_terms_now, sender=PopularTerm, dispatch_uid="search_popular_saved")
    post_delete.connect(_show_popular_terms_now, sender=PopularTerm, dispatch_uid="search_popular_deleted")
    page_unpublished.connect(_remove_unpublished, dispatch_uid="search_remove_unpublished")
    post_save.connect(_remove_restricted, sender=PageViewRestriction, dispatch_uid="search_remove_restricted")
    post_delete.connect(_reindex_unrestricted, sender=PageViewRestriction, dispatch_uid="search_reindex_unrestricted")
