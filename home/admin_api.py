"""The admin API's documents and images (used by choosers and the rich-text editor) limited,
like their admin listings, to the collections the user works with: a sub-site's staff never
list another site's files through it."""

from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

ACTIONS = ["add", "change", "choose"]


def _usable(model, user):
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, ACTIONS).values("pk")


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=_usable(get_document_model(), self.request.user))


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=_usable(get_image_model(), self.request.user))
