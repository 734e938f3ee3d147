"""Keep the index to what readers may see: pages leave it when unpublished or restricted."""

from django.db.models.signals import post_delete, post_save
from modelsearch.index import insert_or_update_object, remove_object
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished


def _remove_unpublished(sender, instance, **kwargs):
    remove_object(instance)


def _remove_restricted(sender, instance, **kwargs):
    for page in Page.objects.descendant_of(instance.page, inclusive=True).specific():
        remove_object(page)


def _reindex_unrestricted(sender, instance, **kwargs):
    for page in Page.objects.descendant_of(instance.page, inclusive=True).live().public().specific():
        insert_or_update_object(page)


def connect():
    page_unpublished.connect(_remove_unpublished, dispatch_uid="search_remove_unpublished")
    post_save.connect(_remove_restricted, sender=PageViewRestriction, dispatch_uid="search_remove_restricted")
    post_delete.connect(_reindex_unrestricted, sender=PageViewRestriction, dispatch_uid="search_reindex_unrestricted")
