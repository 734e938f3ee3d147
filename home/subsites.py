"""Creating a site of the group from a blueprint: root page, column tree, departments,
editor and reviewer groups limited to the site, its media collection and its 三审 workflow."""

import re
import tomllib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import ColumnPage, Department, HomePage

# The hook an app registers to create its groups for a new site: fn(site).
CREATE_SITE_ROLES = "create_site_roles"

BLUEPRINT_DIR = settings.SITE_DIR / "blueprints"
HOSTNAME_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")

REVIEW_STEPS = ("初审", "审核", "审发")
EDITORS, SITE_ADMINS = "编辑", "站点管理员"
# Disclosure requests: staff handle them; extending a deadline needs the head of the office (Art. 33).
DISCLOSURE_STAFF, DISCLOSURE_HEAD = "信息公开", "信息公开负责人"
ROLES = (EDITORS, SITE_ADMINS, DISCLOSURE_STAFF, DISCLOSURE_HEAD, *REVIEW_STEPS)
# Page permissions per role. Nobody but the platform's superusers may publish directly:
# every publication passes the site's 三审 workflow, whose last approval publishes. A `view`
# permission on the site root is what ties the other roles to their site (sites_for_user).
PAGE_PERMISSIONS = {
    EDITORS: ("add", "change"),
    SITE_ADMINS: ("add", "change", "lock", "unlock"),
    **dict.fromkeys((DISCLOSURE_STAFF, DISCLOSURE_HEAD, *REVIEW_STEPS), ("view",)),
}
MEDIA_PERMISSIONS = {
    EDITORS: ("add", "change", "choose"),
    SITE_ADMINS: ("add", "change", "choose", "delete"),
}
REQUEST_HANDLING = ("view_disclosurerequest", "change_disclosurerequest")
MODEL_PERMISSIONS = {
    SITE_ADMINS: ("home", ("add_department", "change_department", "delete_department")),
    DISCLOSURE_STAFF: ("disclosure", REQUEST_HANDLING),
    DISCLOSURE_HEAD: ("disclosure", (*REQUEST_HANDLING, "approve_extension")),
}


@dataclass
class Blueprint:
    key: str
    name: str
    description: str
    departments: list = field(default_factory=list)
    columns: list = field(default_factory=list)


def available_blueprints():
    return {path.stem: load_blueprint(path.stem) for path in sorted(BLUEPRINT_DIR.glob("*.toml"))}


def load_blueprint(key):
    path = BLUEPRINT_DIR / f"{key}.toml"
    if not re.fullmatch(r"[a-z0-9_-]+", key) or not path.exists():
        raise ValidationError(f"没有名为“{key}”的栏目蓝本。")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    blueprint = Blueprint(key, data["name"], data.get("description", ""), data.get("departments", []), data["columns"])
    if "extends" in data:
        base = load_blueprint(data["extends"])
        blueprint.departments = base.departments + blueprint.departments
        blueprint.columns = base.columns + blueprint.columns
    return blueprint


def group_name(site_name, role):
    return f"{site_name}-{role}"


def validate_new_site(hostname, port, name):
    if not HOSTNAME_RE.match(hostname or ""):
        raise ValidationError("域名格式不正确，只能包含小写字母、数字、连字符和点，例如 sport.example.gov.cn。")
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise ValidationError(f"域名 {hostname}:{port} 已被其他网站使用。")
    if not name or len(name) > 60:
        raise ValidationError("网站名称不能为空，且不超过60个字。")
    if Group.objects.filter(name__startswith=f"{name}-").exists():
        raise ValidationError(f"已存在名为“{name}”的网站用户组，请换一个网站名称。")


@transaction.atomic
def create_subsite(hostname, name, blueprint_key, port=80, is_default=False, identity=None):
    """Create a site of the group and return it. Raises ValidationError on bad input."""
    hostname = (hostname or "").strip().lower()
    validate_new_site(hostname, port, name)
    blueprint = load_blueprint(blueprint_key)
    locale = Locale.get_default()

    identity = {"organiser": name, **(identity or {})}
    home = HomePage(title=name, slug=slugify(hostname) or "site", locale=locale, **identity)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=hostname, port=port, site_name=name, root_page=home, is_default_site=is_default)

    departments = {
        spec["name"]: Department.objects.create(site=site, locale=locale, name=spec["name"], code=spec.get("code", ""))
        for spec in blueprint.departments
    }
    _add_columns(home, blueprint.columns, departments, in_menu=True)
    _add_home_sections(home)
    groups = _create_groups(site, home)
    _create_workflow(name, home, groups)
    # The apps above home add their own roles of the site (interaction: 互动交流, 互动审核).
    for create_roles in hooks.get_hooks(CREATE_SITE_ROLES):
        create_roles(site)
    return site


def _add_columns(parent, specs, departments, in_menu):
    for spec in specs:
        column = ColumnPage(
            title=spec["title"],
            slug=spec["slug"],
            update_category=spec.get("category", "news"),
            max_interval_days=spec.get("max_days"),
            is_core=spec.get("core", False),
            link_url=spec.get("link", ""),
            column_type=spec.get("type", ""),
            show_in_menus=in_menu,
        )
        column.departments.set([departments[d] for d in spec.get("departments", [])])
        parent.add_child(instance=column)
        column.save_revision().publish()
        _add_columns(column, spec.get("children", []), departments, in_menu=False)


# First-level core columns of these update categories fill the new home page with their latest
# items; the other first-level columns become its quick links. Editors rearrange it later.
LISTED_CATEGORIES = ("news", "notice")


def _add_home_sections(home):
    columns = [c for c in ColumnPage.objects.child_of(home).order_by("path") if not c.link_url]
    listed = [c for c in columns if c.is_core and c.update_category in LISTED_CATEGORIES]
    linked = [c for c in columns if c not in listed]
    body = [("latest_items", {"column": column, "title": "", "count": 8}) for column in listed]
    if linked:
        links = [{"title": column.title, "page": column, "url": ""} for column in linked]
        body.append(("quick_links", {"title": "快速通道", "links": links}))
    home.body = body
    home.save_revision().publish()


def _create_groups(site, home):
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    collection = Collection.get_first_root_node().add_child(name=site.site_name)
    # Wagtail checks collection permissions against its base Image and Document models, whatever
    # the custom models are.
    media_permissions = {
        action: list(
            Permission.objects.filter(content_type__app_label="wagtailimages", codename=f"{action}_image")
            | Permission.objects.filter(content_type__app_label="wagtaildocs", codename=f"{action}_document")
        )
        for action in ("add", "change", "choose", "delete")
    }
    groups = {}
    for role in ROLES:
        group = Group.objects.create(name=group_name(site.site_name, role))
        group.permissions.add(admin_access)
        for permission_type in PAGE_PERMISSIONS.get(role, ()):
            GroupPagePermission.objects.create(group=group, page=home, permission_type=permission_type)
        for action in MEDIA_PERMISSIONS.get(role, ()):
            for permission in media_permissions[action]:
                GroupCollectionPermission.objects.create(group=group, collection=collection, permission=permission)
        if role in MODEL_PERMISSIONS:
            app_label, codenames = MODEL_PERMISSIONS[role]
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
        groups[role] = group
    return groups


def _create_workflow(name, home, groups):
    workflow = Workflow.objects.create(name=f"三审·{name}")
    for order, step in enumerate(REVIEW_STEPS):
        task = GroupApprovalTask.objects.create(name=f"{step}·{name}")
        task.groups.set([groups[step]])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.create(workflow=workflow, page=home)
