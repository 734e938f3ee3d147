"""The schedule that rebuilds the search vocabulary (corrections, pinyin, suggestions) before
the cached copy expires, so that no reader's search waits for it."""

from django.db import migrations
from django.utils import timezone

SCHEDULE = "搜索·纠错词表更新"


def forwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=SCHEDULE,
        defaults={
            "func": "search.vocabulary.refresh",
            "schedule_type": "I",
            "minutes": 20,
            "repeats": -1,
            "next_run": timezone.now(),
        },
    )


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonym_group")]

    operations = [migrations.RunPython(forwards, backwards)]
