"""The NumberCounter model now lives in casework (casework.0003_number_counter); its table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0008_request_stored_due_date"),
        ("casework", "0003_number_counter"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="NumberCounter")], database_operations=[]
        ),
    ]
