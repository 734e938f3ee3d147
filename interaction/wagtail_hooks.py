from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets.button import Button
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from casework.viewsets import CasePermissionPolicy
from home.models import ArticlePage
from home.scoping import SiteScopedViewSetMixin
from interaction.admin_views import comments, interviews, letters, moderation, statistics
from interaction.admin_views.letter_queue import LetterViewSet
from interaction.dashboard import letters_due_panel, moderation_panel
from interaction.models import InteractionTarget, InterviewPage, Letter
from interaction.views.posts import serve_commented_article


class InteractionTargetViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = InteractionTarget
    icon = "success"
    menu_label = "互动年度目标"
    add_to_admin_menu = False
    list_display = ["site", "year", "surveys", "interviews"]
    list_filter = ["site", "year"]


register_snippet(InteractionTargetViewSet)


register_permission_policy(Letter, CasePermissionPolicy(Letter, letters.can_see_letters))


@hooks.register("register_admin_viewset")
def register_letter_queue():
    return LetterViewSet()


@hooks.register("register_admin_urls")
def interaction_admin_urls():
    return [
        path("interaction/letters/<int:pk>/", letters.LetterDetailView.as_view(), name="interaction_letter"),
        path(
            "interaction/letters/<int:pk>/steps/<slug:step>/",
            letters.LetterDetailView.as_view(),
            name="interaction_letter_step",
        ),
        path("interaction/letters/<int:pk>/file/", letters.LetterFileView.as_view(), name="interaction_letter_file"),
        path("interaction/moderation/<slug:kind>/", moderation.ModerationView.as_view(), name="interaction_moderation"),
        path(
            "interaction/moderation/<slug:kind>/<int:pk>/<slug:action>/",
            moderation.ModerationView.as_view(),
            name="interaction_moderation_action",
        ),
        path(
            "interaction/interviews/<int:pk>/",
            interviews.InterviewConsoleView.as_view(),
            name="interaction_interview_console",
        ),
        path(
            "interaction/comments/<int:page_id>/",
            comments.ToggleCommentsView.as_view(),
            name="interaction_toggle_comments",
        ),
        path("interaction/statistics/", statistics.StatisticsView.as_view(), name="interaction_statistics"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


def _can_moderate(user):
    return user.has_perm(moderation.MODERATE_PERMISSION)


def _can_set_targets(user):
    return user.has_perm("interaction.change_interactiontarget")


@hooks.register("register_admin_menu_item")
def interaction_menu():
    items = [
        PermissionMenuItem(
            "来信办理",
            reverse("interaction_letters:index"),
            icon_name="mail",
            order=10,
            shown_to=letters.can_see_letters,
        ),
        PermissionMenuItem(
            "互动审核",
            reverse("interaction_moderation", args=["comment"]),
            icon_name="comment",
            order=20,
            shown_to=_can_moderate,
        ),
        PermissionMenuItem(
            "统计与年度目标",
            reverse("interaction_statistics"),
            icon_name="table",
            order=30,
            shown_to=letters.can_see_letters,
        ),
        PermissionMenuItem(
            "年度目标设置",
            reverse("wagtailsnippets_interaction_interactiontarget:list"),
            icon_name="success",
            order=40,
            shown_to=_can_set_targets,
        ),
    ]
    return SubmenuMenuItem("互动交流", Menu(items=items), icon_name="group", order=315)


def _takes_comments(page):
    return isinstance(page, ArticlePage) and not isinstance(page, RoutablePageMixin | FormMixin)


@hooks.register("register_page_header_buttons")
def interaction_page_buttons(page, user, view_name, next_url=None):
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    if not page.permissions_for_user(user).can_edit():
        return
    if isinstance(page, InterviewPage):
        yield Button(
            "访谈直播", reverse("interaction_interview_console", args=[page.pk]), icon_name="microphone", priority=80
        )
    elif _takes_comments(page):
        yield Button(
            "网民留言设置", reverse("interaction_toggle_comments", args=[page.pk]), icon_name="comment", priority=80
        )


@hooks.register("before_serve_page")
def serve_article_comments(page, request, serve_args, serve_kwargs):
    return serve_commented_article(page, request)


@hooks.register("construct_homepage_panels")
def add_interaction_panels(request, panels):
    if letters.can_see_letters(request.user):
        panels.append(letters_due_panel(request.user))
    if _can_moderate(request.user):
        panels.append(moderation_panel(request.user))
