from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.scoping import sites_for_user
from yearly_report.admin_views import ReportListView, download

MONITORING_MENU = "register_monitoring_menu_item"  # monitoring's 网站监测 submenu


@hooks.register("register_admin_urls")
def yearly_report_admin_urls():
    return [
        path("yearly-reports/", ReportListView.as_view(), name="yearly_reports"),
        path("yearly-reports/<int:pk>/<str:kind>/", download, name="yearly_report_download"),
    ]


class SiteStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_for_user(request.user).exists()


@hooks.register(MONITORING_MENU)
def yearly_reports_menu_item():
    return SiteStaffMenuItem("网站年度报表", reverse("yearly_reports"), icon_name="doc-full", order=400)
