"""The admin screen where a site's reviewers take their 三审 step on a held document file
(home.documents): the list of replacements waiting for the user's step, approve or reject."""

import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import TemplateView

from home import documents
from home.admin_views import AdminScreen
from home.models import DocumentReplacement
from home.subsites import REVIEW_STEPS


class ReviewList(AdminScreen, TemplateView):
    template_name = "home/admin/document_review.html"
    page_title = "文档替换审核"
    header_icon = "doc-full-inverse"

    def get_context_data(self, **kwargs):
        waiting = documents.reviewable_by(self.request.user)
        for replacement in waiting:
            replacement.step_name = REVIEW_STEPS[replacement.step]
        return {**super().get_context_data(**kwargs), "replacements": waiting}


def _reviewable(request, pk):
    replacement = get_object_or_404(DocumentReplacement, pk=pk, status=DocumentReplacement.Status.PENDING)
    if not documents.may_review(request.user, replacement):
        raise PermissionDenied  # another site's, or a step the user does not take
    return replacement


class Decide(View):
    approve = True

    def post(self, request, pk):
        replacement = _reviewable(request, pk)
        step = REVIEW_STEPS[replacement.step]
        if self.approve:
            documents.approve(replacement, request.user)
            messages.success(request, f"“{replacement.document.title}”的替换文件已{step}通过。")
        else:
            documents.reject(replacement, request.user, request.POST.get("reason", "")[:200])
            messages.success(request, f"“{replacement.document.title}”的替换文件已退回。")
        return redirect("document_review")


class HeldFile(View):
    """The held file, for its reviewers to read before they decide."""

    def get(self, request, pk):
        replacement = _reviewable(request, pk)
        return FileResponse(
            replacement.file.open("rb"), as_attachment=True, filename=os.path.basename(replacement.file.name)
        )
