"""Admin screens: offer and push a page, the receiving site's inbox, the offering site's own
offers, where a page is shown, the statistics, and each site's sharing settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.models import Page, Site

from home.admin_views import AdminScreen
from home.exports import csv_response, xlsx_response
from home.params import whole_number
from home.scoping import sites_for_user, user_manages_site
from monitoring.charts import bar_chart
from sharing import services
from sharing.forms import DeclineForm, OfferForm, PushForm, ScheduleForm, SettingsForm
from sharing.models import Offer, OfferState, PushMode, ReceivingColumn
from sharing.statistics import HEADERS, offer_statistics, table


class Refusals:
    """Answer 403 where Wagtail's admin would turn PermissionDenied into a redirect to its start
    page: a forged request for another site's offer must be refused plainly."""

    def check(self, request, *args, **kwargs):
        """Raise PermissionDenied when the user may not use this screen."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check(request, *args, **kwargs)
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            return permission_denied(request, error)


def _page_or_404(page_id):
    return get_object_or_404(Page, pk=page_id).specific


class OfferView(Refusals, AdminScreen, TemplateView):
    template_name = "sharing/offer_form.html"
    page_title = "报送信息"
    header_icon = "upload"

    def check(self, request, page_id):
        self.page = _page_or_404(page_id)
        if not services.can_offer(request.user, self.page):
            raise PermissionDenied

    def get(self, request, page_id):
        return self._render(OfferForm(columns=services.offer_columns(self.page)))

    def post(self, request, page_id):
        form = OfferForm(request.POST, columns=services.offer_columns(self.page))
        if form.is_valid():
            try:
                offer = services.make_offer(
                    request.user, self.page, form.cleaned_data["receiving"], form.cleaned_data["note"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"已报送到“{offer.target_site.site_name} · {offer.target_column.title}”，请等待对方采用。"
                )
                return redirect("sharing_mine")
        return self._render(form)

    def _render(self, form):
        return self.render_to_response(self.get_context_data(form=form, page=self.page, submit="报送"))


class PushView(OfferView):
    page_title = "推送到子站"

    def check(self, request, page_id):
        self.page = _page_or_404(page_id)
        if not services.can_push(request.user, self.page):
            raise PermissionDenied

    def _targets(self):
        return services.push_targets(self.page.get_site())

    def get(self, request, page_id):
        return self._render(PushForm(targets=self._targets()))

    def post(self, request, page_id):
        form = PushForm(request.POST, targets=self._targets())
        if form.is_valid():
            try:
                offers = services.push(request.user, self.page, form.cleaned_data["targets"], form.cleaned_data["note"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                shown = sum(1 for offer in offers if offer.state == OfferState.ACCEPTED_REFERENCE)
                messages.success(request, f"已推送到 {len(offers)} 个网站，其中 {shown} 个已直接显示。")
                return redirect("sharing_usage", page_id=self.page.pk)
        return self._render(form)

    def _render(self, form):
        return self.render_to_response(self.get_context_data(form=form, page=self.page, submit="推送"))


class InboxView(Refusals, AdminScreen, TemplateView):
    template_name = "sharing/inbox.html"
    page_title = "待采用信息"
    header_icon = "download"

    def get_context_data(self, bound=None, **kwargs):
        offers = Offer.objects.received_by(self.request.user).select_related(
            "source_site", "target_site", "target_column", "source_page", "result_page", "offered_by", "decided_by"
        )
        waiting = list(offers.filter(state=OfferState.OFFERED))
        decided = list(offers.exclude(state__in=[OfferState.OFFERED, OfferState.WITHDRAWN])[:50])
        for offer in waiting + decided:
            offer.schedule_form = _schedule_form(offer, bound)
        return super().get_context_data(
            waiting=waiting,
            gone=offers.filter(source_gone_at__isnull=False),
            decided=decided,
            decline_form=DeclineForm(),
            **kwargs,
        )


def _schedule_form(offer, bound=None):
    """Each offer's own form (ids made unique per offer); the one just sent keeps what was typed."""
    if bound is not None and bound.offer_pk == offer.pk:
        return bound
    later = offer.show_from is not None
    initial = {"when": "later" if later else "now", "show_from": offer.show_from, "show_until": offer.show_until}
    return ScheduleForm(initial=initial, auto_id=f"id_{offer.pk}_%s")


