from .documents import InterpretationPage, PolicyDocumentPage
from .notices import IssuedNotice, NoticeKind, NoticeTemplate
from .pages import AnnualReportPage, DisclosureIndexPage, DisclosureRequestPage
from .reference import DocumentKind, TopicCategory
from .requests import DisclosureRequest, RequestEvent

__all__ = [
    "AnnualReportPage",
    "DisclosureIndexPage",
    "DisclosureRequest",
    "DisclosureRequestPage",
    "DocumentKind",
    "InterpretationPage",
    "IssuedNotice",
    "NoticeKind",
    "NoticeTemplate",
    "PolicyDocumentPage",
    "RequestEvent",
    "TopicCategory",
]
