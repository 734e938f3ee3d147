"""Copies the page views counted in the cache (home.pageviews) into PageViewDay: yesterday's and
today's totals, so a rerun writes the same numbers (a django-q2 schedule every 10 minutes)."""

from collections import Counter
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site

from home.pageviews import counted_paths, page_for_path, site_for_host
from yearly_report.models import PageViewDay


def flush(today=None):
    """Returns how many (site, day, address) rows it wrote or confirmed."""
    today = today or timezone.localdate()
    sites = list(Site.objects.select_related("root_page"))
    written = 0
    for day in (today - timedelta(days=1), today):
        # Several host names may reach one site (localhost and 127.0.0.1): their counts add up.
        views, visits = Counter(), Counter()
        for host, path, host_views, host_visits in counted_paths(day):
            site = site_for_host(host, sites)
            if site is not None:
                views[site, path] += host_views
                visits[site, path] += host_visits
        for (site, path), count in views.items():
            row, created = PageViewDay.objects.get_or_create(
                site=site, day=day, path=path, defaults={"page": page_for_path(site, path)}
            )
            # The cache holds the day's running totals; a count already written is never lowered.
            count, entries = max(count, row.views), max(visits[site, path], row.visits)
            if (count, entries) != (row.views, row.visits):
                PageViewDay.objects.filter(pk=row.pk).update(views=count, visits=entries)
            written += 1
    return written
