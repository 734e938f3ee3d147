"""Wagtail's page chooser, browsing into a page, names that page (and its ancestors) in its header
whatever the construct_page_chooser_queryset hooks let the listing show: a sub-site user who types
another site's draft id would read the draft's title. The page browsed into must be one the hooks
let the user see, as its children must."""

from django.http import Http404
from wagtail import hooks
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page


class ScopedBrowseView(BrowseView):
    def get(self, request, parent_page_id=None):
        if parent_page_id:
            parent = Page.objects.filter(pk=parent_page_id)
            for hook in hooks.get_hooks("construct_page_chooser_queryset"):
                parent = hook(parent, request)
            if not parent.exists():
                raise Http404
        return super().get(request, parent_page_id)
