"""A mirror's translations of the departments (English names, records of their own) appear only on the
mirror: the Chinese forms, filters, statistics and reports list the site's own departments once."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from home.models import Department
from monitoring.reports import visible_departments
from monitoring.statistics import default_months, monthly_statistics
from tests.test_disclosure_factories import add_request_page, handler
from tests.test_interaction_helpers import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(portal):
    """English names for every department of the portal, as the English mirror's translation makes."""
    english = Locale.objects.get_or_create(language_code="en")[0]
    chinese = list(Department.objects.filter(site=portal))
    for department in chinese:
        copy = department.copy_for_translation(english)
        copy.name = f"Translated {department.code or department.pk}"
        copy.save()
    return chinese


def options(html, name):
    """The Chinese names offered (every one of the site's) after checking no translation is."""
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": name})
    offered = [option.get_text(strip=True) for option in select.find_all("option") if option.get("value")]
    assert not [name for name in offered if name.startswith("Translated")], offered
    return offered


def test_chinese_screens_list_only_the_sites_own_departments(client, portal, translated, django_user_model):
    names = sorted(d.name for d in translated)
    form = add_request_page(portal)
    public_form = client.get(form.url, HTTP_HOST="portal.test").content.decode()
    assert sorted(options(public_form, "department")) == names

    search = client.get("/search/", {"q": "通知"}, HTTP_HOST="portal.test").content.decode()
    assert sorted(options(search, "department")) == names

    client.force_login(handler(portal))
    queue = client.get("/admin/disclosure/requests/").content.decode()
    assert sorted(options(queue, "department")) == names
    client.force_login(staff(portal, "letters"))
    letters = client.get("/admin/interaction/letters/").content.decode()
    assert set(names) <= set(options(letters, "department"))

    rows = monthly_statistics(portal, default_months(date(2026, 11, 28))).rows
    assert sorted(row.name for row in rows) == names
    superuser = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    assert sorted(visible_departments(superuser).filter(site=portal).values_list("name", flat=True)) == names
