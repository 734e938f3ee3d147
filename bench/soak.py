"""Load and faults: concurrent citizens submitting letters and disclosure requests to gunicorn,
a background worker killed in the middle of a monitoring job, and the database going away.

For each database (a fresh SQLite file in a temporary directory; a fresh PostgreSQL database
`soak` when 127.0.0.1:5432 answers) the script migrates (from a cached migrated template when
the migrations have not changed), builds two sites with a 市长信箱 and a 依申请公开 form,
starts gunicorn on loopback with production settings and FORM_RATE_LIMITS=false, and runs
--clients concurrent clients that each, --per-client times, load a form (CSRF cookie, the
captcha's text question when the form has one), post a letter or a request carrying a unique
marker and read the receipt. Then it checks that every accepted submission is stored exactly
once, that numbers are unique and that no answer was a 5xx; and the faults:

- worker: `manage.py qcluster` (short Q_TIMEOUT/Q_RETRY) runs the availability check through a
  slow origin; the worker process is SIGKILLed while it checks the second site; the task must be
  retried and succeed, leaving each finding once;
- database: a second gunicorn reaches the database through a cut-able path (a TCP proxy in this
  script for PostgreSQL, a symlinked directory for SQLite); while cut, public pages answer 503
  with the Chinese page and Retry-After; once restored they answer 200 again.

    .venv/bin/python bench/soak.py                          # 50 clients × 4, SQLite and PostgreSQL
    .venv/bin/python bench/soak.py --clients 10 --per-client 2 --database sqlite
    make soak SOAK_ARGS="--database postgresql --no-faults"

Results: bench/results/soak-<database>.json and bench/results/soak.md. Exit status 1 when a
check failed. Ports 8100-8199 on 127.0.0.1 only.
"""

