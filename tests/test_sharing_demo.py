"""The demo's offers, references and pushes across the portal, the sports bureau and the county."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from demo.sharing import seed
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

    count = Offer.objects.count()
    seed(print)
    assert Offer.objects.count() == count
