"""Opening or closing comments on an article, for whoever may edit the article."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from home.admin_views import AdminScreen
from home.models import ArticlePage
from interaction.models import ArticleComments, comments_open


class ToggleCommentsView(AdminScreen, TemplateView):
    template_name = "interaction/admin/toggle_comments.html"
    page_title = "网民留言设置"
    header_icon = "comment"

    def dispatch(self, request, page_id):
        self.article = get_object_or_404(ArticlePage, pk=page_id).specific
        if not self.article.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "article": self.article, "enabled": comments_open(self.article)}

    def post(self, request, page_id):
        enabled = request.POST.get("enabled") == "1"
        ArticleComments.objects.update_or_create(
            page=self.article, defaults={"enabled": enabled, "changed_by": request.user}
        )
        messages.success(request, f"《{self.article.title}》已{'开放' if enabled else '关闭'}网民留言。")
        return redirect("wagtailadmin_pages:edit", self.article.pk)
