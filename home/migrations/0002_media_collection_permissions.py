"""Sub-sites created before this migration granted collection permissions on the custom image and
document models, which Wagtail does not check: grant the base models' permissions instead."""

from django.db import migrations

BASE = {"portalimage": ("wagtailimages", "image"), "portaldocument": ("wagtaildocs", "document")}


def grant_base_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for granted in GroupCollectionPermission.objects.filter(permission__content_type__app_label="home"):
        action, _, model = granted.permission.codename.partition("_")
        if model not in BASE:
            continue
        app_label, base_model = BASE[model]
        base = Permission.objects.filter(content_type__app_label=app_label, codename=f"{action}_{base_model}").first()
        if base:
            GroupCollectionPermission.objects.get_or_create(
                group_id=granted.group_id, collection_id=granted.collection_id, permission=base
            )
        granted.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant_base_permissions, migrations.RunPython.noop)]
