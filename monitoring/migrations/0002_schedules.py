"""The background jobs as django-q2 schedules. Created by name, so running this again (or
after an operator edited a schedule's time) changes nothing but the function it calls.
Missed runs are not caught up (Q_CLUSTER catch_up is off): after downtime each runs once."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

CHECK = "monitoring.tasks.run_scheduled_check"
# name, function, args, schedule type, minutes, first local time of day
SCHEDULES = [
    ("监测·网站可用性", CHECK, "'availability'", "I", 30, None),
    ("监测·网页篡改与暗链", CHECK, "'tampering'", "H", None, None),
    ("监测·错链断链", CHECK, "'links'", "D", None, time(2, 0)),
    ("监测·敏感词与错别字", CHECK, "'content_quality'", "D", None, time(3, 0)),
    ("监测·个人信息泄露", CHECK, "'personal_data'", "D", None, time(3, 30)),
    ("监测·栏目更新", CHECK, "'freshness'", "D", None, time(6, 0)),
    ("监测·空栏目", CHECK, "'empty_columns'", "D", None, time(6, 10)),
    ("监测·答复时效", CHECK, "'timeliness'", "D", None, time(7, 0)),
    ("定时发布（publish_scheduled）", "django.core.management.call_command", "'publish_scheduled'", "I", 1, None),
]


def first_run(at):
    now = timezone.localtime()
    if at is None:
        return now
    moment = timezone.make_aware(datetime.combine(now.date(), at))
    return moment if moment > now else moment + timedelta(days=1)


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, args, schedule_type, minutes, at in SCHEDULES:
        schedule, created = Schedule.objects.get_or_create(
            name=name,
            defaults={
                "func": func,
                "args": args,
                "schedule_type": schedule_type,
                "minutes": minutes,
                "repeats": -1,
                "next_run": first_run(at),
            },
        )
        if not created and (schedule.func, schedule.args) != (func, args):
            schedule.func, schedule.args = func, args
            schedule.save(update_fields=["func", "args"])


def remove_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