import argparse
import contextlib
import hashlib
import http.client
import inspect
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"
PORTS = range(8100, 8200)
HOSTS = ("soak.test", "soak2.test")
QUESTION_RE = re.compile(r'class="captcha__question">“(.+?)”中，哪一个是(.+?)？<')
CAPTCHA_TOKEN_RE = re.compile(r'name="captcha_token" value="([^"]+)"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NUMBER_RE = re.compile(r"\b(XJ\d{10}|YSQ\d{9})\b")
UNAVAILABLE = "服务暂时不可用"
VALID_ID = "11010519491231002X"
RACE_THREADS, RACE_EACH = 12, 2  # registrations straight through the model code, all at once

SETTINGS_MODULE = '''
"""Production settings for the soak run (written by bench/soak.py into its temporary directory)."""
import os

from config.settings.production import *  # noqa: F401,F403

SECURE_SSL_REDIRECT = False  # plain HTTP on loopback; no TLS-terminating proxy in front
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = os.environ["SOAK_STATIC_ROOT"]
'''


# Helpers ---------------------------------------------------------------------------------


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def free_port(used=()):
    for port in PORTS:
        if port in used:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8100-8199")


def wait_for_port(port, timeout=60, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening on {port}")
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port} after {timeout} s")


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return round(ordered[index] * 1000, 1)


def latency_summary(values):
    return {
        "count": len(values),
        "p50_ms": percentile(values, 0.50),
        "p95_ms": percentile(values, 0.95),
        "max_ms": round(max(values) * 1000, 1) if values else None,
        "mean_ms": round(statistics.fmean(values) * 1000, 1) if values else None,
    }


def postgres_reachable():
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return True
    except Exception:
        return False


def pg_admin(*statements):
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def pg_exists(name):
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def pg_databases(prefix):
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"]).fetchall()
    return [row[0] for row in rows]


def check_pg_name(name):
    if not re.fullmatch(r"soak[a-z0-9_]*", name):
        raise SystemExit(f"PostgreSQL database names must start with 'soak' (lower case, digits, _): {name!r}")


def migrations_fingerprint():
    """Changes when a migration, a pinned requirement or the set-up changes: then the template
    is rebuilt."""
    digest = hashlib.sha256(inspect.getsource(step_setup).encode())
    for path in sorted(ROOT.glob("*/migrations/*.py")) + sorted(ROOT.glob("requirements/*.txt")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# Processes -------------------------------------------------------------------------------


class Run:
    """One database's run: its temporary directory, environment and child processes."""

    def __init__(self, kind, args):
        self.kind, self.args = kind, args
        self.tmp = Path(tempfile.mkdtemp(prefix=f"soak-{kind}-"))
        (self.tmp / "settings").mkdir()
        (self.tmp / "settings" / "soak_settings.py").write_text(SETTINGS_MODULE)
        for sub in ("static", "media", "private", "data", "logs"):
            (self.tmp / sub).mkdir()
        self.processes = []
        self.ports = set()
        self.pg_name = args.pg_name if kind == "postgresql" else None
        if kind == "sqlite":
            self.db_path = self.tmp / "data" / "soak.sqlite3"
            # The fault server reaches the same file through a symlinked directory it can lose.
            (self.tmp / "dblink").symlink_to(self.tmp / "data")
            self.database_url = f"sqlite:///{self.db_path}"
            self.fault_database_url = f"sqlite:///{self.tmp / 'dblink' / 'soak.sqlite3'}"
        else:
            check_pg_name(self.pg_name)
            self.database_url = PG_URL.format(name=self.pg_name)
            self.fault_database_url = None  # set when the proxy starts

    def env(self, **extra):
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "ELASTICSEARCH_URL")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="soak_settings",
            PYTHONPATH=os.pathsep.join([str(self.tmp / "settings"), str(ROOT)]),
            SECRET_KEY="soak-" + "k" * 50,
            DATABASE_URL=self.database_url,
            ALLOWED_HOSTS=".test,127.0.0.1,localhost",
            FORM_RATE_LIMITS="false",
            SOAK_STATIC_ROOT=str(self.tmp / "static"),
            MEDIA_ROOT=str(self.tmp / "media"),
            PRIVATE_MEDIA_ROOT=str(self.tmp / "private"),
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def django(self, step, *params, timeout=300, **env):
        """Run a step of this script under Django (see `django_step`); returns its JSON answer."""
        done = self._run([__file__, "--django-step", step, *params], f"step {step}", timeout, env)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def manage(self, *command, timeout=600, **env):
        self._run(["manage.py", *command], f"manage.py {' '.join(command)}", timeout, env)

    def _run(self, argv, what, timeout, env):
        done = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
            [sys.executable, *argv],
            env=self.env(**env),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{what} failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}")
        return done

    def start(self, name, command, **env):
        logfile = open(self.tmp / "logs" / f"{name}.log", "ab")  # noqa: SIM115 (closed in stop)
        process = subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)
            command,
            env=self.env(**env),
            cwd=ROOT,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its children
        )
        process.logfile = logfile
        process.name = name
        self.processes.append(process)
        return process

    def gunicorn(self, name, workers, threads, **env):
        port = free_port(self.ports)
        self.ports.add(port)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--no-control-socket",  # several gunicorns run side by side
            "--access-logfile",
            str(self.tmp / "logs" / f"{name}-access.log"),
            "config.wsgi",
        ]
        process = self.start(name, command, **env)
        wait_for_port(port, process=process)
        return process, port

    def stop(self, process, sig=signal.SIGTERM):
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        process.logfile.close()
        if process in self.processes:
            self.processes.remove(process)

    def close(self):
        for process in list(self.processes):
            self.stop(process)
        if self.kind == "postgresql" and not self.args.keep:
            try:
                pg_admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            except Exception as exc:
                log(f"could not drop {self.pg_name}: {exc}")
        if not self.args.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
        else:
            log(f"kept {self.tmp}" + (f" and database {self.pg_name}" if self.pg_name else ""))

    # Database ----------------------------------------------------------------------------

    def create_database(self):
        """A migrated database with the two sites, copied from a cached template (rebuilt when a
        migration, a pinned requirement or the set-up changes). Returns the sites' pages."""
        fingerprint = migrations_fingerprint()
        cache = Path(tempfile.gettempdir()) / "govportal-soak-cache"
        cache.mkdir(exist_ok=True)
        info = cache / f"{self.kind}-template-{fingerprint}.json"
        if self.kind == "sqlite":
            template = cache / f"template-{fingerprint}.sqlite3"
            if not (template.exists() and info.exists()):
                building = cache / f"building-{fingerprint}-{os.getpid()}.sqlite3"
                url = f"sqlite:///{building}"
                self.manage("migrate", "--noinput", DATABASE_URL=url)
                site = self.django("setup", DATABASE_URL=url)
                conn = sqlite3.connect(building)
                conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
                conn.close()
                os.replace(building, template)
                info.write_text(json.dumps(site))
                for stale in cache.glob("*template-*"):  # of earlier migrations
                    if fingerprint not in stale.name and stale.suffix in (".sqlite3", ".json"):
                        stale.unlink(missing_ok=True)
            shutil.copyfile(template, self.db_path)
        else:
            template = f"soak_template_{fingerprint}"
            if not (pg_exists(template) and info.exists()):
                building = f"soak_building_{fingerprint}_{os.getpid()}"
                url = PG_URL.format(name=building)
                pg_admin(f'DROP DATABASE IF EXISTS "{building}"', f'CREATE DATABASE "{building}"')
                self.manage("migrate", "--noinput", DATABASE_URL=url)
                site = self.django("setup", DATABASE_URL=url)
                pg_admin(
                    f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)',
                    f'ALTER DATABASE "{building}" RENAME TO "{template}"',
                )
                info.write_text(json.dumps(site))
                for stale in pg_databases("soak_template_"):  # of earlier migrations
                    if stale != template:
                        pg_admin(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
            pg_admin(
                f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)',
                f'CREATE DATABASE "{self.pg_name}" TEMPLATE "{template}"',
            )
        return json.loads(info.read_text())


