"""Text is never markup and numbers never overflow: the monitoring report PDF and notice PDFs
with markup characters in titles and names; API offset and limit beyond any integer."""

from datetime import date

import pytest
from django.urls import reverse

from disclosure.notices import render_pdf
from monitoring.models import ContentRule
from monitoring.registry import run_check
from monitoring.reports import Quarter
from tests.conftest import add_article, column_at
from tests.test_review_and_permissions import member

pytestmark = pytest.mark.django_db
MARKUP = '健身<b>路径 & "维修" <para>内部资料</font> &amp; <br/>'


def test_monitoring_report_pdf_with_markup_in_a_page_title(client, sport):
    ContentRule.objects.create(kind="sensitive", word="内部资料")
    add_article(column_at(sport, "gzdt"), MARKUP)
    run_check("content_quality", sport)
    client.force_login(member(sport, "站点管理员"))
    quarter = Quarter.of(date.today()).code
    url = reverse("monitoring_report_site", args=[sport.pk, quarter])
    assert (
        MARKUP.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        in client.get(url).content.decode()
    )
    pdf = client.get(url, {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_notice_pdf_with_markup_in_its_title_and_agency():
    assert render_pdf(MARKUP, f"第一段{MARKUP}\n\n第二段", "云州市<体育局> & 办公室", date(2026, 5, 6)).startswith(
        b"%PDF"
    )


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize(
    "params", [{"offset": str(2**64)}, {"offset": str(2**63)}, {"offset": str(2**62)}, {"limit": str(2**64)}]
)
def test_api_offset_and_limit_beyond_any_integer_are_bad_requests(client, portal, endpoint, params):
    response = client.get(f"/api/v2/{endpoint}/", params, HTTP_HOST="portal.test")
    assert response.status_code == 400
    assert "cannot be higher than" in response.json()["message"]


def test_api_ordinary_offsets_still_work(client, portal):
    assert client.get("/api/v2/pages/", {"offset": "1", "limit": "5"}, HTTP_HOST="portal.test").status_code == 200
