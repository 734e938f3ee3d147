"""Rate limits and captchas hold across web processes: under gunicorn's several workers a script gets
no more than the limit, and a solved captcha is good for one submission wherever it is posted."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
import django
django.setup()
from django.test import RequestFactory
from casework.limits import RateLimit
from casework import captcha
from django.core.cache import caches
limit = RateLimit("probe", 5, 3600, "")
request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
"""


def in_new_process(env, code):
    """Run code in a fresh interpreter (as another gunicorn worker would) and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", SETUP + code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_limits_and_captchas_are_shared_by_every_process(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path}/shared.db",
        "FORM_RATE_LIMITS": "true",
        "REDIS_URL": "",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "casework", "-v0"], cwd=ROOT, env=env, check=True)
    from casework import captcha

    assert in_new_process(env, "for _ in range(3): limit.hit(request)\nprint(limit.exceeded(request))") == "False"
    assert in_new_process(env, "for _ in range(2): limit.hit(request)\nprint(limit.exceeded(request))") == "True"
    assert in_new_process(env, "print(limit.exceeded(RequestFactory().post('/', REMOTE_ADDR='198.51.100.7')))") == (
        "False"
    )

    # A challenge made by one process is answered in another, and spent for a third.
    token, code = in_new_process(env, "c = captcha.Challenge()\nprint(c.token, c.code)").split()
    assert in_new_process(env, f"print(captcha.check('{token}', '{code}'))") == "None"
    assert in_new_process(env, f"print(captcha.check('{token}', '{code}'))") == captcha.MISSING
