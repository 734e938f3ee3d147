"""The Holiday model now lives in casework (casework.0002_holiday); its table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0006_number_counter"),
        ("casework", "0002_holiday"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Holiday")], database_operations=[]
        ),
    ]
