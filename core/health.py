"""/healthz: whether this app server can serve, for a load balancer and for monitoring.

HTTP 503 only when the database is unreachable: that is the one failure a request cannot work
around. A missing cache (pages are served uncached) or a late task worker (emails wait) are
reported in the body but keep the server in rotation, since taking every app server out for a
shared problem would turn a slowdown into an outage.
"""

import secrets

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, Min, When
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from django_tasks_db.models import DBTaskResult, get_date_max

from core.outage import DATABASE_UNREACHABLE

# Emails are queued for at once; a worker that has left one waiting this long is stuck or stopped.
WORKER_LATE_AFTER_SECONDS = 300


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_UNREACHABLE:
        return False
    return True


def cache_ok():
    token = secrets.token_hex(8)
    cache.set("healthz", token, 30)
    return cache.get("healthz") == token


def oldest_waiting_task_seconds():
    """How long the longest-waiting task that is due has been waiting (0 when none)."""
    due = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min(due))["oldest"]
    return max(0, int((timezone.now() - oldest).total_seconds())) if oldest else 0


@never_cache
@require_GET
def healthz(request):
    if not database_ok():
        body = {"status": "unavailable", "database": "unavailable", "cache": "unknown", "worker": "unknown"}
        return JsonResponse(body, status=503)
    waiting = oldest_waiting_task_seconds()
    body = {
        "database": "ok",
        "cache": "ok" if cache_ok() else "unavailable",
        "worker": "ok" if waiting < WORKER_LATE_AFTER_SECONDS else "late",
        "oldest_waiting_task_seconds": waiting,
    }
    body = {"status": "ok" if body["cache"] == body["worker"] == "ok" else "degraded", **body}
    return JsonResponse(body)
