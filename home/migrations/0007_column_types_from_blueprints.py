"""Columns created before ColumnPage.column_type existed take the type their blueprint now gives
the column of the same place and title (sites are not linked to their blueprint, so every
blueprint is read); columns found in none keep theirs blank and are reported by monitoring."""

import tomllib

from django.conf import settings
from django.db import migrations


def blueprint_types():
    """{(slug path under the home page, title): type} of every blueprint column that sets one."""
    types = {}

    def walk(columns, parents):
        for column in columns:
            path = (*parents, column["slug"])
            if column.get("type"):
                types[("/".join(path), column["title"])] = column["type"]
            walk(column.get("children", []), path)

    for blueprint in sorted((settings.SITE_DIR / "blueprints").glob("*.toml")):
        walk(tomllib.loads(blueprint.read_text(encoding="utf-8"))["columns"], ())
    return types


def fill_types(apps, schema_editor):
    ColumnPage = apps.get_model("home", "ColumnPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    types = blueprint_types()
    for column in ColumnPage.objects.filter(column_type="", depth__gt=2):
        # url_path is /<home slug>/<column slugs>/
        place = column.url_path.strip("/").split("/", 1)[-1]
        kind = types.get((place, column.title))
        if not kind:
            continue
        ColumnPage.objects.filter(pk=column.pk).update(column_type=kind)
        # The admin edits the latest revision: it must not bring the blank type back.
        revision = Revision.objects.filter(pk=column.latest_revision_id).first()
        if revision is not None:
            revision.content["column_type"] = kind
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("home", "0006_column_type_and_keywords"), ("wagtailcore", "0094_alter_page_locale")]

    operations = [migrations.RunPython(fill_types, migrations.RunPython.noop)]
