"""Production: refuses to start without a secret key and a database URL."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SILENCED_SYSTEM_CHECKS, env

for required in ("SECRET_KEY", "DATABASE_URL"):
    if not env(required, default=""):
        raise ImproperlyConfigured(f"{required} must be set in production")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview shows pages in a frame of the same origin, so DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]

# Documents are links to their files (MEDIA_URL on the web server, or the bucket), not streamed
# through Django: the web server in front (deploy/Caddyfile) serves /media/ and /static/ from disk.
WAGTAILDOCS_SERVE_METHOD = env("WAGTAILDOCS_SERVE_METHOD", default="direct")
