"""Schedules: page views copied from the cache every 10 minutes (yearly_report/visits.py), and the
daily 网站年度报表 check. Created by name, so a rerun changes nothing."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

# name, function, args, schedule type, minutes, first local time of day
SCHEDULES = [
    ("页面浏览量入库", "yearly_report.visits.flush", "", "I", 10, None),
    ("监测·网站年度报表", "monitoring.tasks.run_scheduled_check", "'yearly_report'", "D", None, time(7, 20)),
]


def create_schedules(apps, schema_editor):
    now = timezone.localtime()
    for name, func, args, schedule_type, minutes, at in SCHEDULES:
        first = now
        if at is not None:
            first = timezone.make_aware(datetime.combine(now.date(), at))
            first = first if first > now else first + timedelta(days=1)
        apps.get_model("django_q", "Schedule").objects.get_or_create(
            name=name,
            defaults={
                "func": func,
                "args": args,
                "schedule_type": schedule_type,
                "minutes": minutes,
                "repeats": -1,
                "next_run": first,
            },
        )


def remove_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("yearly_report", "0001_initial"), ("monitoring", "0002_schedules")]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
