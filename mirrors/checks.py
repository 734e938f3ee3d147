"""The monitoring check "外文版同步": core pages missing from, or stale in, each mirror of a site."""

from mirrors.status import MISSING, stale_and_missing
from mirrors.translators import mirror_roots
from monitoring.models import Severity
from monitoring.registry import Observation, register

OVERDUE_DAYS = 30  # a core page stale this long is an error, not a warning


@register("mirror_sync", "外文版同步")
def check_mirror_sync(site):
    for mirror in mirror_roots(site).select_related("locale"):
        language = mirror.locale.get_display_name()
        for row in stale_and_missing(site, mirror.locale):
            days = row.stale_days()
            if row.state == MISSING:
                title = f"核心{row.kind}“{row.page.title}”没有{language}版"
                detail = f"{row.page.url_path} 尚无已发布的{language}译文。"
            else:
                title = f"核心{row.kind}“{row.page.title}”的{language}版已 {days} 天未同步"
                detail = f"{row.page.url_path}：{row.note or '原文更新后译文尚未同步'}。"
            yield Observation(
                key=f"mirror:{mirror.locale.language_code}:{row.page.pk}:{row.state}",
                severity=Severity.ERROR if days is not None and days >= OVERDUE_DAYS else Severity.WARNING,
                title=title,
                detail=detail,
                target=row.page.url_path,
                page=row.page,
            )