class MineView(Refusals, AdminScreen, TemplateView):
    template_name = "sharing/mine.html"
    page_title = "我站报送"
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        offers = Offer.objects.offered_by_sites_of(self.request.user).select_related(
            "source_site", "target_site", "target_column", "source_page", "result_page", "decided_by"
        )
        return super().get_context_data(offers=offers[:200], **kwargs)


ACTIONS = {
    "accept_copy": (services.accept_copy, "已复制到本站栏目（草稿）：请修改后提交三审。"),
    "remove": (services.remove_reference, "已从本站撤下该引用，原文不受影响。"),
    "withdraw": (services.withdraw, "已撤回该报送。"),
}


def _inbox_with(request, form):
    """The inbox again, with the schedule just sent and its errors in place of a redirect."""
    inbox = InboxView()
    inbox.setup(request)
    messages.error(request, "显示时间有误，请修改后再提交。")
    return inbox.render_to_response(inbox.get_context_data(bound=form))


SCHEDULED = {"accept_reference": services.accept_reference, "schedule": services.reschedule}


def _schedule_message(offer):
    if offer.result_page_id:
        return "已采用为引用并在本站显示：本站栏目显示原文的最新发布内容。"
    return f"已设置引用的显示时间：{offer.schedule_state}。"


class DecideView(Refusals, View):
    """POST only. An offer of a site the user does not manage is not found (404); one they see but
    may not decide on (the offering side trying to accept) is refused (403)."""

    def post(self, request, pk, action):
        offer = get_object_or_404(Offer.objects.visible_to(request.user), pk=pk)
        back = "sharing_mine" if action == "withdraw" else "sharing_inbox"
        try:
            with transaction.atomic():
                if action == "decline":
                    form = DeclineForm(request.POST)
                    if not form.is_valid():
                        raise ValidationError(list(form.errors["reason"]))
                    services.decline(request.user, offer, form.cleaned_data["reason"])
                    messages.success(request, f"已退回“{offer.source_title}”，报送单位可以看到理由。")
                    return redirect(back)
                if action in SCHEDULED:
                    if not services.can_decide(request.user, offer):
                        raise PermissionDenied
                    form = ScheduleForm(request.POST, auto_id=f"id_{offer.pk}_%s")
                    if not form.is_valid():
                        form.offer_pk = offer.pk
                        return _inbox_with(request, form)
                    SCHEDULED[action](
                        request.user, offer, form.cleaned_data["show_from"], form.cleaned_data["show_until"]
                    )
                    messages.success(request, _schedule_message(offer))
                    return redirect(back)
                if action not in ACTIONS:
                    raise Http404
                act, done = ACTIONS[action]
                act(request.user, offer)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect(back)
        messages.success(request, done)
        if action == "accept_copy":
            return redirect("wagtailadmin_pages:edit", offer.result_page_id)
        return redirect(back)


class UsageView(Refusals, AdminScreen, TemplateView):
    """Where a page of the user's site is shown on the other sites, and what became of its offers."""

    template_name = "sharing/usage.html"
    page_title = "共享情况"
    header_icon = "link"

    def get_context_data(self, page_id, **kwargs):
        page = _page_or_404(page_id)
        site = page.get_site()
        if site is None or not user_manages_site(self.request.user, site.pk):
            raise PermissionDenied
        offers = Offer.objects.filter(source_page=page).select_related("target_site", "target_column", "result_page")
        return super().get_context_data(page=page, offers=offers, **kwargs)


