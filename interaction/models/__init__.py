from .comments import ArticleComments, Comment, comments_open
from .consultations import ConsultationPage, Opinion
from .interviews import InterviewPage, InterviewQuestion, Speaker, TranscriptLine
from .letters import Letter, LetterEvent, MailboxPage
from .posts import PostEvent
from .surveys import SurveyField, SurveyPage
from .targets import InteractionTarget

__all__ = [
    "ArticleComments",
    "Comment",
    "ConsultationPage",
    "InteractionTarget",
    "InterviewPage",
    "InterviewQuestion",
    "Letter",
    "LetterEvent",
    "MailboxPage",
    "Opinion",
    "PostEvent",
    "Speaker",
    "SurveyField",
    "SurveyPage",
    "TranscriptLine",
    "comments_open",
]
