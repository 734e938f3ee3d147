"""热门搜索: the schedule that flushes the cache's counts, and the permission of existing sites'
administrators to manage their terms (groups created later get it from search.signals)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

SCHEDULE = "搜索·热门搜索词统计"
PERMISSIONS = ("add_popularterm", "change_popularterm", "delete_popularterm", "view_popularterm")


def forwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=SCHEDULE,
        defaults={
            "func": "search.popular.flush_counts",
            "schedule_type": "I",
            "minutes": 10,
            "repeats": -1,
            "next_run": timezone.now(),
        },
    )
    # Permissions are otherwise created after all migrations have run; the stub needs a module.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    granted = Permission.objects.filter(content_type__app_label="search", codename__in=PERMISSIONS)
    for group in apps.get_model("auth", "Group").objects.filter(name__endswith="-站点管理员"):
        group.permissions.add(*granted)


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_popular_terms"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
