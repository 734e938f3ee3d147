"""Menus and side navigation read the children of a page (depth = n and a range of paths); with
only the path index that reads the whole site's subtree. An index on (depth, path) answers it
directly, on SQLite and PostgreSQL alike."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0002_media_collection_permissions"), ("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS home_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS home_page_depth_path",
        )
    ]
