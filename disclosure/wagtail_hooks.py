from django.template.loader import render_to_string
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from casework.models import Holiday
from casework.viewsets import CasePermissionPolicy
from disclosure import admin_views
from disclosure.dashboard import due_requests_panel
from disclosure.models import DisclosureRequest, DocumentKind, NoticeTemplate, TopicCategory
from disclosure.notifications import HANDLE_PERMISSION
from disclosure.queue import RequestViewSet, can_see_requests
from disclosure.review_views import DocumentReviewView


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "calendar"
    menu_label = "节假日安排"
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]


class TopicCategoryViewSet(SnippetViewSet):
    model = TopicCategory
    icon = "tag"
    menu_label = "主题分类"
    list_display = ["name", "sort_order"]


class DocumentKindViewSet(SnippetViewSet):
    model = DocumentKind
    icon = "doc-full"
    menu_label = "公文种类"
    list_display = ["name", "sort_order"]


class NoticeTemplateViewSet(SnippetViewSet):
    model = NoticeTemplate
    icon = "doc-full"
    menu_label = "告知书模板"
    list_display = ["kind", "title"]


class DisclosureReferenceGroup(SnippetViewSetGroup):
    items = (HolidayViewSet, TopicCategoryViewSet, DocumentKindViewSet, NoticeTemplateViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "信息公开设置"
    menu_order = 320


register_snippet(DisclosureReferenceGroup)


register_permission_policy(DisclosureRequest, CasePermissionPolicy(DisclosureRequest, can_see_requests))


@hooks.register("register_admin_viewset")
def register_request_queue():
    return RequestViewSet()


@hooks.register("register_admin_urls")
def disclosure_admin_urls():
    return [
        path("disclosure/documents/review/", DocumentReviewView.as_view(), name="disclosure_document_review"),
        path("disclosure/requests/<int:pk>/", admin_views.RequestDetailView.as_view(), name="disclosure_request"),
        path(
            "disclosure/requests/<int:pk>/steps/<slug:step>/",
            admin_views.RequestDetailView.as_view(),
            name="disclosure_request_step",
        ),
        path(
            "disclosure/requests/<int:pk>/file/", admin_views.RequestFileView.as_view(), name="disclosure_request_file"
        ),
        path(
            "disclosure/requests/<int:pk>/events/<int:event_pk>/file/",
            admin_views.RequestFileView.as_view(),
            name="disclosure_request_event_file",
        ),
        path(
            "disclosure/requests/<int:pk>/events/<int:event_pk>/notice.pdf",
            admin_views.NoticeView.as_view(),
            name="disclosure_request_notice",
        ),
    ]


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_requests(request.user)


@hooks.register("register_admin_menu_item")
def requests_menu_item():
    return RequestsMenuItem("依申请公开", reverse("disclosure_requests:index"), icon_name="mail", order=310)


@hooks.register("register_reports_menu_item")
def document_review_menu_item():
    return MenuItem("公开文件审查", reverse("disclosure_document_review"), icon_name="doc-full", order=300)


class MissingCalendarPanel(Component):
    """Warns on the admin dashboard while this or next year's holidays are unknown."""

    name = "disclosure_missing_calendar"
    order = 50

    def __init__(self, years):
        self.years = years

    def render_html(self, parent_context=None):
        return render_to_string("disclosure/admin/calendar_warning.html", {"missing_years": self.years})


@hooks.register("construct_homepage_panels")
def add_missing_calendar_panel(request, panels):
    years = admin_views.missing_calendar_years()
    if years and can_see_requests(request.user):
        panels.append(MissingCalendarPanel(years))


@hooks.register("construct_homepage_panels")
def add_due_requests_panel(request, panels):
    if request.user.has_perm(HANDLE_PERMISSION):
        panels.append(due_requests_panel(request.user))
