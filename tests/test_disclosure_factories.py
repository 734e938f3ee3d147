"""Shared builders for the disclosure tests (no tests here)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from disclosure import lifecycle
from disclosure.models import DisclosureRequest, DisclosureRequestPage
from home.subsites import SITE_ADMINS, group_name

VALID_ID = "11010519491231002X"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def make_request(site, received_on=date(2026, 3, 2), column="person", **fields):
    values = {
        "applicant_type": "person" if column == "person" else "organisation",
        "organisation_kind": "" if column == "person" else column,
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "email": "zhangsan@example.com",
        "address": "云州市人民路1号",
        "description": "2025年本市体育场馆免费开放名单",
        "provision_form": "electronic",
        "delivery": "email",
        **fields,
    }
    request = DisclosureRequest(site=site, received_on=received_on, **values)
    code = lifecycle.submit(request)
    request.query_code = code
    return request


def staff_user(site, username, *permissions, role=SITE_ADMINS, email=None):
    """A member of the site's role group, holding the given disclosure permissions."""
    user = get_user_model().objects.create_user(username, email or f"{username}@example.com", "pw")
    group = Group.objects.get(name=group_name(site.site_name, role))
    user.groups.add(group)
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="disclosure", codename=codename))
    return get_user_model().objects.get(pk=user.pk)


def handler(site, username="handler"):
    return staff_user(site, username, "view_disclosurerequest", "change_disclosurerequest")


def office_head(site, username="head"):
    return staff_user(site, username, "view_disclosurerequest", "change_disclosurerequest", "approve_extension")


def add_request_page(site, title="依申请公开", slug="ysqgk"):
    page = DisclosureRequestPage(title=title, slug=slug, office="测试市人民政府办公室")
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page
