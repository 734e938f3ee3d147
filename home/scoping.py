"""Which sites of the group a user manages, and the pieces that scope admin data by site.

Wagtail shares snippets, users and groups across all sites, so every model of ours that
belongs to a site inherits `SiteOwned`; admin listings, forms and hooks here then show a
user only the sites whose pages they hold permissions on.
"""

from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import GroupPagePermission, Page, Site


def sites_for_user(user):
    """Sites whose page tree, or a mirror's tree, holds any page permission of the user's groups
    (all sites, for superusers). A mirror's home page is a translation of the site's root page
    in a tree of its own, so its translators manage the site too."""
    if not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    cached = getattr(user, "_managed_site_ids", None)
    if cached is None:
        paths = list(
            GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True).distinct()
        )
        sites = list(Site.objects.select_related("root_page"))
        roots = Page.objects.filter(translation_key__in=[site.root_page.translation_key for site in sites])
        root_paths = {}
        for root in roots.values("translation_key", "path"):
            root_paths.setdefault(root["translation_key"], []).append(root["path"])
        cached = [
            site.pk
            for site in sites
            if any(
                root.startswith(path) or path.startswith(root)
                for root in root_paths.get(site.root_page.translation_key, [site.root_page.path])
                for path in paths
            )
        ]
        user._managed_site_ids = cached
    return Site.objects.filter(pk__in=cached)


def user_manages_site(user, site_id):
    return sites_for_user(user).filter(pk=site_id).exists()


class SiteOwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(site__in=sites_for_user(user))


class SiteOwnedForm(WagtailAdminModelForm):
    """Offers only the sites the editing user manages."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "site" in self.fields:
            sites = sites_for_user(for_user)
            self.fields["site"].queryset = sites
            if not self.instance.pk and sites.count() == 1:
                self.fields["site"].initial = sites.first().pk


class SiteOwned(models.Model):
    """A record that belongs to one site of the group (departments, requests, letters, findings)."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, verbose_name="所属网站", related_name="%(app_label)s_%(class)s_set"
    )

    objects = SiteOwnedQuerySet.as_manager()
    base_form_class = SiteOwnedForm

    class Meta:
        abstract = True


class SiteScopedViewSetMixin:
    """For a SnippetViewSet/ModelViewSet of a SiteOwned model: list only the user's sites.
    Edit and delete of other sites' records are refused by the hooks in wagtail_hooks.py."""

    def get_queryset(self, request):
        return self.model.objects.for_user(request.user)
