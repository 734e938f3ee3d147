"""Wagtail API v2: public pages, images and documents only (live, public pages; no form data)."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.documents import public_documents

SEARCH_OPERATORS = ("and", "or")
MAX_OFFSET = 2**31 - 1


class BoundedPagination(WagtailPagination):
    """Wagtail hands any offset to the database, which fails (a server error) on a number beyond
    its integers: refuse it as a bad request, as Wagtail refuses a negative one."""

    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            if _too_large(request.GET.get(name)):
                raise BadRequestError(f"{name} cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


def _too_large(value):
    try:
        return value is not None and int(value) > MAX_OFFSET
    except ValueError:
        return False  # not a number: Wagtail refuses it itself


class PublicPagesAPIViewSet(PagesAPIViewSet):
    pagination_class = BoundedPagination

    def listing_view(self, request):
        # Wagtail hands any value to the search backend, which raises (a server error) on
        # anything but "and"/"or"; refuse it as a bad request like the other parameters.
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        return super().listing_view(request)


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    pagination_class = BoundedPagination


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Only documents readers may download (home.documents): linked by a live page or marked public."""

    pagination_class = BoundedPagination

    def get_queryset(self):
        return public_documents(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
