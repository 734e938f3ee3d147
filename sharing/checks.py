"""The monitoring check "重要信息转载": an item the portal pushed to this site that the site has not
shown within 24 hours (the national inspection counts timely reposting)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from monitoring.models import Severity
from monitoring.registry import Observation, register
from sharing.models import Offer, OfferState

ALLOWED_DELAY = timedelta(hours=24)


def overdue_pushes(site, now=None):
    """Pushes to `site` older than 24 hours whose reference or copy is not live: still waiting in
    the inbox, or accepted but not (yet, or any more) shown: a reference the site scheduled for
    later counts only once it shows. Declined pushes were a decision."""
    due = (now or timezone.now()) - ALLOWED_DELAY
    waiting = Q(state=OfferState.OFFERED) | Q(result_page__isnull=True) | Q(result_page__live=False)
    return (
        Offer.objects.filter(target_site=site, is_push=True, created_at__lte=due, source_gone_at__isnull=True)
        .exclude(state__in=[OfferState.DECLINED, OfferState.WITHDRAWN])
        .filter(waiting)
        .filter(source_page__live=True)
        .select_related("target_column", "source_site")
    )


@register("pushed_items", "重要信息转载")
def check_pushed_items(site):
    now = timezone.now()
    for offer in overdue_pushes(site, now):
        hours = int((now - offer.created_at).total_seconds() // 3600)
        yield Observation(
            key=f"push:{offer.pk}",
            severity=Severity.ERROR,
            title=f"主站推送的“{offer.source_title}”已 {hours} 小时未在本站显示",
            detail=f"{offer.source_site.site_name}推送到“{offer.target_column.title if offer.target_column else '—'}”，"
            f"状态：{offer.get_state_display()}。请在“信息报送 → 待采用”中采用。",
            target=offer.target_column.url_path if offer.target_column else "",
            page=offer.target_column,
        )
