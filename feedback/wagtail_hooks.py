from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback.admin_views import QueueView, ReportView
from home.scoping import sites_for_user


@hooks.register("register_admin_urls")
def feedback_admin_urls():
    return [
        path("feedback/", QueueView.as_view(), name="feedback_queue"),
        path("feedback/<int:pk>/", ReportView.as_view(), name="feedback_report_admin"),
    ]


class SiteStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_for_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def feedback_menu_item():
    return SiteStaffMenuItem("我为政府网站找错", reverse("feedback_queue"), icon_name="warning", order=360)
