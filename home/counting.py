"""Counters kept in the default cache, for figures flushed to the database by a task (searches,
page views, questions): the request path never writes to the database to count."""

from django.core.cache import cache


def incr(key, seconds):
    """cache.incr that starts a missing (or just expired) counter at 1 and keeps it `seconds`."""
    if cache.add(key, 1, seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        return 1
