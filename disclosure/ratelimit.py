"""Per-IP limits kept in Django's cache (shared through Redis when REDIS_URL is set).
settings.FORM_RATE_LIMITS = False switches them off (a load test's clients share one address)."""

from django.conf import settings
from django.core.cache import cache


def enabled():
    return getattr(settings, "FORM_RATE_LIMITS", True)


def client_ip(request):
    # REMOTE_ADDR only: forwarded headers are trivially forged unless a proxy is configured to set them.
    return request.META.get("REMOTE_ADDR", "unknown")


def count(key, window_seconds):
    """Record one more event under key and return how many happened within the window
    (0, recording nothing, when the limits are off)."""
    if not enabled():
        return 0
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        return 1


def current(key):
    return cache.get(key, 0) if enabled() else 0