class StatisticsView(Refusals, AdminScreen, TemplateView):
    template_name = "sharing/statistics.html"
    page_title = "信息报送采用情况"
    header_icon = "table"

    def get(self, request):
        today = timezone.localdate()
        year = whole_number(request.GET.get("year"), 2000, 2100) or today.year
        month = whole_number(request.GET.get("month"), 1, 12)
        sites = sites_for_user(request.user).order_by("pk")
        site = sites.filter(pk=whole_number(request.GET.get("site"))).first()
        offers = Offer.objects.visible_to(request.user)
        if site:
            offers = offers.filter(target_site=site) | offers.filter(source_site=site)
        stats = offer_statistics(offers, year, month)
        period = f"{year}年{month}月" if month else f"{year}年"
        if request.GET.get("format") in ("csv", "xlsx"):
            filename = f"信息报送采用情况-{period}"
            if request.GET["format"] == "csv":
                return csv_response(filename + ".csv", HEADERS, table(stats))
            return xlsx_response(filename + ".xlsx", "采用情况", HEADERS, table(stats))
        chart = bar_chart([(f"{m}月", offered, None) for m, offered, _ in stats.monthly])
        accepted_chart = bar_chart([(f"{m}月", accepted, "#1d7c4d") for m, _, accepted in stats.monthly])
        query = f"year={year}" + (f"&month={month}" if month else "") + (f"&site={site.pk}" if site else "")
        return self.render_to_response(
            self.get_context_data(
                stats=stats,
                period=period,
                chart=chart,
                accepted_chart=accepted_chart,
                sites=sites,
                site=site,
                years=range(today.year, today.year - 5, -1),
                months=range(1, 13),
                query=query,
            )
        )


def manages_sharing(user, site):
    """Site administrators (who hold the site's departments) decide what their site receives."""
    return user.is_superuser or (user.has_perm("home.change_department") and user_manages_site(user, site.pk))


class SettingsIndexView(Refusals, AdminScreen, TemplateView):
    template_name = "sharing/settings_index.html"
    page_title = "共享设置"
    header_icon = "cogs"

    def get_context_data(self, **kwargs):
        user = self.request.user
        sites = [s for s in sites_for_user(user).order_by("pk") if manages_sharing(user, s)]
        settings = ReceivingColumn.objects.filter(site__in=sites).select_related("column")
        return super().get_context_data(sites=sites, settings=settings, **kwargs)


class SettingsView(Refusals, AdminScreen, TemplateView):
    template_name = "sharing/settings.html"
    page_title = "共享设置"
    header_icon = "cogs"
    parents = (("共享设置", "sharing_settings_index"),)

    def check(self, request, site_id):
        self.site = get_object_or_404(Site, pk=site_id)
        if not manages_sharing(request.user, self.site):
            raise PermissionDenied

    def _form(self, data=None):
        rows = ReceivingColumn.objects.filter(site=self.site)
        push = rows.filter(receives_pushes=True).first()
        initial = {
            "offer_columns": [r.column_id for r in rows if r.accepts_offers],
            "push_column": push.column_id if push else None,
            "push_mode": push.push_mode if push else PushMode.REFERENCE,
        }
        return SettingsForm(data, initial=initial, columns=services.columns_of(self.site))

    def get(self, request, site_id):
        return self.render_to_response(self.get_context_data(form=self._form(), site=self.site))

    def post(self, request, site_id):
        form = self._form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, site=self.site))
        data = form.cleaned_data
        offer_ids = {c.pk for c in data["offer_columns"]}
        push_id = data["push_column"].pk if data["push_column"] else None
        with transaction.atomic():
            ReceivingColumn.objects.filter(site=self.site).exclude(column_id__in=offer_ids | {push_id}).delete()
            ReceivingColumn.objects.filter(site=self.site).update(receives_pushes=False)
            for column_id in offer_ids | ({push_id} if push_id else set()):
                ReceivingColumn.objects.update_or_create(
                    site=self.site,
                    column_id=column_id,
                    defaults={
                        "accepts_offers": column_id in offer_ids,
                        "receives_pushes": column_id == push_id,
                        "push_mode": data["push_mode"],
                    },
                )
        messages.success(request, f"已保存“{self.site.site_name}”的共享设置。")
        return redirect("sharing_settings_index")
