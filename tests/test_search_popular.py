"""热门搜索 never shows raw visitor input: editors' terms per site, and terms many distinct
visitors searched that find published content and pass the personal-data and sensitive-word
filters. Searching writes nothing to the database but the shared rate-limit counter; a
django-q2 task flushes the cache's counts. A script cannot promote a term or flood the search."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_q.models import Schedule
from django_q.tasks import async_task
from wagtail.models import Site

from home.subsites import SITE_ADMINS, group_name
from monitoring.models import ContentRule
from search import popular
from search.models import PopularTerm, SearchTermCount
from tests.conftest import add_article, column_at

pytestmark = pytest.mark.django_db
PORTAL, SPORT = "portal.test", "sport.test"


def search(client, query, address="203.0.113.7", host=PORTAL):
    return client.get("/search/", {"q": query}, HTTP_HOST=host, REMOTE_ADDR=address)


def shown(client, host=PORTAL):
    html = client.get("/search/", HTTP_HOST=host).content.decode()
    section = re.search(r'<section class="search-popular".*?</section>', html, re.S)
    return re.findall(r"<li><a [^>]*>([^<]*)</a></li>", section.group(0)) if section else []


def searched_by_many(client, query, visitors=popular.MIN_VISITORS, host=PORTAL):
    for n in range(visitors):
        assert search(client, query, address=f"198.51.100.{n + 1}", host=host).status_code == 200


def flush():
    """As the worker runs it: the scheduled function, through django-q2 (synchronous in tests)."""
    assert Schedule.objects.filter(func="search.popular.flush_counts").exists()
    async_task("search.popular.flush_counts")
    forget_shown()


def forget_shown():
    """What 热门搜索 showed is kept a few minutes."""
    for site in Site.objects.all():
        cache.delete(popular.shown_key(site.pk))


@pytest.fixture
def content(portal, sport):
    add_article(column_at(portal, "tzgg"), "全民健身运动会报名通知")
    add_article(column_at(portal, "tzgg"), "违禁品专项整治通知")
    add_article(column_at(sport, "gzdt"), "游泳馆开放时间调整")


def test_a_script_repeating_a_query_from_one_address_promotes_nothing_and_is_limited(client, content):
    statuses = [search(client, "全民健身").status_code for _ in range(70)]
    assert statuses[:60] == [200] * 60
    assert set(statuses[60:]) == {429}
    refused = search(client, "全民健身")
    assert "搜索过于频繁" in refused.content.decode() and 'value="全民健身"' in refused.content.decode()
    assert search(client, "全民健身", address="203.0.113.8").status_code == 200  # other visitors still search
    flush()
    assert "全民健身" not in shown(client)
    assert not SearchTermCount.objects.exists()


def test_terms_many_visitors_search_become_popular_on_their_site_only(client, content):
    searched_by_many(client, "全民健身", visitors=popular.MIN_VISITORS - 1)
    flush()
    assert shown(client) == []  # one short of the threshold

    search(client, "全民健身", address="192.0.2.200")
    searched_by_many(client, "游泳馆", host=SPORT)
    flush()
    assert shown(client) == ["全民健身"]
    assert shown(client, host=SPORT) == ["游泳馆"]
    flush()  # idempotent: the day's totals are written again, not added
    assert SearchTermCount.objects.get(term="全民健身").visitors == popular.MIN_VISITORS


def test_names_addresses_and_other_personal_queries_never_appear(client, content):
    for query in [
        "张伟 幸福小区3栋2单元",
        "家住人民路12号",
        "13912345678",
        "zhangwei@example.com",
        "11010519491231002X",
    ]:
        searched_by_many(client, query)
    searched_by_many(client, "欧阳隐私甲")  # a name: no published page mentions it
    flush()
    assert shown(client) == []
    assert not SearchTermCount.objects.exists()


def test_sensitive_words_never_appear_even_when_counted_before_the_rule(client, content):
    searched_by_many(client, "违禁品")
    flush()
    assert shown(client) == ["违禁品"]
    ContentRule.objects.create(kind=ContentRule.Kind.SENSITIVE, word="违禁")
    forget_shown()
    assert shown(client) == []


def test_editors_terms_come_first_and_stay_on_their_site(client, content, portal, sport):
    searched_by_many(client, "全民健身")
    flush()
    PopularTerm.objects.create(site=portal, term="政务公开", sort_order=1)
    PopularTerm.objects.create(site=portal, term="办事指南", sort_order=0)
    PopularTerm.objects.create(site=sport, term="体育场馆")
    assert shown(client) == ["办事指南", "政务公开", "全民健身"]
    assert shown(client, host=SPORT) == ["体育场馆"]


def test_an_editors_term_with_personal_data_is_refused(portal):
    term = PopularTerm(site=portal, term="联系 13912345678")
    with pytest.raises(ValidationError) as refused:
        term.full_clean()
    assert "个人信息" in str(refused.value)


def test_site_administrators_manage_popular_terms(portal):
    from django.contrib.auth.models import Group

    admins = Group.objects.get(name=group_name(portal.site_name, SITE_ADMINS))
    assert admins.permissions.filter(codename="change_popularterm").exists()


def test_searching_writes_nothing_to_the_database_but_the_rate_limit(client, content):
    search(client, "全民健身")
    with CaptureQueriesContext(connection) as queries:
        assert search(client, "运动会", address="192.0.2.9").status_code == 200
    writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]
    assert writes and all("casework_limits" in sql for sql in writes)
