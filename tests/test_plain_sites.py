"""A site whose root is a plain Wagtail page (Wagtail's own welcome site, a site being set up) is
served, not answered with a 500 by the page cache or the page metadata."""

import pytest
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db


def test_a_site_rooted_at_a_plain_page_is_served(client):
    root = Page.get_first_root_node().add_child(instance=Page(title="建设中的网站", slug="plain"))
    Site.objects.create(hostname="plain.test", root_page=root, site_name="建设中的网站")
    response = client.get("/", HTTP_HOST="plain.test")
    assert response.status_code == 200
    assert "建设中的网站" in response.content.decode()
