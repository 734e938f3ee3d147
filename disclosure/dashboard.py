"""The disclosure staff's start-page panel: open requests overdue or due within three working days."""

from django.urls import reverse
from django.utils import timezone

from casework.workdays import WorkCalendar, add_working_days, working_days_left
from disclosure.admin_views import scoped_requests
from home.dashboard import SHOWN, WorkPanel

DUE_SOON = 3  # working days


def due_requests_panel(user, today=None):
    today = today or timezone.localdate()
    # The stored due date selects and sorts the requests in the database.
    calendar = WorkCalendar()
    requests = scoped_requests(user).due_by(add_working_days(today, DUE_SOON, calendar))
    requests = requests.order_by("due_on", "received_on", "pk")
    rows = [(item, working_days_left(item.due_on, today, calendar)) for item in requests[:SHOWN]]
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
                    f"{item.due_on:%Y-%m-%d}",
                    f"已超期 {-left} 天" if left < 0 else f"剩 {left} 个工作日",
                ],
            )
            for item, left in rows
        ],
        empty=f"没有已超期或 {DUE_SOON} 个工作日内到期的申请。",
        order=20,
        total=requests.count(),
        more=(reverse("disclosure_requests:index") + "?status=open", "查看全部未办结申请"),
    )
