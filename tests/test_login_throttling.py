"""Admin login throttling (django-axes) over real HTTP against the production settings: a
gunicorn server on its own migrated database, clients on distinct loopback addresses.

The database is a fresh SQLite file, or a fresh PostgreSQL database when the suite runs on
PostgreSQL (DATABASE_URL), so that the lockout records are shown to work on both."""

import http.client
import os
import re
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.test_services import free_port

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Lockout-test-2026"
LIMIT = 5  # AXES_FAILURE_LIMIT


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('axes') / 'db.sqlite3'}"
        return
    import psycopg

    name = f"axes_{uuid.uuid4().hex[:10]}"
    admin_url = suite_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    yield suite_url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "throttling-test-" + "k3Vq8xZ2" * 8,
        "DATABASE_URL": database_url,
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }
    env.pop("DEBUG", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=600)
    # The admin's pages name their static files through the manifest that production builds.
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=600)
    script = f"""
from django.contrib.auth.models import Permission
from accounts.models import User
User.objects.create_superuser("platform_admin", password={PASSWORD!r})
for name in ("sport_editor", "sport_shenhe"):
    User.objects.create_user(name, password={PASSWORD!r}).user_permissions.add(
        Permission.objects.get(codename="access_admin")
    )
"""
    subprocess.run([*manage, "shell", "-c", script], cwd=ROOT, env=env, check=True, timeout=120)
    port = free_port()
    log = tmp_path_factory.mktemp("axes-log") / "server.log"
    with open(log, "w") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=20)


class Browser:
    """One visitor at one loopback address. The production cookies are Secure, so the visitor
    speaks through an HTTPS-terminating proxy (X-Forwarded-Proto) and keeps cookies itself."""

    def __init__(self, port, address):
        self.port, self.address, self.cookies = port, address, SimpleCookie()

    def request(self, method, path, form=None, wait=60):
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}/admin/login/",
            "Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        deadline = time.monotonic() + wait
        while True:  # the server may still be starting
            try:
                connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=wait, source_address=(self.address, 0)
                )
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        connection.close()
        return response.status, response.headers, text

    def log_in(self, username, password):
        status, _, page = self.request("GET", "/admin/login/")
        assert status == 200, page[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
        return self.request("POST", "/admin/login/", form)


def logs_in(status, headers):
    return status == 302 and headers["Location"] == "/admin/"


def test_wrong_passwords_lock_the_account_from_any_address_and_the_address_for_any_account(server):
    port, log = server

    # Per account: one wrong password from each of five addresses locks sport_editor everywhere.
    for n in range(LIMIT):
        status, _, page = Browser(port, f"127.0.0.{10 + n}").log_in("sport_editor", "wrong-password")
        assert status in (200, 429), page[:500]
    status, _, page = Browser(port, "127.0.0.20").log_in("sport_editor", PASSWORD)
    assert status == 429
    assert "登录已暂停" in page and "30 分钟后再试" in page
    assert logs_in(*Browser(port, "127.0.0.21").log_in("sport_shenhe", PASSWORD)[:2])  # others unaffected

    # Per address: five wrong guesses at different accounts lock the address for every account.
    guesser = Browser(port, "127.0.0.30")
    for n in range(LIMIT):
        guesser.log_in(f"guess{n}", "wrong-password")
    assert guesser.log_in("platform_admin", PASSWORD)[0] == 429
    assert logs_in(*Browser(port, "127.0.0.31").log_in("platform_admin", PASSWORD)[:2])

    # Logged in the server log, and shown to a platform administrator, who lifts a lockout.
    lockouts = [line for line in log.read_text().splitlines() if "AXES: Locking out" in line]
    assert any('username: "sport_editor"' in line for line in lockouts)
    assert any('ip_address: "127.0.0.30"' in line for line in lockouts)
    admin = Browser(port, "127.0.0.32")
    assert logs_in(*admin.log_in("platform_admin", PASSWORD)[:2])
    status, _, listing = admin.request("GET", "/admin/login-lockouts/")
    assert status == 200
    assert "sport_editor" in listing and "127.0.0.30" in listing
    # A site's staff do not see it.
    staff = Browser(port, "127.0.0.33")
    assert logs_in(*staff.log_in("sport_shenhe", PASSWORD)[:2])
    assert staff.request("GET", "/admin/login-lockouts/")[0] in (302, 403)


def test_there_is_no_second_login_page(server):
    port, _ = server
    status, _, _ = Browser(port, "127.0.0.40").request("GET", "/django-admin/login/")
    assert status == 404
