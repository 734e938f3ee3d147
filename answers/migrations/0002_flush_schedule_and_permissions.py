"""智能问答: the schedule that moves the cache's counts into the statistics, and the FAQ entry
permissions of existing sites' editors and administrators (later groups get them from
answers.signals)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

SCHEDULE = "智能问答·提问统计"
PERMISSIONS = ("add_faqentry", "change_faqentry", "delete_faqentry", "view_faqentry")


def forwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=SCHEDULE,
        defaults={
            "func": "answers.counting.flush",
            "schedule_type": "I",
            "minutes": 10,
            "repeats": -1,
            "next_run": timezone.now(),
        },
    )
    app_config = apps.get_app_config("answers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    granted = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="answers", codename__in=PERMISSIONS
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__regex=r"-(编辑|站点管理员)$"):
        group.permissions.add(*granted)


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("answers", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
