from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button

from home.dashboard import SHOWN, WorkPanel
from home.scoping import sites_for_user
from sharing import services
from sharing.models import Offer, OfferState
from sharing.statistics import report_lines
from sharing.views import (
    DecideView,
    InboxView,
    MineView,
    OfferView,
    PushView,
    SettingsIndexView,
    SettingsView,
    StatisticsView,
    UsageView,
)

MENU_HOOK = "register_sharing_menu_item"


@hooks.register("register_admin_urls")
def sharing_admin_urls():
    return [
        path("sharing/offer/<int:page_id>/", OfferView.as_view(), name="sharing_offer"),
        path("sharing/push/<int:page_id>/", PushView.as_view(), name="sharing_push"),
        path("sharing/usage/<int:page_id>/", UsageView.as_view(), name="sharing_usage"),
        path("sharing/inbox/", InboxView.as_view(), name="sharing_inbox"),
        path("sharing/mine/", MineView.as_view(), name="sharing_mine"),
        path("sharing/offers/<int:pk>/<str:action>/", DecideView.as_view(), name="sharing_decide"),
        path("sharing/statistics/", StatisticsView.as_view(), name="sharing_statistics"),
        path("sharing/settings/", SettingsIndexView.as_view(), name="sharing_settings_index"),
        path("sharing/settings/<int:site_id>/", SettingsView.as_view(), name="sharing_settings"),
    ]


class SiteStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_for_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def sharing_menu():
    return SubmenuMenuItem("信息报送", Menu(register_hook_name=MENU_HOOK), icon_name="resubmit", order=330)


@hooks.register(MENU_HOOK)
def inbox_menu_item():
    return SiteStaffMenuItem("待采用信息", reverse("sharing_inbox"), icon_name="download", order=100)


@hooks.register(MENU_HOOK)
def mine_menu_item():
    return SiteStaffMenuItem("我站报送", reverse("sharing_mine"), icon_name="upload", order=200)


@hooks.register(MENU_HOOK)
def statistics_menu_item():
    return SiteStaffMenuItem("采用情况统计", reverse("sharing_statistics"), icon_name="table", order=300)


@hooks.register(MENU_HOOK)
def settings_menu_item():
    return SiteStaffMenuItem("共享设置", reverse("sharing_settings_index"), icon_name="cogs", order=400)


@hooks.register("register_page_header_buttons")
def sharing_page_buttons(page, user, view_name, next_url=None):
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    if page.alias_of_id and Offer.objects.filter(result_page=page).exists():
        # A reference: its content is edited on its source's site.
        yield Button("查看原文", page.alias_of.full_url or "#", icon_name="link-external", priority=70)
        return
    if not services.can_offer(user, page):
        return
    yield Button("报送", reverse("sharing_offer", args=[page.pk]), icon_name="upload", priority=75)
    if services.can_push(user, page):
        yield Button("推送到子站", reverse("sharing_push", args=[page.pk]), icon_name="resubmit", priority=76)
    yield Button("共享情况", reverse("sharing_usage", args=[page.pk]), icon_name="link", priority=77)


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels):
    if not sites_for_user(request.user).exists():
        return
    offers = Offer.objects.received_by(request.user)
    waiting = offers.filter(state=OfferState.OFFERED) | offers.filter(source_gone_at__isnull=False)
    if not waiting.exists():
        return
    link = reverse("sharing_inbox")
    rows = [
        (
            link,
            [
                offer.source_title,
                offer.source_site.site_name,
                "原文已撤下" if offer.source_gone_at else ("主站推送" if offer.is_push else "报送待采用"),
            ],
        )
        for offer in waiting.select_related("source_site")[:SHOWN]
    ]
    panels.append(
        WorkPanel(
            "sharing_inbox",
            "待采用信息",
            ["标题", "来自", "状态"],
            rows,
            empty="目前没有待采用的信息。",
            order=40,
            total=waiting.count(),
        )
    )


@hooks.register("monitoring_report_sections")
def information_submissions(site, department, quarter):
    """The site's 信息报送 figures in its quarterly report (a department's report leaves them out)."""
    if department is None:
        return "信息报送采用情况", report_lines(site, quarter.start, quarter.end)
    return None
