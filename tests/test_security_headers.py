"""Security headers on the public sites, HSTS and the HTTPS redirect under production
settings, and Django's deployment checks against the production settings module."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
HOST = {"HTTP_HOST": "portal.test"}


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


def test_public_pages_carry_csp_nosniff_and_referrer_policy(client, portal):
    for url in ("/", "/search/?q=公开", "/tzgg/"):
        response = client.get(url, **HOST)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]  # no inline script, no eval, no outside origin
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"] and policy["base-uri"] == ["'self'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
        assert "Strict-Transport-Security" not in response  # not over plain http, not in test settings


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SECURE_SSL_REDIRECT=False,
)
def test_hsts_is_sent_on_https_only(client, portal):
    secure = client.get("/", secure=True, **HOST)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in client.get("/", **HOST)


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"])
def test_plain_http_is_redirected_to_https_except_the_health_check(client, portal):
    response = client.get("/tzgg/", **HOST)
    assert response.status_code == 301 and response["Location"] == "https://portal.test/tzgg/"
    assert client.get("/healthz").status_code == 200


def test_production_settings_pass_the_deployment_checks():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-production-like-secret-key-" + "x7Kp2Qz9" * 8,
        "DATABASE_URL": "sqlite:////tmp/h2sec-deploy-check.sqlite3",
        "ALLOWED_HOSTS": "www.yunzhou.gov.cn",
    }
    env.pop("DEBUG", None)
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING'); "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split()[-5:] == ["31536000", "True", "True", "True", "False"]
