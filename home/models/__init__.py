from .departments import Department
from .media import PortalDocument, PortalImage, PortalRendition
from .pages import ArticlePage, ColumnPage, HomePage, TopicPage, UpdateCategory

__all__ = [
    "ArticlePage",
    "ColumnPage",
    "Department",
    "HomePage",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "TopicPage",
    "UpdateCategory",
]
