"""Settings of the site benchmark: production's, with a collected-static directory and a cache
key prefix of the benchmark's own (so a run never reads another run's or another user's pages).

    DJANGO_SETTINGS_MODULE=site_settings  SITE_BENCH_STATIC_ROOT=/tmp/...  SITE_BENCH_CACHE_PREFIX=...
"""

import os
import tempfile

from config.settings.production import *  # noqa: F403
from config.settings.production import CACHES, STATIC_ROOT

STATIC_ROOT = os.environ.get("SITE_BENCH_STATIC_ROOT", STATIC_ROOT)
for alias, cache in CACHES.items():
    cache["KEY_PREFIX"] = f"{os.environ.get('SITE_BENCH_CACHE_PREFIX', 'sitebench')}-{alias}"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
if "pages" in CACHES and CACHES["pages"]["BACKEND"].endswith("FileBasedCache"):
    # Never the checkout's own cache directory.
    CACHES["pages"]["LOCATION"] = os.environ.get(
        "SITE_BENCH_PAGE_CACHE_DIR", os.path.join(tempfile.gettempdir(), "sitebench", "page-cache")
    )
