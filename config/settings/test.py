"""pytest settings: fast hashing, in-memory email and cache, tasks run inline."""

import tempfile

from .base import *  # noqa: F403
from .base import Q_CLUSTER

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "home.submissions.QueryCodeHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    # As in production (base.py): at Django's default of 300 entries, culling would drop rate-limit
    # counts once a run's captcha challenges fill the table.
    "limits": {
        "BACKEND": "casework.limits_cache.LimitsCache",
        "LOCATION": "casework_limits",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="govportal-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="govportal-test-private-")
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
# Tasks run inline here: a publish would render its pages at once (tests/test_prerender.py turns it on).
PAGE_CACHE_PRERENDER = False
ALLOWED_HOSTS = ["*"]
STATIC_ROOT = tempfile.mkdtemp(prefix="govportal-test-static-")
# The suite runs on the embedded backend; tests/test_search_elasticsearch.py uses ELASTICSEARCH_URL itself.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
