"""The admin isolation sweep: every admin URL pattern, taken from the URL resolver (not a hand
list), is requested by each role of one sub-site with another site's object ids in its
arguments; no 200 answer may show the other site's records. The other site's records carry a
marker in their title or name, so that any view that shows them is caught whatever its shape."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.regex_helper import normalize
from wagtail.models import Collection, Page

from home.models import Department, PortalDocument
from home.subsites import ROLES, group_name
from interaction.roles import ensure_groups
from tests.conftest import add_article, column_at
from tests.test_disclosure_factories import make_request, private_media  # noqa: F401
from tests.test_interaction_helpers import add_mailbox, fresh_cache_and_private_media, make_letter  # noqa: F401

pytestmark = pytest.mark.django_db
MARKER = "门户机密"
QUERY = MARKER[:2]  # finds the marked records; a page that only echoes the query shows no marker
FOREIGN_ID = 987654  # every planted record of the other site but its draft page has this primary key


def admin_patterns():
    """(regex, name) of every admin URL, nested includes joined."""

    def walk(patterns, prefix):
        for pattern in patterns:
            regex = prefix + pattern.pattern.regex.pattern.lstrip("^").rstrip("$").removesuffix(r"\Z")
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, regex)
            else:
                yield regex, pattern.name

    return [(regex, name) for regex, name in walk(get_resolver().url_patterns, "") if regex.startswith("admin/")]


@pytest.fixture
def foreign(portal):
    """The portal's records, each with FOREIGN_ID as primary key and the marker in its name."""
    draft = add_article(column_at(portal, "tzgg"), f"{MARKER}草稿", live=False)
    document = PortalDocument(
        id=FOREIGN_ID, title=f"{MARKER}文档", collection=Collection.objects.get(name=portal.site_name)
    )
    document.file.save("secret.txt", ContentFile(MARKER.encode()), save=False)
    document.save()
    Department.objects.create(id=FOREIGN_ID, site=portal, name=f"{MARKER}处", locale=draft.locale)
    make_request(portal, id=FOREIGN_ID, name=f"{MARKER}申请人", description=f"{MARKER}申请内容")
    make_letter(portal, add_mailbox(portal), id=FOREIGN_ID, subject=f"{MARKER}来信", content=f"{MARKER}来信内容")
    models = [
        ("home", "articlepage"),
        ("home", "portaldocument"),
        ("home", "department"),
        ("disclosure", "disclosurerequest"),
        ("interaction", "letter"),
    ]
    return {
        "ids": (FOREIGN_ID, draft.pk, draft.get_parent().pk),
        "revision": draft.latest_revision_id,
        "site": portal.pk,
        "models": models,
    }


def urls(foreign):
    for regex, name in admin_patterns():
        for template, params in normalize(regex):
            choices = [{}]
            if {"app_label", "model_name"} & set(params) or {"content_type_app_name"} & set(params):
                choices = [
                    {
                        "app_label": a,
                        "model_name": m,
                        "content_type_app_name": a,
                        "content_type_model_name": m,
                        "app_name": a,
                    }
                    for a, m in foreign["models"]
                ]
            for choice, foreign_id in ((c, i) for c in choices for i in foreign["ids"]):
                values = {}
                for param in params:
                    if param in choice:
                        values[param] = choice[param]
                    elif param.startswith("revision_id"):
                        values[param] = foreign["revision"]
                    elif param == "site_id":
                        values[param] = foreign["site"]
                    else:
                        values[param] = foreign_id
                url = "/" + template % values
                try:
                    resolve(url)
                except Resolver404:
                    continue
                yield name, url


SUBSITE_ROLES = [*ROLES, "互动交流", "互动审核"]


def shows_marker(response):
    # Choosers answer JSON, whose HTML has the marker escaped as \uXXXX.
    text = response.content.decode(errors="replace")
    return MARKER in text or json.dumps(MARKER)[1:-1] in text


@pytest.mark.parametrize("role", SUBSITE_ROLES)
def test_no_admin_url_shows_another_sites_records_to_a_subsite_role(client, sport, foreign, role):
    ensure_groups(sport)
    user = get_user_model().objects.create_user(f"sport-{role}", password="pw")
    user.groups.add(Group.objects.get(name=group_name(sport.site_name, role)))
    client.force_login(user)
    leaks = []
    seen = set()
    for name, url in urls(foreign):
        if name == "wagtailadmin_error_test":  # Wagtail's page that fails on purpose
            continue
        # A listing without arguments is asked once more with a search that finds the marked records.
        with_ids = any(str(i) in url for i in foreign["ids"])
        for target in (url,) if with_ids else (url, f"{url}?q={QUERY}"):
            if target in seen:
                continue
            seen.add(target)
            try:
                response = client.get(target, HTTP_HOST="sport.test")
            except Exception as error:  # noqa: BLE001
                leaks.append((name, target, f"error {type(error).__name__}"))
                continue
            if response.status_code == 200 and shows_marker(response):
                leaks.append((name, target, 200))
    assert not leaks, "\n".join(map(str, leaks))


def test_the_page_types_report_shows_the_users_own_sites(client, sport, foreign):
    own = add_article(column_at(sport, "gzdt"), "体育局草稿", live=False)
    # Edited before the other site's draft, which Wagtail's report would name as the last edited.
    Page.objects.filter(pk=own.pk).update(latest_revision_created_at=timezone.now() - timedelta(days=1))
    user = get_user_model().objects.create_user("sport-editor", password="pw")
    user.groups.add(Group.objects.get(name=group_name(sport.site_name, "编辑")))
    client.force_login(user)
    text = client.get("/admin/reports/page-types-usage/", HTTP_HOST="sport.test").content.decode()
    assert "体育局草稿" in text and MARKER not in text


def test_the_page_chooser_browses_own_drafts_and_published_pages_of_other_sites(client, sport, foreign):
    own = add_article(column_at(sport, "gzdt"), "体育局草稿", live=False)
    user = get_user_model().objects.create_user("sport-chooser", password="pw")
    user.groups.add(Group.objects.get(name=group_name(sport.site_name, "编辑")))
    client.force_login(user)
    own_draft = client.get(f"/admin/choose-page/{own.pk}/", HTTP_HOST="sport.test").content.decode()
    assert json.dumps("体育局草稿")[1:-1] in own_draft  # the chooser answers JSON
    published_parent = foreign["ids"][2]  # the portal's live column: linking to it is fine
    assert client.get(f"/admin/choose-page/{published_parent}/", HTTP_HOST="sport.test").status_code == 200
    assert client.get(f"/admin/choose-page/{foreign['ids'][1]}/", HTTP_HOST="sport.test").status_code == 404
