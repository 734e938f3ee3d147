from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_api import ScopedDocumentsAdminAPIViewSet, ScopedImagesAdminAPIViewSet
from home.admin_views import CreateSubsiteView
from home.dashboard import review_panel
from home.document_review import Decide, HeldFile, ReviewList
from home.documents import is_public, may_use_in_admin
from home.models import Department
from home.page_cache import note_served_page
from home.scoping import SiteOwned, SiteScopedViewSetMixin, sites_for_user, user_manages_site
from home.subsites import REVIEW_STEPS


class DepartmentViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = "责任单位"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "code", "parent", "site"]
    list_filter = ["site"]
    search_fields = ["name"]


register_snippet(DepartmentViewSet)


def _refuse_other_sites(request, instances):
    for instance in instances:
        if isinstance(instance, SiteOwned) and not user_manages_site(request.user, instance.site_id):
            raise PermissionDenied


@hooks.register("before_edit_snippet")
def refuse_edit_of_other_sites(request, instance):
    _refuse_other_sites(request, [instance])


@hooks.register("before_delete_snippet")
def refuse_delete_of_other_sites(request, instances):
    _refuse_other_sites(request, instances)


@hooks.register("register_admin_urls")
def subsite_admin_urls():
    return [path("subsites/new/", CreateSubsiteView.as_view(), name="create_subsite")]


@hooks.register("register_settings_menu_item")
def subsite_menu_item():
    return MenuItem(
        "新建子站",
        reverse("create_subsite"),
        icon_name="site",
        order=610,
        attrs={},
    )


@hooks.register("before_serve_page")
def read_page_cache_tokens(page, request, serve_args, serve_kwargs):
    note_served_page(page, request)


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    panel = review_panel(request.user)
    if panel:
        panels.append(panel)


@hooks.register("construct_admin_api", order=100)  # after Wagtail's own registrations, to replace them
def scoped_media_admin_api(router):
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination):
    # Wagtail's move confirmation checks no permission of its own and names any page it is given.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def hide_other_sites_unpublished_pages(pages, request):
    # Linking to another site's published page is fine; its drafts are not the user's to see.
    if request.user.is_superuser:
        return pages
    roots = [site.root_page.translation_key for site in sites_for_user(request.user).select_related("root_page")]
    own = Q(live=True)
    for root_path in Page.objects.filter(translation_key__in=roots).values_list("path", flat=True):  # mirrors too
        own |= Q(path__startswith=root_path)
    return pages.filter(own)


@hooks.register("before_serve_document")
def serve_public_documents_only(document, request):
    # A document no live page links (and nobody marked public) is for the staff who may use it.
    if not is_public(document) and not may_use_in_admin(request.user, document):
        raise Http404


@hooks.register("register_admin_urls")
def document_review_urls():
    return [
        path("documents/review/", ReviewList.as_view(), name="document_review"),
        path("documents/review/<int:pk>/file/", HeldFile.as_view(), name="document_review_file"),
        path("documents/review/<int:pk>/approve/", Decide.as_view(approve=True), name="document_review_approve"),
        path("documents/review/<int:pk>/reject/", Decide.as_view(approve=False), name="document_review_reject"),
    ]


class DocumentReviewMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        steps = Q()
        for step in REVIEW_STEPS:
            steps |= Q(name__endswith=f"-{step}")
        return user.is_superuser or user.groups.filter(steps).exists()


@hooks.register("register_admin_menu_item")
def document_review_menu_item():
    return DocumentReviewMenuItem("文档替换审核", reverse("document_review"), icon_name="doc-full-inverse", order=350)
