"""Service endpoints: health check and robots.txt."""

from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /django-admin/", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
