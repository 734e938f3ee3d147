"""Load and faults (bench/soak.py at a small size, on the database the suite runs on), the 503
page shown when the database cannot be reached, and numbers that stay unique when many
submissions are registered at once."""

import importlib.util
import os
import threading
from pathlib import Path

import pytest
from django.db import IntegrityError, OperationalError, ProgrammingError, connection
from django.test import RequestFactory

from home.views import server_error

ROOT = Path(__file__).resolve().parent.parent


def load_soak():
    spec = importlib.util.spec_from_file_location("soak", ROOT / "bench" / "soak.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def handled(exc):
    """What handler500 answers while `exc` is the exception being handled."""
    request = RequestFactory().get("/", HTTP_HOST="portal.test")
    try:
        raise exc
    except Exception:
        return server_error(request)


# The 503 page (no database fixture: any query would fail these tests) ----------------------


@pytest.mark.parametrize("exc", [OperationalError("connection refused"), ProgrammingError("relation missing")])
def test_database_errors_get_a_chinese_503_with_retry_after(exc):
    response = handled(exc)
    text = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "服务暂时不可用" in text and "数据库暂时无法连接" in text
    assert "Traceback" not in text and "connection refused" not in text


def test_a_database_error_behind_another_error_still_gets_503():
    try:
        try:
            raise OperationalError("server closed the connection")
        except OperationalError as inner:
            raise RuntimeError("template failed") from inner
    except RuntimeError as outer:
        assert handled(outer).status_code == 503


@pytest.mark.parametrize("exc", [ValueError("a bug"), IntegrityError("duplicate key")])
def test_other_errors_keep_the_500_page(exc):
    response = handled(exc)
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.django_db
def test_public_page_answers_503_when_the_database_fails(client, portal, monkeypatch, settings):
    from wagtail.models import Site

    settings.PAGE_CACHE_SECONDS = 0  # a page kept from before the outage would still be served
    assert client.get("/", HTTP_HOST="portal.test").status_code == 200

    def unreachable(request):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(Site, "find_for_request", staticmethod(unreachable))
    client.raise_request_exception = False
    response = client.get("/", HTTP_HOST="portal.test")
    assert response.status_code == 503
    assert "服务暂时不可用" in response.content.decode() and response["Retry-After"]


# Numbers under concurrency (threads on the test database; PostgreSQL only: the in-memory
# SQLite test database cannot take writers from several threads, the soak run below covers it)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQLite test database is in memory")
@pytest.mark.django_db(transaction=True)
def test_numbers_stay_unique_when_registered_from_many_threads():
    from django.utils import timezone
    from wagtail.models import Page, Site

    from disclosure import lifecycle
    from disclosure.models import DisclosureRequest
    from interaction import letters
    from interaction.models import Letter
    from tests.conftest import restore_wagtail_base

    restore_wagtail_base()
    site = Site.objects.create(hostname="race.test", site_name="并发测试", root_page=Page.get_first_root_node())
    soak = load_soak()
    threads, each = 12, 4
    barrier = threading.Barrier(threads)
    numbers, errors, lock = [], [], threading.Lock()

    def register(n):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=30)
            for i in range(each):
                if (n + i) % 2:
                    values = {**soak.letter_fields(f"T{n}-{i}"), "publish_consent": True}
                    item = Letter(site=site, received_on=timezone.localdate(), **values)
                    letters.submit(item)
                else:
                    values = soak.request_fields(f"T{n}-{i}")
                    values.pop("pledge")
                    item = DisclosureRequest(site=site, received_on=timezone.localdate(), **values)
                    lifecycle.submit(item)
                with lock:
                    numbers.append(item.number)
        except Exception as exc:  # reported below
            with lock:
                errors.append(repr(exc))
        finally:
            thread_connection.close()

    workers = [threading.Thread(target=register, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert len(numbers) == len(set(numbers)) == threads * each
    year = timezone.localdate().year
    requests = sorted(DisclosureRequest.objects.filter(site=site).values_list("number", flat=True))
    assert requests == [f"YSQ{year}{n:05d}" for n in range(1, len(requests) + 1)]  # no gaps either
    assert Letter.objects.filter(site=site).count() == threads * each - len(requests)


# The soak itself -------------------------------------------------------------------------


def current_database():
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"


@pytest.fixture(scope="module")
def soak_result():
    soak = load_soak()
    kind = current_database()
    if kind == "postgresql" and not soak.postgres_reachable():
        pytest.skip("PostgreSQL not reachable on 127.0.0.1:5432")
    args, _ = soak.parse_args(
        [
            "--clients",
            "10",
            "--per-client",
            "2",
            "--workers",
            "2",
            "--threads",
            "4",
            "--pg-name",
            f"soak_test_{os.getpid()}",
        ]
    )
    return soak.run_database(kind, args)


def test_soak_stores_every_submission_exactly_once(soak_result):
    result = soak_result
    assert "failure" not in result, result.get("failure")
    assert result["submissions"] == 20
    assert result["submissions_ok"] == 20, result["error_samples"]
    assert result["errors"] == 0 and result["http_5xx"] == 0
    stored = result["stored"]
    assert stored["missing"] == [] and stored["duplicated"] == [] and stored["extra"] == []
    assert stored["duplicate_numbers"] == []
    assert result["checks"]["receipt_numbers_match"]
    race = result["number_race"]
    assert race["errors"] == [] and race["registered"] == race["distinct_numbers"] == race["threads"] * 2
    assert result["latency"]["submit"]["p95_ms"] is not None


def test_killed_worker_job_is_retried_without_duplicate_findings(soak_result):
    fault = soak_result["worker_fault"]
    assert fault["killed_worker"], fault
    assert fault["task"]["success"] is True, fault
    assert fault["findings"]["duplicates"] == 0
    assert fault["findings"]["sites_with_findings"] == 2
    assert fault["ok"]


def test_database_outage_answers_503_then_recovers(soak_result):
    fault = soak_result["database_fault"]
    assert all(look["status"] == 200 for look in fault["before"]), fault["before"]
    for look in fault["during"]:
        assert look["status"] == 503, look
        assert look["chinese_message"] and look["retry_after"] and not look["traceback"], look
    assert all(look["status"] == 200 for look in fault["after"]), fault["after"]
    assert fault["submission_after"]["accepted"] and fault["submission_after"]["number"]
    assert fault["ok"]
