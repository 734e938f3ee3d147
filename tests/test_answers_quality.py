"""A few of the evaluation cases (bench/search_cases.toml) on every build, so that a change to
search or 智能问答 that loses them fails CI: the portal's demo articles and FAQ entries are built
on the test portal, and the cases are asked over HTTP exactly as bench/search_quality.py asks them."""

import pytest
from django.test import Client

from bench.search_quality import load_cases, run_case
from demo import answers as answers_demo
from demo.site_group import DemoBuilder

pytestmark = pytest.mark.django_db

# Portal cases whose pages are demo articles, a few of each kind, all met on the full demo.
SUBSET = {
    "question": ["灵活就业人员如何交养老保险", "事业单位招聘什么时候报名"],
    "run_together": ["云湖区停水", "公务员拟录用公示"],
    "typo": ["信息公开年度报高", "灵活就业养老报险"],
    "pinyin": ["xinxigongkaizhinan", "tingshui"],
    "initials": ["zcjd", "xxgk"],
    "abbreviation": ["发改委"],
    "synonym": ["找工作", "社会保险 灵活就业"],
    "exact": ["高效办成一件事", "农民丰收节"],
    "qa": ["给市长写信多久回", "自由职业怎么交社保", "政府信息多长时间内要在网上公开"],
    "qa_none": ["护照过期了怎么换"],
}


@pytest.fixture
def demo_portal(portal):
    DemoBuilder(lambda message: None).add_articles(portal.root_page.specific, "portal")
    answers_demo.seed(portal, "portal")
    return portal


def test_a_subset_of_the_evaluation_cases_meets_its_bar(demo_portal):
    cases = [c for c in load_cases() if c["site"] == "portal" and c["q"] in SUBSET.get(c["kind"], [])]
    assert len(cases) == sum(len(queries) for queries in SUBSET.values())
    client, timings, missed = Client(), [], []
    for case in cases:
        rank, got, _ = run_case(client, {"portal": "portal.test"}, case, timings)
        if not rank or rank > case.get("within", 1):
            missed.append((case["kind"], case["q"], got[:3]))
    assert missed == [], "\n".join(map(str, missed))
