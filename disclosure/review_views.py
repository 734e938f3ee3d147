"""Admin report of documents that need attention (公开文件审查):
- normative documents published without an interpretation (政策解读“三同步”);
- documents not proactively disclosed whose disclosure attribute is due for review
  (公开属性定期审查: seed 003, plan 一.6), or has never been given a review date."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.views.generic import TemplateView

from disclosure.choices import DisclosureAttribute, ReportCategory
from disclosure.models import InterpretationPage, PolicyDocumentPage
from home.admin_views import AdminScreen
from home.scoping import sites_for_user

REVIEW_NOTICE_DAYS = 30


def documents_of_user_sites(user):
    roots = [site.root_page for site in sites_for_user(user).select_related("root_page")]
    if not roots:
        return PolicyDocumentPage.objects.none()
    within = Q()
    for root in roots:
        within |= Q(path__startswith=root.path)
    return PolicyDocumentPage.objects.filter(within)


def without_interpretation(documents):
    interpreted = InterpretationPage.objects.live().filter(document=OuterRef("pk"))
    return documents.live().filter(report_category=ReportCategory.NORMATIVE).exclude(Exists(interpreted))


def due_for_attribute_review(documents, today):
    return documents.exclude(disclosure_attribute=DisclosureAttribute.PROACTIVE).filter(
        Q(review_on__isnull=True) | Q(review_on__lte=today + timedelta(days=REVIEW_NOTICE_DAYS))
    )


class DocumentReviewView(AdminScreen, TemplateView):
    template_name = "disclosure/admin/document_review.html"
    page_title = "公开文件审查"
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        documents = documents_of_user_sites(self.request.user).select_related("department")
        return super().get_context_data(
            today=today,
            uninterpreted=without_interpretation(documents).order_by("-date"),
            attribute_review=due_for_attribute_review(documents, today).order_by("review_on", "-date"),
            **kwargs,
        )
