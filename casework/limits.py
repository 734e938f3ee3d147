"""Per-address limits on what the public may do, counted by django-ratelimit in the `limits` cache:
Redis when REDIS_URL is set, otherwise the database (settings.CACHES), so that every web process and
machine counts together. settings.FORM_RATE_LIMITS = False switches them off (RATELIMIT_ENABLE)."""

from django_ratelimit.core import get_usage


class RateLimit:
    """At most `limit` events per client address within `window` seconds under `scope`."""

    def __init__(self, scope, limit, window, message):
        self.scope, self.limit, self.window, self.message = scope, limit, window, message

    def _usage(self, request, suffix, increment):
        # "ip" is REMOTE_ADDR (IPv6 by /64): forwarded headers are forged unless a proxy sets them.
        return get_usage(
            request, group=f"{self.scope}{suffix}", key="ip", rate=f"{self.limit}/{self.window}s", increment=increment
        )

    def exceeded(self, request, suffix=""):
        """Whether one more event would go over the limit (never when limits are off)."""
        usage = self._usage(request, suffix, increment=False)
        return usage is not None and usage["count"] >= self.limit

    def hit(self, request, suffix=""):
        self._usage(request, suffix, increment=True)

    def take(self, request, suffix=""):
        """Count one more event and tell whether it went over the limit: one cache round trip, for
        what is counted whether it succeeds or not (searches)."""
        usage = self._usage(request, suffix, increment=True)
        return usage is not None and usage["should_limit"]
