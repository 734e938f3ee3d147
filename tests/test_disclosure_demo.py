"""The demo's disclosure section: documents, interpretations, requests in several states, a report."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from demo.disclosure import seed
from disclosure.choices import Status
from disclosure.models import (
    AnnualReportPage,
    DisclosureIndexPage,
    DisclosureRequest,
    DisclosureRequestPage,
    InterpretationPage,
    PolicyDocumentPage,
)
from home.subsites import DISCLOSURE_HEAD, group_name
from tests.test_disclosure_factories import private_media  # noqa: F401

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count()
        for m in (
            DisclosureIndexPage,
            DisclosureRequestPage,
            PolicyDocumentPage,
            InterpretationPage,
            AnnualReportPage,
            DisclosureRequest,
        )
    ]


@pytest.mark.parametrize("site_fixture", ["portal", "sport"])
def test_seed_fills_the_section_once(request, client, site_fixture):
    site = request.getfixturevalue(site_fixture)
    admin = get_user_model().objects.create_user("site_admin", "a@example.com", "pw")
    admin.groups.add(Group.objects.get(name=group_name(site.site_name, DISCLOSURE_HEAD)))
    seed(site)
    first = counts()
    seed(site)
    assert counts() == first
    assert mail.outbox == []

    section = DisclosureIndexPage.objects.get()
    assert section.get_site() == site
    statuses = set(DisclosureRequest.objects.filter(site=site).values_list("status", flat=True))
    assert {
        Status.REGISTERED,
        Status.AWAITING_SUPPLEMENT,
        Status.CONSULTING,
        Status.REPLIED,
        Status.WITHDRAWN,
    } <= statuses
    assert InterpretationPage.objects.filter(document__isnull=False).count() == 2

    host = {"HTTP_HOST": site.hostname}
    for page in (
        section,
        DisclosureRequestPage.objects.get(),
        AnnualReportPage.objects.get(),
        *PolicyDocumentPage.objects.all(),
    ):
        assert client.get(page.relative_url(site), **host).status_code == 200
    catalog = client.get(section.relative_url(site) + "catalog/", **host).content.decode()
    assert "全民健身设施免费开放" in catalog and "废止" in catalog
    report = client.get(AnnualReportPage.objects.get().relative_url(site), **host).content.decode()
    assert "（七）总计" in report

    client.force_login(admin)
    queue = client.get("/admin/disclosure/requests/").content.decode()
    assert "待补正" in queue and "征求意见中" in queue


def test_editors_forms_of_the_disclosure_pages_open(client, portal):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    admin.groups.add(Group.objects.get(name=group_name(portal.site_name, DISCLOSURE_HEAD)))
    seed(portal)
    client.force_login(admin)
    for model in (DisclosureIndexPage, DisclosureRequestPage, PolicyDocumentPage, InterpretationPage, AnnualReportPage):
        page = model.objects.first()
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, model
    assert client.get("/admin/").status_code == 200
