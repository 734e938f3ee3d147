"""The disclosure staff's start-page panel: open requests overdue or due within three working days."""

from django.urls import reverse
from django.utils import timezone

from disclosure.admin_views import queue_rows, scoped_requests
from home.dashboard import SHOWN, WorkPanel

DUE_SOON = 3  # working days


def due_requests_panel(user, today=None):
    today = today or timezone.localdate()
    # The due date depends on each request's steps, so it is computed for every open request
    # (in two queries: the requests and their steps).
    rows = [
        (item, deadline, left)
        for item, deadline, left in queue_rows(scoped_requests(user), today, {"status": "open"})
        if left is not None and left <= DUE_SOON
    ]
    rows.sort(key=lambda row: (row[2], row[0].received_on, row[0].pk))
    return WorkPanel(
        "disclosure_due",
        "依申请公开：即将到期和已超期",
        ["申请编号", "所需信息", "承办单位", "答复期限", "剩余工作日"],
        [
            (
                reverse("disclosure_request", args=[item.pk]),
                [
                    item.number,
                    item.description[:30],
                    item.department.name if item.department_id else "",
                    f"{deadline.due:%Y-%m-%d}",
                    f"已超期 {-left} 天" if left < 0 else f"剩 {left} 个工作日",
                ],
            )
            for item, deadline, left in rows[:SHOWN]
        ],
        empty=f"没有已超期或 {DUE_SOON} 个工作日内到期的申请。",
        order=20,
        total=len(rows),
        more=(reverse("disclosure_requests") + "?status=open", "查看全部未办结申请"),
    )
