from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.scoping import sites_for_user
from mirrors.views import SyncStatusView, upload_pofile


@hooks.register("register_admin_urls", order=-1)
def mirrors_admin_urls():
    return [
        path("mirrors/status/", SyncStatusView.as_view(), name="mirrors_sync_status"),
        # The same address as wagtail-localize's own upload (registered earlier by order=-1), so
        # its translation editor posts PO files to this stricter view.
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            upload_pofile,
            name="mirrors_upload_pofile",
        ),
    ]


class ReportReadersMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_for_user(request.user).exists()


@hooks.register("register_reports_menu_item")
def sync_status_menu_item():
    return ReportReadersMenuItem("外文版同步状态", reverse("mirrors_sync_status"), icon_name="site", order=900)