# HTTP clients ----------------------------------------------------------------------------


class Browser:
    """One citizen: keeps cookies, loads forms, answers the captcha, posts."""

    def __init__(self, port, host, timeout=120):
        self.port, self.host, self.timeout = port, host, timeout
        self.cookies = {}
        self.conn = None
        self.last_used = 0.0

    def request(self, method, path, body=None, headers=None):
        headers = {"Host": self.host, "User-Agent": "govportal-soak/1.0", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.conn is not None and time.monotonic() - self.last_used > 1.0:
            # gunicorn drops idle keep-alive connections after 2 s: never post on a stale one.
            self.conn.close()
            self.conn = None
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed meanwhile: one new connection.
                self.conn.close()
                self.conn = None
                if attempt == 2 or method != "GET":
                    raise
        self.last_used = time.monotonic()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                self.cookies[key.strip()] = val.strip()
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content.decode(errors="replace")

    def close(self):
        if self.conn is not None:
            self.conn.close()


def solve_captcha(html):
    """Answers the captcha's text question (the accessible alternative to its image)."""
    from casework.captcha import KINDS

    match = QUESTION_RE.search(html)
    if not match:
        return {}
    words, kind = match.groups()
    answer = next(word for word in words.split("、") if word in KINDS[kind])
    return {"captcha": answer, "captcha_token": CAPTCHA_TOKEN_RE.search(html).group(1)}


def letter_fields(marker):
    return {
        "name": "压测用户",
        "phone": "13900000000",
        "email": "soak@example.com",
        "category": "suggest",
        "subject": f"压测来信 {marker}",
        "content": f"这是一封压力测试来信，标记 {marker}。建议在城东片区增设夜间开放的篮球场。",
        "publish_consent": "on",
    }


def request_fields(marker):
    return {
        "applicant_type": "person",
        "name": "压测申请人",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13900000000",
        "email": "soak@example.com",
        "address": "云州市和平路2号",
        "description": f"压测申请 {marker}：请提供2025年全民健身补助资金分配情况。",
        "provision_form": "electronic",
        "delivery": "email",
        "pledge": "on",
    }


def submit_once(browser, form_path, fields, record):
    """GET the form, POST it, follow to the receipt. Appends timings and outcome to record."""
    started = time.monotonic()
    status, _, html = browser.request("GET", form_path)
    record["form_s"] = time.monotonic() - started
    record["statuses"].append(status)
    if status != 200:
        record["error"] = f"form answered {status}"
        return
    token = CSRF_RE.search(html)
    if not token:
        record["error"] = "no CSRF token in the form"
        return
    data = {"csrfmiddlewaretoken": token.group(1), "website": "", **solve_captcha(html), **fields}
    origin = f"http://{browser.host}"
    started = time.monotonic()
    record["posted"] = True  # from here an exception leaves the outcome unknown to the client
    status, headers, html = browser.request(
        "POST",
        form_path,
        body=urlencode(data),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + form_path,
        },
    )
    record["submit_s"] = time.monotonic() - started
    record["answered"] = True
    record["statuses"].append(status)
    if status != 302:
        problem = re.findall(r'class="[^"]*(?:error|errorlist)[^"]*"[^>]*>(.*?)<', html)
        record["error"] = f"submission answered {status}" + (f": {problem[:3]}" if problem else "")
        return
    record["accepted"] = True
    started = time.monotonic()
    status, _, html = browser.request("GET", urlsplit(headers["location"]).path)
    record["receipt_s"] = time.monotonic() - started
    record["statuses"].append(status)
    number = NUMBER_RE.search(html) if status == 200 else None
    if number:
        record["number"] = number.group(1)
    else:
        record["error"] = f"receipt answered {status} without a number"


