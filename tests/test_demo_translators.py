"""The demo has a translator account on every site, listed in the README with the other roles."""

from pathlib import Path

import pytest
from wagtail.models import Locale

from demo import site_group as demo
from demo.mirrors import add_translators
from mirrors.translators import create_mirror, translator_group

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_demo_site_has_a_translator_listed_in_the_readme(client, portal, sport, monkeypatch, django_user_model):
    monkeypatch.setattr(
        demo,
        "SITES",
        [{"hostname": "portal.test", "user_prefix": "portal"}, {"hostname": "sport.test", "user_prefix": "sport"}],
    )
    add_translators()
    add_translators()  # idempotent, as seed_demo is
    for site, username in ((portal, "portal_fanyi"), (sport, "sport_fanyi")):
        user = django_user_model.objects.get(username=username)
        assert list(user.groups.all()) == [translator_group(site)]
        assert user.check_password(demo.DEMO_PASSWORD)
    assert "`<site>_fanyi` (翻译" in README.read_text(encoding="utf-8")

    mirror = create_mirror(portal, Locale.objects.get_or_create(language_code="en")[0])
    client.force_login(django_user_model.objects.get(username="portal_fanyi"))
    assert client.get(f"/admin/pages/{mirror.pk}/").status_code == 200
