"""Wagtail API v2: public pages, images and documents only (live, public pages; no form data)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

SEARCH_OPERATORS = ("and", "or")


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def listing_view(self, request):
        # Wagtail hands any value to the search backend, which raises (a server error) on
        # anything but "and"/"or"; refuse it as a bad request like the other parameters.
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        return super().listing_view(request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
