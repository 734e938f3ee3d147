"""The demo's topic page shows its introduction once (the intro field), not again in its sections."""

import pytest
from bs4 import BeautifulSoup

from demo import site_group as demo
from home.models import TopicPage

pytestmark = pytest.mark.django_db


def test_the_demo_topic_prints_its_introduction_once(client, portal):
    spec = next(site for site in demo.SITES if site["key"] == "portal")["topic"]
    demo.DemoBuilder(log=lambda *args: None).add_topic(portal.root_page.specific, spec)
    topic = TopicPage.objects.get(slug=spec["slug"])
    response = client.get(topic.get_url_parts()[2], HTTP_HOST="portal.test")
    main = BeautifulSoup(response.content, "html.parser").find("main")
    assert main.get_text().count(spec["intro"]) == 1
