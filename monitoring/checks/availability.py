"""Availability: each site's home page and key columns answer 200 within a time budget
(the census counts a page that does not open within 15 seconds as unreachable)."""

from django.conf import settings

from monitoring.models import Severity
from monitoring.registry import Observation, register
from monitoring.site_fetch import checker, fetch, key_pages, page_url

BUDGET_SECONDS = 15.0


@register("availability", "网站可用性")
def check_availability(site):
    budget = getattr(settings, "MONITORING_AVAILABILITY_BUDGET", BUDGET_SECONDS)
    link_checker = checker(timeout=budget)
    for page in key_pages(site):
        url = page_url(site, page)
        fetched = fetch(link_checker, url)
        if fetched.result.ok and fetched.elapsed <= budget:
            continue
        problem = (
            fetched.result.describe()
            if not fetched.result.ok
            else f"打开用时 {fetched.elapsed:.1f} 秒，超过 {budget:g} 秒"
        )
        is_home = page.pk == site.root_page_id
        yield Observation(
            key=f"availability:{page.pk}",
            severity=Severity.CRITICAL if is_home else Severity.ERROR,
            title=f"{'首页' if is_home else f'栏目“{page.title}”'}无法正常访问：{problem}",
            detail=f"地址：{url}\n结果：{problem}",
            target=url,
            page=page,
        )
