"""A site's mirror in a locale: its translated home page and the translator group (`<site>-翻译`)
that may add, edit and publish the mirror's pages. The group holds no permission on the Chinese
tree, so translators can neither edit nor publish source pages; they start and sync translations
through wagtail-localize (`submit_translation`)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page
from wagtail_localize.operations import translate_object

from home.subsites import group_name

TRANSLATORS = "翻译"
MIRROR_PAGE_PERMISSIONS = ("add", "change", "publish")
# Departments (snippets) referenced by translated pages are translated alongside them.
MODEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("home", "add_department"),
    ("home", "change_department"),
)


@transaction.atomic
def create_mirror(site, locale, user=None):
    """Translate the site's home page into `locale` (once) and give the site's translator group
    rights on that mirror tree. Returns the mirror's home page."""
    home = site.root_page.specific
    mirror = home.get_translation_or_none(locale)
    if mirror is None:
        translate_object(home, [locale], user=user)
        mirror = home.get_translation(locale)
    group = translator_group(site)
    for permission_type in MIRROR_PAGE_PERMISSIONS:
        if not GroupPagePermission.objects.filter(
            group=group, page=mirror, permission__codename=f"{permission_type}_page"
        ).exists():
            GroupPagePermission.objects.create(group=group, page=mirror, permission_type=permission_type)
    return mirror


def translator_group(site):
    group, created = Group.objects.get_or_create(name=group_name(site.site_name, TRANSLATORS))
    if created:
        for app_label, codename in MODEL_PERMISSIONS:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def mirror_roots(site):
    """The site's home page in every other locale (the roots of its mirrors)."""
    return Page.objects.filter(translation_key=site.root_page.translation_key).exclude(pk=site.root_page_id)


def translator_groups(site, locale):
    """Groups that translate and may edit the site's mirror in `locale`. Rights on the tree's root
    (Wagtail's stock groups) cover every site and name no one in particular."""
    mirror = mirror_roots(site).filter(locale=locale).first()
    if mirror is None:
        return []
    return list(
        Group.objects.filter(
            page_permissions__page__in=mirror.get_ancestors(inclusive=True).filter(depth__gt=1),
            page_permissions__permission__codename="change_page",
            permissions__codename="submit_translation",
        )
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
