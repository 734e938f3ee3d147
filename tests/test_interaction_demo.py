"""The demo content: every kind of interaction in several states, idempotent, pages render."""

import pytest
from django.contrib.auth import get_user_model

from demo import interaction as demo
from interaction.choices import LetterStatus
from interaction.models import ArticleComments, ConsultationPage, InterviewPage, Letter, MailboxPage, SurveyPage
from tests.conftest import add_article, column_at
from tests.test_interaction_helpers import fresh_cache_and_private_media, get  # noqa: F401

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (Letter, MailboxPage, SurveyPage, ConsultationPage, InterviewPage)] + [
        get_user_model().objects.count()
    ]


def test_seed_is_idempotent_and_renders(client, portal, sport):
    add_article(column_at(portal, "xwdt/zwyw"), "全民健身中心开工")
    demo.seed(portal)
    demo.seed(sport)
    before = counts()
    demo.seed(portal)
    demo.seed(sport)
    assert counts() == before

    states = set(Letter.objects.filter(site=portal).values_list("status", flat=True))
    assert states >= {LetterStatus.NEW, LetterStatus.HANDLING, LetterStatus.REVIEW, LetterStatus.REPLIED}
    assert LetterStatus.DECLINED in states

    mailbox = MailboxPage.objects.get(path__startswith=portal.root_page.path)
    assert get(client, "/hdjl/ldxx/", follow=True).request["PATH_INFO"] == mailbox.relative_url(portal)
    replies = get(client, mailbox.url + "replies/").content.decode()
    assert "城东体育公园" in replies and "学校周边噪声" not in replies  # no consent
    closed = SurveyPage.objects.get(slug="qmjssszx", path__startswith=portal.root_page.path)
    assert "共36份答卷" in get(client, closed.url).content.decode()
    summary = ConsultationPage.objects.get(slug="qmjsbf", path__startswith=portal.root_page.path)
    assert "共收到意见 <strong>4</strong> 条，采纳 <strong>2</strong> 条" in get(client, summary.url).content.decode()
    interview = InterviewPage.objects.get(path__startswith=portal.root_page.path)
    assert "城西体育公园已完成选址" in get(client, interview.url).content.decode()
    article = ArticleComments.objects.get(page__path__startswith=portal.root_page.path).page
    commented = get(client, article.url).content.decode()
    assert "热心市民" in commented and "等待审核的一条留言" not in commented

    sport_mailbox = MailboxPage.objects.get(path__startswith=sport.root_page.path)
    assert sport_mailbox.title == "局长信箱" and sport_mailbox.get_parent().slug == "ldxx"
    assert get(client, sport_mailbox.url, host="sport.test").status_code == 200
