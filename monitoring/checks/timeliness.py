"""Timeliness of replies: letters, disclosure requests and consultation summaries due soon
or overdue, stale mirror translations. Each feature registers a source here when it exists:

    from monitoring.checks.timeliness import timeliness_source

    @timeliness_source("letters")
    def letters_due(site, today):
        for letter in Letter.objects.filter(site=site, ...):
            yield Observation(key=f"letter:{letter.pk}", severity=..., title=..., department=...)

A source yields `monitoring.registry.Observation`s, keys prefixed with its own name so the
sources never collide. The check runs every source registered when the worker starts."""

from django.utils import timezone

from monitoring.registry import register

SOURCES = {}


def timeliness_source(name):
    def decorate(func):
        SOURCES[name] = func
        return func

    return decorate


@register("timeliness", "答复时效")
def check_timeliness(site):
    today = timezone.localdate()
    for source in SOURCES.values():
        yield from source(site, today)
