"""The statutory calendar moves from disclosure to casework: every kind of case counts working days.
Only Django's idea of where the model lives changes; the table and its rows stay as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_cache_table"),
        ("disclosure", "0006_number_counter"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Holiday",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("date", models.DateField(unique=True, verbose_name="日期")),
                        (
                            "is_working_day",
                            models.BooleanField(
                                default=False, help_text="勾选表示该日上班（调休），否则为放假日", verbose_name="调休上班日"
                            ),
                        ),
                        (
                            "note",
                            models.CharField(blank=True, help_text="如：春节、国庆节调休", max_length=60, verbose_name="说明"),
                        ),
                    ],
                    options={
                        "verbose_name": "节假日安排",
                        "verbose_name_plural": "节假日安排",
                        "ordering": ["-date"],
                        "db_table": "disclosure_holiday",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
