"""What a step sets off besides recording it (a receipt PDF, e-mails) runs as a django-q2 task after
the step is saved, never inside it. Tasks get ids only: django-q2 keeps task arguments in its table,
so a citizen's query code travels through the cache (`hand_over`), never as an argument.

A task tries up to ATTEMPTS times, pausing between tries (not in django-q2's sync mode, where it runs
in the request); if it still fails, the failure is noted on the case (`failed_effects`), where the
admin shows it with a button to run it again, and logged."""

import logging
import secrets
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string
from django_q.tasks import async_task

logger = logging.getLogger(__name__)

HANDOVER_SECONDS = 3 * 24 * 3600  # long enough for a retry from the admin after a weekend
ATTEMPTS = 3
PAUSE_SECONDS = 20  # times the attempt number: a mail server or disk often recovers within a minute


def hand_over(secret):
    """Keep a secret for a task; returns the token to pass instead."""
    token = secrets.token_urlsafe(16)
    cache.set(f"casework:handover:{token}", secret, HANDOVER_SECONDS)
    return token


def take_over(token, keep=False):
    key = f"casework:handover:{token}"
    secret = cache.get(key)
    if not keep:
        cache.delete(key)
    return secret


def run_later(case, label, func, *ids):
    """Queue func(*ids) (a dotted path) for the case; label says in Chinese what it does."""
    async_task("casework.effects.run", case._meta.label, case.pk, label, func, *ids, group=label)


def run(model_label, pk, label, func, *ids):
    """The task: run func, noting a failure on the case (and clearing it once it succeeds)."""
    model = apps.get_model(model_label)
    entry = {"label": label, "func": func, "ids": list(ids)}
    for attempt in range(1, ATTEMPTS + 1):
        try:
            result = import_string(func)(*ids)
            break
        except Exception:
            logger.exception("%s失败（第%d次）：%s %s", label, attempt, model_label, pk)
            if attempt < ATTEMPTS and not settings.Q_CLUSTER.get("sync"):
                time.sleep(PAUSE_SECONDS * attempt)
    else:
        case = model.objects.filter(pk=pk).first()
        if case is not None and entry not in case.failed_effects:
            model.objects.filter(pk=pk).update(failed_effects=[*case.failed_effects, entry])
        return None
    case = model.objects.filter(pk=pk).first()
    if case is not None and entry in case.failed_effects:
        model.objects.filter(pk=pk).update(failed_effects=[e for e in case.failed_effects if e != entry])
    return result


def retry_failed(case):
    """Queue again what failed for the case (the 重试 button in the admin); returns how many."""
    failed = list(case.failed_effects)
    for entry in failed:
        run_later(case, entry["label"], entry["func"], *entry["ids"])
    return len(failed)
