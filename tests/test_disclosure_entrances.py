"""Citizens find the online request form, the catalog and tracking: from the disclosure section
and by searching for them; the mailbox by its name."""

import pytest
from bs4 import BeautifulSoup

from demo import disclosure as disclosure_demo
from disclosure.models import DisclosureIndexPage, DisclosureRequestPage
from home.models import ArticlePage
from tests.test_disclosure_factories import add_request_page
from tests.test_interaction_helpers import add_mailbox
from tests.test_search import result_titles, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(portal):
    index = DisclosureIndexPage(title="政府信息公开", slug="xxgk")
    portal.root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.mark.parametrize("words", ["依申请公开", "信息公开申请", "政府信息公开申请"])
def test_search_finds_the_request_form(client, portal, section, words):
    form = add_request_page(portal)
    assert form.title in result_titles(search(client, q=words))


def test_search_finds_the_mailbox_by_its_name(client, portal):
    mailbox = add_mailbox(portal)
    assert mailbox.title in result_titles(search(client, q="市长信箱"))


def test_the_disclosure_section_leads_to_the_form_the_catalog_and_tracking(client, portal, section):
    form = add_request_page(portal)
    page = BeautifulSoup(client.get(section.url, HTTP_HOST="portal.test").content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in page.select("main a[href]")}
    assert any(href.rstrip("/").endswith(form.get_url_parts()[2].rstrip("/")) for href in links.values()), links
    assert any(href.rstrip("/").endswith("catalog") for href in links.values()), links
    assert any(href.rstrip("/").endswith("track") for href in links.values()), links


def test_the_demo_guide_and_home_page_lead_to_the_form_the_catalog_and_tracking(client, portal):
    disclosure_demo.seed(portal)
    form = DisclosureRequestPage.objects.descendant_of(portal.root_page).get()
    form_path = form.get_url_parts()[2]
    guide = ArticlePage.objects.descendant_of(portal.root_page).get(title__endswith="政府信息公开指南")

    def hrefs(page):
        html = client.get(page.get_url_parts()[2], HTTP_HOST="portal.test").content
        return {a["href"] for a in BeautifulSoup(html, "html.parser").select("main a[href]")}

    def leads_to(links, path):  # a page link may be written with the site's address
        return any(href.endswith(path) for href in links)

    guide_links = hrefs(guide)
    assert leads_to(guide_links, form_path) and leads_to(guide_links, form_path + "track/")
    assert leads_to(guide_links, "/catalog/")
    assert leads_to(hrefs(portal.root_page), form_path)
