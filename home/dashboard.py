"""The admin's start page (dashboard) as each role's work list. Every app adds the panel of the
work it owns through `construct_homepage_panels`; this module holds the panel they share and the
review (三审) panel, whose tasks and pages belong to home."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Page, TaskState

SHOWN = 10  # items a panel lists; a link leads to the full list


class WorkPanel(Component):
    """One role's waiting work: a table whose first cell links to where the item is handled, an
    empty state that says there is nothing waiting, and a link to the full list."""

    def __init__(self, name, heading, columns, rows, empty, order, total=None, more=None):
        self.name, self.heading, self.columns, self.rows = name, heading, columns, rows
        self.empty, self.order, self.more = empty, order, more
        self.total = len(rows) if total is None else total

    def render_html(self, parent_context=None):
        return render_to_string("home/admin/work_panel.html", {"panel": self})


def awaiting_review(user):
    """Task states of 三审 steps waiting for this user, oldest first. The project's workflows are
    made of group-approval tasks only, so one query replaces Wagtail's query per task."""
    states = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__active=True)
    if not user.is_superuser:
        states = states.filter(task__in=GroupApprovalTask.objects.filter(groups__in=user.groups.all()))
    return states.order_by("started_at", "pk")


def prime_review_checks(user):
    """Answer in one query what Wagtail asks of each GroupApprovalTask in turn: is the user in its
    groups (`_user_in_groups`, cached on the user per task). Its dashboard panel of pages to
    moderate asks it of every active task, three per site: 600 queries at 200 sites."""
    if user.is_superuser or not user.is_authenticated:
        return
    mine = set(
        GroupApprovalTask.groups.through.objects.filter(group__in=user.groups.all()).values_list(
            "groupapprovaltask_id", flat=True
        )
    )
    checks = getattr(user, "_group_approval_task_checks", None) or {}
    for pk in GroupApprovalTask.objects.values_list("pk", flat=True):
        checks.setdefault(pk, pk in mine)
    user._group_approval_task_checks = checks


def review_panel(user, now=None):
    """Pages waiting for the user's step, with how long they have waited, or None for users who
    review nothing."""
    prime_review_checks(user)  # for Wagtail's panel on the same page
    if not (user.is_superuser or GroupApprovalTask.objects.filter(groups__in=user.groups.all()).exists()):
        return None
    now = now or timezone.now()
    states = awaiting_review(user)
    shown = list(states.select_related("task", "workflow_state__requested_by")[:SHOWN])
    pages = Page.objects.in_bulk([int(s.workflow_state.object_id) for s in shown])
    rows = []
    for state in shown:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        requester = state.workflow_state.requested_by
        rows.append(
            (
                reverse("wagtailadmin_pages:edit", args=[page.pk]),
                [
                    page.get_admin_display_title(),
                    state.task.name,
                    (requester.get_full_name() or requester.get_username()) if requester else "",
                    timesince(state.started_at, now, depth=1),
                ],
            )
        )
    return WorkPanel(
        "awaiting_my_review",
        "待我审核",
        ["页面", "审核步骤", "提交人", "已等待"],
        rows,
        empty="目前没有等待您审核的页面。",
        order=10,
        total=states.count() if len(shown) == SHOWN else len(rows),
    )
