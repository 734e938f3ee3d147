"""Numbering moves from disclosure to casework: letters and requests both take numbers. Only
Django's idea of where the model lives changes; the table and its rows stay as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_holiday"),
        ("disclosure", "0008_request_stored_due_date"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NumberCounter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=60, unique=True, verbose_name="编号序列")),
                        ("value", models.PositiveIntegerField(default=0, verbose_name="已用到")),
                    ],
                    options={
                        "verbose_name": "编号计数器",
                        "verbose_name_plural": "编号计数器",
                        "db_table": "disclosure_numbercounter",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
