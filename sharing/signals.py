"""Keeping references true to their source.

Wagtail already republishes an alias whenever its source is published (`Page.update_aliases`,
which sends `page_published` for the alias, so home.page_cache drops the receiving site's cached
pages) and unpublishes it with its source. What it does not do: tell the receiving editors, and,
when the source is deleted, it turns every alias into a standalone stale page (`alias_of` is
SET_NULL). Our references are deleted with their source instead."""

from django.db.models.signals import post_delete, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from sharing import services


def _on_unpublished(sender, instance, **kwargs):
    services.source_withdrawn(instance, "原文已被撤销发布，本站的引用随之撤下。")


def _on_published(sender, instance, **kwargs):
    if not kwargs.get("alias"):
        services.source_republished(instance)


def _before_delete(sender, instance, **kwargs):
    # Deleting a page sends this for its specific row and for its Page row: act once, on the latter.
    if sender is not Page:
        return
    instance._sharing_references = list(services.references_of(instance).values_list("pk", flat=True))
    if instance._sharing_references:
        services.source_withdrawn(instance, "原文已被删除，本站的引用随之删除。", deleted=True)


def _after_delete(sender, instance, **kwargs):
    if sender is not Page:
        return
    for alias in Page.objects.filter(pk__in=getattr(instance, "_sharing_references", None) or []):
        alias.delete()


def connect():
    page_unpublished.connect(_on_unpublished, dispatch_uid="sharing_unpublished")
    page_published.connect(_on_published, dispatch_uid="sharing_published")
    pre_delete.connect(_before_delete, dispatch_uid="sharing_pre_delete")
    post_delete.connect(_after_delete, dispatch_uid="sharing_post_delete")