def warm_up(port, site, rounds):
    """Load every form a few times (not counted): each gunicorn worker imports and compiles its
    templates on its first requests, which is not what a running site costs."""

    def load_all():
        for host in site["hosts"]:
            for path in site["pages"][host].values():
                browser = Browser(port, host)
                browser.request("GET", path)
                browser.close()

    threads = [threading.Thread(target=load_all) for _ in range(rounds)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_clients(port, site, clients, per_client, run_id):
    """clients threads, each submitting per_client times (letters and requests alternating)."""
    records, lock = [], threading.Lock()
    barrier = threading.Barrier(clients)

    def client(n):
        host = HOSTS[n % len(site["hosts"])]
        pages = site["pages"][host]
        browser = Browser(port, host)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=60)
        for i in range(per_client):
            kind = "letter" if (n + i) % 2 == 0 else "request"
            marker = f"SOAK-{run_id}-{n:03d}-{i:02d}"
            record = {"marker": marker, "kind": kind, "host": host, "statuses": [], "accepted": False}
            fields = letter_fields(marker) if kind == "letter" else request_fields(marker)
            try:
                submit_once(browser, pages[kind], fields, record)
            except Exception as exc:  # a refused or dropped connection counts as an error
                record["error"] = f"{type(exc).__name__}: {exc}"
                # Posted but no answer (a client timeout): the server may have stored it or not.
                record["unknown"] = bool(record.get("posted") and not record.get("answered"))
                browser.close()
                browser = Browser(port, host)
            with lock:
                records.append(record)
        browser.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return records, time.monotonic() - started


# Faults ------------------------------------------------------------------------------------


