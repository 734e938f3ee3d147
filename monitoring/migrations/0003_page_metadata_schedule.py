"""The daily schedule of the 网页元数据 check (monitoring/checks/metadata.py), created by name like
the others (0002_schedules)."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

NAME = "监测·网页元数据"


def create_schedule(apps, schema_editor):
    now = timezone.localtime()
    at = timezone.make_aware(datetime.combine(now.date(), time(6, 20)))
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=NAME,
        defaults={
            "func": "monitoring.tasks.run_scheduled_check",
            "args": "'page_metadata'",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": at if at > now else at + timedelta(days=1),
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_schedules")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
