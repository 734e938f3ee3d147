"""The admin's 智能问答 menu: the FAQ entries (scoped to the user's sites like every other record),
and the report of unanswered questions and answered rates per site and month."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from answers.models import FaqEntry, MonthlyStat, UnansweredQuestion
from home.scoping import SiteScopedViewSetMixin, sites_for_user

REPORT_MONTHS = 12
REPORT_QUESTIONS = 200


class FaqEntryViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = FaqEntry
    icon = "help"
    menu_label = "问答知识"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["question", "site", "source_page", "department", "review_on", "live"]
    list_filter = ["site", "live"]
    search_fields = ["question", "variants"]


register_snippet(FaqEntryViewSet)


class AnswersReportView(WagtailAdminTemplateMixin, TemplateView):
    """Answered rate per site and month, and the questions nothing answered, most asked first:
    what editors should write FAQ entries for. Only the user's own sites."""

    template_name = "answers/admin/report.html"
    page_title = "智能问答统计"
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("answers.view_faqentry"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sites = sites_for_user(self.request.user)
        since = timezone.localdate().replace(day=1)
        for _ in range(REPORT_MONTHS - 1):
            since = (since - timedelta(days=1)).replace(day=1)
        context["stats"] = MonthlyStat.objects.filter(site__in=sites, month__gte=since).select_related("site")
        context["unanswered"] = (
            UnansweredQuestion.objects.filter(site__in=sites, month__gte=since)
            .values("site__site_name", "question")
            .annotate(total=Sum("count"))
            .order_by("-total", "question")[:REPORT_QUESTIONS]
        )
        context["add_url"] = reverse("wagtailsnippets_answers_faqentry:add")
        return context


@hooks.register("register_admin_urls")
def answers_admin_urls():
    return [path("answers/report/", AnswersReportView.as_view(), name="answers_report")]


@hooks.register("register_reports_menu_item")
def answers_report_menu_item():
    return PermittedMenuItem("智能问答统计", reverse("answers_report"), icon_name="help", order=900)


class PermittedMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("answers.view_faqentry")
