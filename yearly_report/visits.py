"""Copies the page views counted in the cache (home.pageviews) into PageViewDay: yesterday's and
today's totals, so a rerun writes the same numbers (a django-q2 schedule every 10 minutes)."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site

from home.pageviews import counted_paths, page_for_path
from yearly_report.models import PageViewDay


def flush(today=None):
    today = today or timezone.localdate()
    sites = Site.objects.select_related("root_page").in_bulk()
    written = 0
    for day in (today - timedelta(days=1), today):
        for site_id, path, views, entries in counted_paths(day):
            site = sites.get(site_id)
            if site is None or not views:
                continue
            row, created = PageViewDay.objects.get_or_create(
                site=site, day=day, path=path, defaults={"page": page_for_path(site, path)}
            )
            # The cache holds the day's running totals; a count already written is never lowered.
            views, entries = max(views, row.views), max(entries, row.visits)
            if created or (views, entries) != (row.views, row.visits):
                PageViewDay.objects.filter(pk=row.pk).update(views=views, visits=entries)
            written += 1
    return written
