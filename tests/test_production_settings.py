"""The production stack is switched on by environment variables alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "media_url": default_storage.url("original_images/yundong.jpg"),
    "caches": {name: conf["BACKEND"] for name, conf in settings.CACHES.items()},
    "broker": "redis" if "redis" in settings.Q_CLUSTER else "orm",
    "frontend_cache": list(getattr(settings, "WAGTAILFRONTENDCACHE", {})),
}))
"""


def production(**extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "probe-" + "x" * 60,
        "DATABASE_URL": "postgres://portal@db.internal:5432/portal",
        **extra,
    }
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_media_go_to_s3_compatible_storage_when_a_bucket_is_named():
    probe = production(
        S3_BUCKET="portal-media", S3_ENDPOINT_URL="https://oss.example.cn", S3_CUSTOM_DOMAIN="media.yunzhou.gov.cn"
    )
    assert probe["storage"] == "storages.backends.s3.S3Storage"
    assert probe["media_url"] == "https://media.yunzhou.gov.cn/original_images/yundong.jpg"


def test_redis_serves_cache_pages_and_queue_and_a_cdn_is_purged_when_configured():
    probe = production(REDIS_URL="redis://cache.internal:6379/0", FRONTEND_CACHE_PURGE_URL="http://varnish.internal")
    assert set(probe["caches"].values()) == {"home.redis_cache.SharedClientRedisCache"}
    assert probe["broker"] == "redis"
    assert probe["frontend_cache"] == ["cdn"]


def test_without_redis_the_page_cache_is_shared_on_disk_by_all_processes():
    probe = production()
    assert probe["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert probe["caches"]["pages"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert probe["broker"] == "orm"
