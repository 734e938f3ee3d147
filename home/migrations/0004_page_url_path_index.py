"""Pages are routed by their url_path in one query (home.routing); Wagtail does not index it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0003_page_tree_depth_path_index")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS home_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS home_page_url_path",
        )
    ]