class SlowOrigin(ThreadingHTTPServer):
    """Where monitoring reaches the sites during the worker fault: every page answers 500
    after a delay, so the availability check finds problems and takes a while per site."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, delay):
        self.delay = delay
        self.hosts_seen = []
        self.requests = 0
        self.on_request = None
        super().__init__(("127.0.0.1", port), SlowOriginHandler)

    def handle_error(self, request, client_address):
        pass  # the worker killed mid-request leaves a broken pipe here


class SlowOriginHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802
        server = self.server
        host = (self.headers.get("Host") or "").split(":")[0]
        server.requests += 1
        if host not in server.hosts_seen:
            server.hosts_seen.append(host)
        if server.on_request:
            server.on_request(host, self.client_address)
        time.sleep(server.delay)
        body = "<html><body>故障</body></html>".encode()
        try:
            self.send_response(500)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


def socket_owner(client_address, server_port, candidates):
    """The pid among candidates that holds the TCP connection from client_address (Linux /proc)."""
    ip, port = client_address
    wanted_local = f"0100007F:{port:04X}"
    wanted_remote = f"0100007F:{server_port:04X}"
    inode = None
    with open("/proc/net/tcp") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            if fields[1] == wanted_local and fields[2] == wanted_remote:
                inode = fields[9]
                break
    if inode is None:
        return None
    target = f"socket:[{inode}]"
    for pid in candidates:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                try:
                    if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                        return pid
                except OSError:
                    continue
        except OSError:
            continue
    return None


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def worker_fault(run, site):
    """SIGKILL the django-q2 worker while its availability check is on the second site."""
    delay = 0.2
    origin_port = free_port(run.ports)
    run.ports.add(origin_port)
    origin = SlowOrigin(origin_port, delay)
    threading.Thread(target=origin.serve_forever, daemon=True).start()
    q_timeout, q_retry = 20, 25
    cluster = run.start(
        "qcluster",
        [sys.executable, "manage.py", "qcluster"],
        Q_WORKERS=1,
        Q_TIMEOUT=q_timeout,
        Q_RETRY=q_retry,
        MONITORING_ORIGIN=f"http://127.0.0.1:{origin_port}",
    )
    killed = {}
    first_host = {}

    def on_request(host, client_address):
        first_host.setdefault("host", host)
        if killed or host == first_host["host"]:
            return
        pid = socket_owner(client_address, origin_port, descendants(cluster.pid))
        if pid:
            os.kill(pid, signal.SIGKILL)
            killed.update(pid=pid, host=host, at=time.monotonic())

    origin.on_request = on_request
    outcome = {"q_timeout": q_timeout, "q_retry": q_retry, "origin_delay_s": delay}
    try:
        started = time.monotonic()
        job = run.django("worker_job", str(q_retry + 60), timeout=q_retry + 120)
        state = job["task"]
        outcome.update(
            task_id=job["task_id"],
            killed_worker=bool(killed),
            killed_on_host=killed.get("host"),
            killed_after_s=round(killed["at"] - started, 1) if killed else None,
            task=state,
            finished_after_s=round(time.monotonic() - started, 1),
            origin_requests=origin.requests,
        )
        outcome["findings"] = findings = job["findings"]
        outcome["ok"] = bool(
            killed
            and state.get("success") is True
            and state.get("attempts", 0) >= 1
            and findings["duplicates"] == 0
            and findings["total"] > 0
            and findings["sites_with_findings"] >= 2
        )
    finally:
        run.stop(cluster)
        origin.shutdown()
        origin.server_close()
    return outcome


class CutProxy:
    """A TCP proxy between gunicorn and PostgreSQL that can be cut (every connection dropped,
    new ones refused at once) and restored, without touching the shared server."""

    def __init__(self, port, target):
        self.target = target
        self.cut = False
        self.pairs = set()
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self.listener.listen(128)
        self.stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stopped:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.cut:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.add((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b, (client, upstream)), daemon=True).start()

    def _pipe(self, source, sink, pair):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        self._drop(pair)

    def _drop(self, pair):
        with self.lock:
            self.pairs.discard(pair)
        for sock in pair:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def set_cut(self, cut):
        self.cut = cut
        if cut:
            with self.lock:
                pairs = list(self.pairs)
            for pair in pairs:
                self._drop(pair)

    def close(self):
        self.stopped = True
        self.set_cut(True)
        self.listener.close()


def database_fault(run, site):
    """Public pages during a database outage (503, Chinese page, Retry-After) and after it."""
    proxy = None
    if run.kind == "postgresql":
        proxy_port = free_port(run.ports)
        run.ports.add(proxy_port)
        proxy = CutProxy(proxy_port, ("127.0.0.1", 5432))
        url = f"postgres://postgres@127.0.0.1:{proxy_port}/{run.pg_name}"
        env = {"DATABASE_URL": url}
    else:
        # New connection per request: the file is reached through the path each time.
        env = {"DATABASE_URL": run.fault_database_url, "CONN_MAX_AGE": 0}
    server, port = run.gunicorn("gunicorn-fault", workers=2, threads=2, PAGE_CACHE_SECONDS=0, **env)
    host = HOSTS[0]
    pages = site["pages"][host]
    paths = ["/", pages["letter"], pages["request"], "/search/?q=%E6%94%BF%E5%8A%A1"]

    def cut(on):
        if proxy:
            proxy.set_cut(on)
        else:
            link = run.tmp / "dblink"
            swap = run.tmp / "dblink.swap"
            swap.unlink(missing_ok=True)
            swap.symlink_to(run.tmp / ("gone" if on else "data"))
            os.replace(swap, link)

    def look(path):
        browser = Browser(port, host, timeout=30)
        try:
            status, headers, html = browser.request("GET", path)
        except Exception as exc:
            return {"path": path, "status": None, "error": f"{type(exc).__name__}: {exc}"}
        finally:
            browser.close()
        return {
            "path": path,
            "status": status,
            "retry_after": headers.get("retry-after"),
            "chinese_message": UNAVAILABLE in html,
            "traceback": "Traceback" in html or "OperationalError" in html,
        }

    outcome = {}
    try:
        outcome["before"] = [look(p) for p in paths]
        cut(True)
        time.sleep(0.5)
        outcome["during"] = [look(p) for p in paths] + [look(p) for p in paths]
        outcome["healthz_during"] = look("/healthz")["status"]
        cut(False)
        restored = time.monotonic()
        after = []
        while time.monotonic() - restored < 30:
            after = [look(p) for p in paths]
            if all(a["status"] == 200 for a in after):
                break
            time.sleep(0.5)
        outcome["recovered_after_s"] = round(time.monotonic() - restored, 1)
        outcome["after"] = after
        # And a submission goes through again.
        record = {"statuses": [], "accepted": False}
        browser = Browser(port, host)
        submit_once(browser, pages["letter"], letter_fields(f"SOAK-AFTER-{secrets.token_hex(3)}"), record)
        browser.close()
        outcome["submission_after"] = {"accepted": record["accepted"], "number": record.get("number")}
        outcome["ok"] = (
            all(a["status"] == 200 for a in outcome["before"])
            and all(
                d["status"] == 503 and d["chinese_message"] and d["retry_after"] and not d["traceback"]
                for d in outcome["during"]
            )
            and all(a["status"] == 200 for a in after)
            and record["accepted"]
            and bool(record.get("number"))
        )
    finally:
        if proxy:
            proxy.close()
        else:
            cut(False)
        run.stop(server)
    return outcome


# One database ------------------------------------------------------------------------------


def run_database(kind, args):
    run = Run(kind, args)
    result = {"database": kind, "clients": args.clients, "per_client": args.per_client}
    try:
        log(f"[{kind}] database")
        started = time.monotonic()
        site = run.create_database()
        result["create_database_s"] = round(time.monotonic() - started, 1)
        log(f"[{kind}] database and sites in {result['create_database_s']} s")
        result["gunicorn"] = {"workers": args.workers, "threads": args.threads, "settings": "production"}
        server, port = run.gunicorn("gunicorn", workers=args.workers, threads=args.threads)
        warm_up(port, site, args.workers * 2)
        run_id = secrets.token_hex(3)
        log(f"[{kind}] {args.clients} clients × {args.per_client} submissions on port {port}")
        records, elapsed = run_clients(port, site, args.clients, args.per_client, run_id)
        run.stop(server)
        result.update(summarise(records, elapsed))
        markers = run.tmp / "markers.json"
        markers.write_text(
            json.dumps(
                {
                    "accepted": [r["marker"] for r in records if r["accepted"]],
                    "unknown": [r["marker"] for r in records if r.get("unknown")],
                }
            )
        )
        stored = run.django("verify", str(markers), run_id)
        race = stored.pop("race")
        result["stored"] = stored
        result["number_race"] = {
            "threads": RACE_THREADS,
            "registered": len(race["numbers"]),
            "distinct_numbers": len(set(race["numbers"])),
            "errors": race["errors"][:5],
        }
        race_ok = (
            not race["errors"]
            and not race["stored_duplicates"]
            and len(set(race["numbers"])) == len(race["numbers"]) == RACE_THREADS * RACE_EACH
        )
        received_numbers = {r["marker"]: r.get("number") for r in records if r["accepted"]}
        mismatched = [m for m, n in received_numbers.items() if n and stored["numbers"].get(m) != n]
        result["checks"] = {
            "no_5xx": result["http_5xx"] == 0,
            "no_errors": result["errors"] == 0,
            "stored_exactly_once": stored["missing"] == [] and stored["duplicated"] == [] and stored["extra"] == [],
            "numbers_unique": stored["duplicate_numbers"] == [],
            "receipt_numbers_match": not mismatched,
            "numbers_unique_threads": race_ok,
        }
        log(
            f"[{kind}] {result['submissions_ok']}/{result['submissions']} stored, errors {result['errors']}, "
            f"5xx {result['http_5xx']}, submit p50 {result['latency']['submit']['p50_ms']} ms "
            f"p95 {result['latency']['submit']['p95_ms']} ms"
        )
        if args.faults:
            log(f"[{kind}] fault: worker killed during a monitoring job")
            result["worker_fault"] = worker_fault(run, site)
            result["checks"]["worker_fault"] = result["worker_fault"]["ok"]
            log(f"[{kind}] fault: database unavailable")
            result["database_fault"] = database_fault(run, site)
            result["checks"]["database_fault"] = result["database_fault"]["ok"]
        result["ok"] = all(result["checks"].values())
    except Exception as exc:
        result["ok"] = False
        result["failure"] = f"{type(exc).__name__}: {exc}"
        log(f"[{kind}] failed: {result['failure']}")
        for process in run.processes:
            process.logfile.flush()
        for logfile in sorted((run.tmp / "logs").glob("*.log")):
            if "access" not in logfile.name:
                tail = logfile.read_text(errors="replace")[-2000:]
                if tail.strip():
                    log(f"--- {logfile.name} ---\n{tail}")
    finally:
        run.close()
    return result


def summarise(records, elapsed):
    statuses = [s for r in records for s in r["statuses"]]
    errors = [r for r in records if r.get("error")]
    counts = {}
    for status in statuses:
        counts[str(status)] = counts.get(str(status), 0) + 1
    return {
        "submissions": len(records),
        "submissions_ok": sum(1 for r in records if r["accepted"]),
        "letters": sum(1 for r in records if r["kind"] == "letter" and r["accepted"]),
        "requests": sum(1 for r in records if r["kind"] == "request" and r["accepted"]),
        "errors": len(errors),
        "error_samples": [f"{r['marker']} {r['kind']} {r['statuses']}: {r['error']}" for r in errors[:20]],
        "unanswered": sum(1 for r in records if r.get("unknown")),
        "http_5xx": sum(1 for s in statuses if s >= 500),
        "status_counts": counts,
        "duration_s": round(elapsed, 2),
        "submissions_per_s": round(sum(1 for r in records if r["accepted"]) / elapsed, 1) if elapsed else None,
        "latency": {
            "form": latency_summary([r["form_s"] for r in records if "form_s" in r]),
            "submit": latency_summary([r["submit_s"] for r in records if "submit_s" in r]),
            "receipt": latency_summary([r["receipt_s"] for r in records if "receipt_s" in r]),
        },
    }


def write_results(results):
    RESULTS.mkdir(parents=True, exist_ok=True)
    for result in results:
        (RESULTS / f"soak-{result['database']}.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=2) + "\n"
        )
    rows = []
    for kind in ("sqlite", "postgresql"):
        path = RESULTS / f"soak-{kind}.json"
        if path.exists():
            rows.append(json.loads(path.read_text()))
    lines = [
        "# Soak: concurrent submissions and faults",
        "",
        "Written by `bench/soak.py` (`make soak`). Submit = the POST of a letter or request "
        "(validation, numbering, storage); form = loading the form; latencies seen by the clients.",
        "",
        "| database | clients × each | submitted | stored once | errors | 5xx | numbers unique "
        "| form p50/p95 ms | submit p50/p95 ms | submissions/s | worker killed, retried | DB outage 503 → 200 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "latency" not in r:
            lines.append(f"| {r['database']} | failed: {r.get('failure', '?')} |" + " |" * 10)
            continue
        checks = r.get("checks", {})
        form, submit = r["latency"]["form"], r["latency"]["submit"]
        lines.append(
            f"| {r['database']} | {r['clients']} × {r['per_client']} | {r['submissions_ok']}/{r['submissions']} "
            f"| {'yes' if checks.get('stored_exactly_once') else 'NO'} | {r['errors']} | {r['http_5xx']} "
            f"| {'yes' if checks.get('numbers_unique') else 'NO'} | {form['p50_ms']} / {form['p95_ms']} "
            f"| {submit['p50_ms']} / {submit['p95_ms']} | {r['submissions_per_s']} "
            f"| {_worker_cell(r.get('worker_fault'))} | {_outage_cell(r.get('database_fault'))} |"
        )
    (RESULTS / "soak.md").write_text("\n".join(lines) + "\n")


def _worker_cell(outcome):
    if outcome is None:
        return "not run"
    if not outcome.get("ok"):
        return "NO"
    findings = outcome["findings"]
    return (
        f"yes: killed on {outcome['killed_on_host']}, done in {outcome['finished_after_s']} s, "
        f"{findings['total']} findings, {findings['duplicates']} duplicates"
    )


def _outage_cell(outcome):
    if outcome is None:
        return "not run"
    if not outcome.get("ok"):
        return "NO"
    return f"yes: {len(outcome['during'])} × 503, back in {outcome['recovered_after_s']} s"


# Steps run under Django (`--django-step`) ---------------------------------------------------


def django_step(step, params):
    import django

    django.setup()
    answer = STEPS[step](*params)
    print(json.dumps(answer, ensure_ascii=False))


def step_setup():
    """Two sites (the kill happens while monitoring checks the second) with a mailbox and a
    request form; no schedules, so the worker runs only the job enqueued here."""
    from django_q.models import Schedule
    from wagtail.models import Site

    from disclosure.models import DisclosureRequestPage
    from home.subsites import create_subsite
    from interaction.models import MailboxPage

    Schedule.objects.all().delete()
    Site.objects.exclude(hostname__in=HOSTS).delete()
    pages = {}
    for n, host in enumerate(HOSTS):
        site = create_subsite(host, "压测市人民政府" if n == 0 else "压测市体育局", "portal" if n == 0 else "sport")
        home = site.root_page.specific
        parent = home
        for slug in ("hdjl", "ldxx"):
            found = parent.get_children().filter(slug=slug).first()
            if found is None:
                break
            parent = found.specific
        mailbox = MailboxPage(title="市长信箱" if n == 0 else "局长信箱", slug="xx", addressee="市长")
        parent.add_child(instance=mailbox)
        mailbox.save_revision().publish()
        form = DisclosureRequestPage(title="依申请公开", slug="ysqgk", office="压测市人民政府办公室")
        home.add_child(instance=form)
        form.save_revision().publish()
        pages[host] = {
            "letter": mailbox.get_url_parts()[2],
            "request": form.get_url_parts()[2],
        }
    return {"hosts": list(HOSTS), "pages": pages}


def step_verify(markers_file, run_id):
    """Each accepted marker stored exactly once; nothing stored that was not accepted; numbers unique."""
    from collections import Counter

    from disclosure.models import DisclosureRequest
    from interaction.models import Letter

    pattern = re.compile(rf"SOAK-{run_id}-\d{{3}}-\d{{2}}")
    sent = json.loads(Path(markers_file).read_text())
    accepted, unknown = set(sent["accepted"]), set(sent["unknown"])
    found, numbers = Counter(), {}
    for text, number in list(Letter.objects.values_list("subject", "number")) + list(
        DisclosureRequest.objects.values_list("description", "number")
    ):
        for marker in pattern.findall(text):
            found[marker] += 1
            numbers[marker] = number
    letter_numbers = Counter(Letter.objects.values_list("number", flat=True))
    request_numbers = Counter(DisclosureRequest.objects.values_list("site_id", "number"))
    race = step_number_race(str(RACE_THREADS), str(RACE_EACH))  # after counting: its records carry no soak marker
    race_letters = Counter(Letter.objects.values_list("number", flat=True))
    race_requests = Counter(DisclosureRequest.objects.values_list("site_id", "number"))
    race["stored_duplicates"] = [str(n) for n, c in (race_letters + race_requests).items() if c > 1]
    return {
        "race": race,
        "letters": Letter.objects.count(),
        "requests": DisclosureRequest.objects.count(),
        "missing": sorted(set(accepted) - set(found)),
        "duplicated": sorted(m for m, n in found.items() if n > 1),
        # Stored although the client was told it failed: a real inconsistency.
        "extra": sorted(set(found) - accepted - unknown),
        # Posted, no answer before the client gave up (timeout): stored or not, never twice.
        "unanswered": len(unknown),
        "unanswered_stored": len(unknown & set(found)),
        "duplicate_numbers": sorted(str(n) for n, c in (letter_numbers + request_numbers).items() if c > 1),
        "numbers": numbers,
    }


def step_worker_job(timeout):
    """Enqueue the availability check for the worker and wait for its result (the orchestrator
    kills the worker meanwhile); then the findings it left."""
    from django_q.models import Task
    from django_q.tasks import async_task

    task_id = async_task("monitoring.tasks.run_scheduled_check", "availability", task_name="soak-availability")
    deadline = time.monotonic() + float(timeout)
    task = None
    while time.monotonic() < deadline:
        task = Task.objects.filter(id=task_id).first()
        if task is not None:
            break
        time.sleep(0.5)
    state = {
        "success": task.success if task else None,
        "attempts": task.attempt_count if task else 0,
        "result": task.result if task and task.success else None,
        "error": None if not task or task.success else str(task.result)[:500],
    }
    return {"task_id": task_id, "task": state, "findings": step_findings()}


def step_findings():
    from django.db.models import Count

    from monitoring.models import Finding

    rows = Finding.objects.filter(check_name="availability")
    duplicates = rows.values("site_id", "key").annotate(n=Count("id")).filter(n__gt=1).count()
    return {
        "total": rows.count(),
        "duplicates": duplicates,
        "sites_with_findings": rows.values("site_id").distinct().count(),
        "open": rows.filter(status="open").count(),
    }


def step_number_race(threads="16", each="3"):
    """Letters and disclosure requests registered from many threads at once (each thread its own
    database connection), straight through the functions the forms call: the numbers handed out."""
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Site

    from disclosure import lifecycle
    from disclosure.models import DisclosureRequest
    from interaction import letters
    from interaction.models import Letter

    site = Site.objects.get(hostname=HOSTS[0])
    threads, each = int(threads), int(each)
    barrier = threading.Barrier(threads)
    numbers, errors, lock = [], [], threading.Lock()

    def register(n):
        try:
            barrier.wait(timeout=60)
            for i in range(each):
                if (n + i) % 2:
                    item = Letter(site=site, received_on=timezone.localdate(), **_letter_values(f"RACE-{n}-{i}"))
                    letters.submit(item)
                else:
                    item = DisclosureRequest(site=site, received_on=timezone.localdate(), **_request_values(n, i))
                    lifecycle.submit(item)
                with lock:
                    numbers.append(item.number)
        except Exception as exc:
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    workers = [threading.Thread(target=register, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"numbers": numbers, "errors": errors}


def _letter_values(marker):
    fields = letter_fields(marker)
    fields["publish_consent"] = True
    return fields


def _request_values(n, i):
    fields = request_fields(f"RACE-{n}-{i}")
    fields.pop("pledge")
    return fields


STEPS = {
    "setup": step_setup,
    "number_race": step_number_race,
    "verify": step_verify,
    "worker_job": step_worker_job,
}


# Command line ----------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--per-client", type=int, default=4, help="submissions per client (default 4)")
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-name", default="soak", help="PostgreSQL database to (re)create (starts with soak)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (default 4)")
    parser.add_argument("--no-faults", dest="faults", action="store_false", help="only the load test")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory and database")
    parser.add_argument("--no-write", dest="write", action="store_false", help="do not write bench/results/")
    parser.add_argument("--json", help="also write all results to this file")
    parser.add_argument("--django-step", help=argparse.SUPPRESS)
    return parser.parse_known_args(argv)


def main(argv=None):
    args, rest = parse_args(argv)
    if args.django_step:
        sys.path.insert(0, str(ROOT))
        return django_step(args.django_step, rest)
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    results = []
    for kind in kinds:
        if kind == "postgresql" and not postgres_reachable():
            message = "PostgreSQL not reachable on 127.0.0.1:5432"
            if args.database == "postgresql":
                raise SystemExit(message)
            log(f"{message}: SQLite figures only")
            continue
        results.append(run_database(kind, args))
    if args.write:
        write_results(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2))
    for result in results:
        status = "ok" if result.get("ok") else "FAILED"
        checks = ", ".join(f"{k}={'ok' if v else 'NO'}" for k, v in result.get("checks", {}).items())
        print(f"{result['database']}: {status} {checks} {result.get('failure', '')}".rstrip())
    return 0 if results and all(r.get("ok") for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
