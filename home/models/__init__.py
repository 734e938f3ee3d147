from .departments import Department
from .media import DocumentReplacement, PortalDocument, PortalImage, PortalRendition
from .pages import ArticlePage, ColumnPage, ColumnType, HomePage, TopicPage, UpdateCategory

__all__ = [
    "ArticlePage",
    "ColumnPage",
    "ColumnType",
    "Department",
    "DocumentReplacement",
    "HomePage",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "TopicPage",
    "UpdateCategory",
]
