"""Column lists sort the items below a column by date: with (path, live) the pages in the column's
path range are found from the index alone, without reading each page's row."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0004_page_url_path_index")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS home_page_path_live ON wagtailcore_page (path, live)",
            "DROP INDEX IF EXISTS home_page_path_live",
        )
    ]
