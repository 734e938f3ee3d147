"""django-q2 entry point (every minute, schedule made by sharing's migration 0004)."""

from django.utils import timezone

from sharing.services import apply_schedules


def apply_reference_schedules(now=None):
    shown, ended = apply_schedules(now or timezone.now())
    return f"显示 {shown} 条引用，撤下 {ended} 条"
