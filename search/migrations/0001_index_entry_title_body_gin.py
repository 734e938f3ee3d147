"""On PostgreSQL, a GIN index on the expression Wagtail's database backend searches
(title || body), so a query uses the index instead of reading every index entry."""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]
    operations = [migrations.RunPython(create, drop)]
