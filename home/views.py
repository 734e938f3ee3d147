"""Service endpoints: health check and robots.txt; the error page shown when the database
cannot be reached."""

import logging
import sys

from django.db import DatabaseError, DataError, IntegrityError, InterfaceError, connections
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as default_server_error

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
UNAVAILABLE_TEXT = "服务暂时不可用：系统正在维护或数据库暂时无法连接，请稍后再试。"


def _check_database():
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")


def _check_queue():
    """The task queue is healthy when its broker answers. Also reported: tasks waiting, and
    when the worker last finished one (a worker that stopped shows as an old time)."""
    from django_q.brokers import get_broker
    from django_q.models import Task

    broker = get_broker()
    broker.ping()
    last = Task.objects.order_by("-stopped").values_list("stopped", flat=True).first()
    return {
        "broker": broker.info(),
        "queued": broker.queue_size(),
        "last_task_finished": last.isoformat() if last else None,
    }


@never_cache
@require_GET
def healthz(request):
    report = {}
    healthy = True
    for name, check in (("database", _check_database), ("queue", _check_queue)):
        try:
            detail = check()
        except Exception as exc:  # any failure of a dependency makes the service unhealthy
            healthy = False
            report[name] = {"status": "error", "error": type(exc).__name__}
        else:
            report[name] = {"status": "ok", **(detail or {})}
    report["status"] = "ok" if healthy else "error"
    return JsonResponse(report, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _database_unavailable(exc):
    """Whether the exception (or one it arose from) says the database cannot be used. Bad
    data (IntegrityError, DataError) is a bug of ours: that stays a 500."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, (DatabaseError, InterfaceError)) and not isinstance(exc, (IntegrityError, DataError)):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _static_url(path):
    try:
        from django.templatetags.static import static

        return static(path)
    except Exception:  # no manifest yet: the page goes without its stylesheet
        return ""


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500. When the unhandled exception is the database's, answer 503 with
    site/templates/503.html (rendered without a request context, so nothing touches the
    database) and Retry-After; any other error gets the usual 500 page."""
    if not _database_unavailable(sys.exc_info()[1]):
        return default_server_error(request, template_name)
    try:
        body = loader.get_template("503.html").render(
            {"retry_after": RETRY_AFTER_SECONDS, "stylesheet": _static_url("css/site.css")}
        )
    except Exception:  # the page must never fail: plain text then
        logger.exception("503.html could not be rendered")
        body = UNAVAILABLE_TEXT
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
