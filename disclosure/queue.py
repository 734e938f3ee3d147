"""The staff queue of disclosure requests (依申请公开): a casework.viewsets queue of the sites the
user manages, linking each request to its detail page with the handling steps."""

from wagtail.admin.ui.tables import Column

from casework.viewsets import (
    CaseFilterSet,
    CaseIndexView,
    CaseViewSet,
    WholeNumberFilter,
    date_column,
    department_column,
    due_within_filter,
    site_column,
    status_filter,
)
from disclosure.admin_views import VIEW_PERMISSION, missing_calendar_years
from disclosure.choices import Status
from disclosure.models import DisclosureRequest
from disclosure.notifications import HANDLE_PERMISSION


def can_see_requests(user):
    return user.has_perm(VIEW_PERMISSION) or user.has_perm(HANDLE_PERMISSION)


class RequestFilterSet(CaseFilterSet):
    status = status_filter(Status.choices)
    due_within = due_within_filter(60)
    year = WholeNumberFilter(label="收到年份", field_name="received_on__year", min_value=2008, max_value=2100)

    class Meta:
        model = DisclosureRequest
        fields = ["status", "due_within", "overdue", "department", "year"]


def due_text(item):
    if item.due_on:
        return f"{item.due_on:%Y-%m-%d}"
    return "待补正" if item.status == Status.AWAITING_SUPPLEMENT else "—"


class RequestIndexView(CaseIndexView):
    page_title = "依申请公开"
    detail_url_name = "disclosure_request"
    no_results_message = "没有符合条件的申请。"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "missing_years": missing_calendar_years(self.today)}

    def cell_applicant_type(self, item):
        kind = item.get_applicant_type_display()
        return f"{kind}（{item.get_organisation_kind_display()}）" if item.organisation_kind else kind

    def cell_description(self, item):
        return item.description[:200]

    def cell_outcome(self, item):
        return item.get_outcome_display() if item.outcome else ""


class RequestViewSet(CaseViewSet):
    model = DisclosureRequest
    name = "disclosure_requests"
    url_prefix = "disclosure/requests"
    icon = "mail"
    index_view_class = RequestIndexView
    index_template_name = "disclosure/admin/queue.html"
    filterset_class = RequestFilterSet
    list_display = [
        "number",
        site_column(),
        department_column(),
        date_column("received_on", "收到日期"),
        Column("description", label="所需信息", accessor=lambda item: item.description[:40]),
        "status",
        Column("due_on", label="答复期限", accessor=due_text, sort_key="due_on"),
    ]
    list_export = [
        "number",
        "site",
        "department",
        "received_on",
        "applicant_type",
        "name",
        "description",
        "status",
        "due_on",
        "left",
        "outcome",
        "closed_on",
    ]
    export_headings = {
        "number": "申请编号",
        "site": "网站",
        "department": "承办单位",
        "received_on": "收到日期",
        "applicant_type": "申请人类型",
        "name": "申请人",
        "description": "所需信息",
        "status": "状态",
        "due_on": "答复期限",
        "left": "剩余工作日",
        "outcome": "办理结果",
        "closed_on": "办结日期",
    }
    export_filename = "disclosure-requests"
