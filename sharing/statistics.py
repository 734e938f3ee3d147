"""信息报送采用情况: how many items each sub-site and department offered, how many were accepted
or declined, per month or per year. Pushes (down the group) and withdrawn offers are not
submissions and are left out; the acceptance rate is accepted / offered."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from sharing.models import ACCEPTED, Offer, OfferState


@dataclass
class Row:
    site: str
    department: str
    offered: int = 0
    accepted: int = 0
    declined: int = 0

    @property
    def pending(self):
        return self.offered - self.accepted - self.declined

    @property
    def rate(self):
        """Acceptance rate in percent, one decimal; None when nothing was offered."""
        return round(100 * self.accepted / self.offered, 1) if self.offered else None


@dataclass
class Statistics:
    year: int
    month: int | None
    rows: list = field(default_factory=list)
    monthly: list = field(default_factory=list)  # [(month, offered, accepted)] of the year

    @property
    def total(self):
        total = Row("合计", "")
        for row in self.rows:
            total.offered += row.offered
            total.accepted += row.accepted
            total.declined += row.declined
        return total


def submissions(offers):
    return offers.filter(is_push=False).exclude(state=OfferState.WITHDRAWN)


def offer_statistics(offers, year, month=None):
    """`offers`: the offers the reader may see (already scoped to their sites)."""
    of_year = submissions(offers).filter(created_at__year=year)
    counts = {
        "offered": Count("pk"),
        "accepted": Count("pk", filter=Q(state__in=ACCEPTED)),
        "declined": Count("pk", filter=Q(state=OfferState.DECLINED)),
    }
    period = of_year.filter(created_at__month=month) if month else of_year
    grouped = (
        period.values("source_site__site_name", "source_department")
        .annotate(**counts)
        .order_by("source_site__site_name", "source_department")
    )
    rows = [
        Row(g["source_site__site_name"], g["source_department"] or "—", g["offered"], g["accepted"], g["declined"])
        for g in grouped
    ]
    by_month = {
        g["month"]: g
        for g in of_year.annotate(month=ExtractMonth("created_at")).values("month").annotate(**counts).order_by()
    }
    monthly = [(m, by_month.get(m, {}).get("offered", 0), by_month.get(m, {}).get("accepted", 0)) for m in range(1, 13)]
    return Statistics(year, month, rows, monthly)


HEADERS = ["报送网站", "报送单位", "报送数", "采用数", "不予采用数", "待处理数", "采用率（%）"]


def table(stats):
    rows = [*stats.rows, stats.total] if stats.rows else []
    return [
        [
            row.site,
            row.department,
            row.offered,
            row.accepted,
            row.declined,
            row.pending,
            row.rate if row.rate is not None else "",
        ]
        for row in rows
    ]


def report_lines(site, start, end):
    """Sentences for a site's periodic report (the quarterly monitoring report): what the site
    offered to others and what it received, between `start` and `end` (datetimes)."""
    period = submissions(Offer.objects.filter(created_at__gte=start, created_at__lt=end))
    lines = []
    for label, offers in (("报送", period.filter(source_site=site)), ("收到报送", period.filter(target_site=site))):
        row = Row(site.site_name, "", offers.count(), offers.filter(state__in=ACCEPTED).count())
        row.declined = offers.filter(state=OfferState.DECLINED).count()
        if row.offered:
            counts = f"采用 {row.accepted} 条，不予采用 {row.declined} 条，采用率 {row.rate}%"
            lines.append(f"{label}信息 {row.offered} 条，{counts}。")
    return lines or ["本期没有信息报送。"]
