"""The daily schedule of the 网民找错 check (feedback/checks.py): an open report turns from a warning
into an error once overdue. Created by name like monitoring's schedules, so a rerun changes nothing."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

NAME = "监测·网民找错"


def create_schedule(apps, schema_editor):
    now = timezone.localtime()
    at = timezone.make_aware(datetime.combine(now.date(), time(7, 10)))
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=NAME,
        defaults={
            "func": "monitoring.tasks.run_scheduled_check",
            "args": "'feedback'",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": at if at > now else at + timedelta(days=1),
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial"), ("monitoring", "0002_schedules")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
