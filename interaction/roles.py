"""The staff roles of the interaction features on one site: 互动交流 handles letters and
moderates posts, 互动审核 reviews replies before they are sent. Each group holds a `view`
page permission on the site root, which is what scopes its members to that site."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from home.subsites import group_name

HANDLERS, REVIEWERS = "互动交流", "互动审核"
ROLE_PERMISSIONS = {
    HANDLERS: ("view_letter", "change_letter", "moderate_posts", "view_interactiontarget", "change_interactiontarget"),
    REVIEWERS: ("view_letter", "review_letter"),
}


def ensure_groups(site):
    """Create the site's interaction groups when missing; returns {role: group}."""
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for role, codenames in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=group_name(site.site_name, role))
        if created:
            group.permissions.add(
                admin_access,
                *Permission.objects.filter(content_type__app_label="interaction", codename__in=codenames),
            )
            GroupPagePermission.objects.create(group=group, page=site.root_page, permission_type="view")
        groups[role] = group
    return groups
