"""The demo's offers, references and pushes across the portal, the sports bureau and the county."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from demo.sharing import seed
from monitoring.registry import run_check
from sharing.models import Offer, OfferState


@pytest.fixture
def demo(without_shared_sites):
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_shows_every_outcome_and_a_live_reference(demo):
    states = {(o.source_site.hostname, o.is_push, o.state) for o in Offer.objects.select_related("source_site")}
    assert {
        ("sport.localhost", False, OfferState.ACCEPTED_REFERENCE),
        ("sport.localhost", False, OfferState.DECLINED),
        ("sport.localhost", False, OfferState.OFFERED),
        ("county.localhost", False, OfferState.ACCEPTED_COPY),
        ("localhost", True, OfferState.ACCEPTED_REFERENCE),
        ("localhost", True, OfferState.OFFERED),
    } <= states

    offer = Offer.objects.filter(source_site__hostname="sport.localhost", state=OfferState.ACCEPTED_REFERENCE).first()
    response = Client().get(offer.result_page.url, HTTP_HOST="localhost")
    html = response.content.decode()
    assert response.status_code == 200 and offer.source_title in html
    assert f'<link rel="canonical" href="{offer.source_page.full_url}">' in html and "云州市体育局" in html

    # The portal's editors find what waits for them; the statistics count both sub-sites.
    portal = Site.objects.get(hostname="localhost")
    staff = Client()
    staff.force_login(get_user_model().objects.get(username="portal_admin"))
    stats = staff.get(reverse("sharing_statistics"), {"site": portal.pk}).content.decode()
    assert "云州市体育局" in stats and "青山县人民政府" in stats and "<svg" in stats
    staff.force_login(get_user_model().objects.get(username="portal_editor"))
    inbox = staff.get(reverse("sharing_inbox")).content.decode()
    assert "白沙乡推进村务公开" in inbox
    scheduled = Offer.objects.get(source_title="全市今年新建更新社区健身路径120条")
    assert scheduled.result_page is None and scheduled.schedule_state in inbox and "定时" in scheduled.schedule_state
    # The county left the portal's push in its inbox for more than a day: monitoring says so.
    county = Site.objects.get(hostname="county.localhost")
    assert run_check("pushed_items", county).found == 1
    assert run_check("pushed_items", Site.objects.get(hostname="sport.localhost")).found == 0

    count = Offer.objects.count()
    seed(print)
    assert Offer.objects.count() == count
