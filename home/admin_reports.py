"""Wagtail's page-types report counts the pages of every site and names the last edited page of
each type, drafts included: for anyone but a platform administrator, only the pages of the
sites the user manages (home.scoping.sites_for_user) count."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from home.scoping import sites_for_user


class SitePageTypesUsageReportView(PageTypesUsageReportView):
    def get_queryset(self):
        if self.request.user.is_superuser:
            return super().get_queryset()
        roots = [site.root_page.path for site in sites_for_user(self.request.user).select_related("root_page")]
        pages, counted = Q(pk__in=[]), Q(pk__in=[])
        for root in roots:
            pages |= Q(path__startswith=root)
            counted |= Q(pages__path__startswith=root)
        # Wagtail's own queryset chooses the page types and reads the filters; the figures are redone.
        types = ContentType.objects.filter(pk__in=[page_type.pk for page_type in super().get_queryset()])
        cleaned = self.filters.form.cleaned_data
        if language_code := cleaned.get("page_locale"):
            pages &= Q(locale__language_code=language_code)
            counted &= Q(pages__locale__language_code=language_code)
        if site_root_path := cleaned.get("site"):
            pages &= Q(path__startswith=site_root_path)
            counted &= Q(pages__path__startswith=site_root_path)
        latest = Page.objects.filter(pages, content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return types.annotate(
            count=Count("pages", filter=counted), last_edited_page_id=Subquery(latest.values("pk")[:1])
        ).order_by("-count", "app_label", "model")
