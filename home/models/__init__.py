from .departments import Department
from .media import PortalDocument, PortalImage, PortalRendition
from .pages import ArticlePage, ColumnPage, ColumnType, HomePage, TopicPage, UpdateCategory

__all__ = [
    "ArticlePage",
    "ColumnPage",
    "ColumnType",
    "Department",
    "HomePage",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "TopicPage",
    "UpdateCategory",
]
