"""Monitoring's personal-data check reads every public URL of a site as readers get it: the
pages of the interaction and disclosure apps where citizens' words are shown (reply lists and
their further pages, opinion lists, interview questions and transcripts, comment threads)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.posts import Moderation
from home.models import ArticlePage
from interaction.choices import LetterStatus
from interaction.models import ArticleComments, Comment, InterviewQuestion, Letter, Opinion, TranscriptLine
from monitoring.models import Finding, Severity
from monitoring.registry import run_check
from monitoring.site_fetch import public_paths
from tests.conftest import add_article, column_at
from tests.test_interaction_helpers import (  # noqa: F401
    add_consultation,
    add_interview,
    add_mailbox,
    fresh_cache_and_private_media,
    make_letter,
)

pytestmark = pytest.mark.django_db


def as_typed(text):
    """A post a moderator published as typed, personal data and all (the check must catch it)."""
    return {"content": text, "public_content": text}


def findings_by_target(site):
    return {f.target: f for f in Finding.objects.filter(site=site, check_name="personal_data")}


def test_every_page_where_citizens_words_appear_is_scanned(portal):
    consultation = add_consultation(portal)
    Opinion.objects.create(
        site=portal, page=consultation, **as_typed("建议修改，联系我 139 1234 5678"), status=Moderation.APPROVED
    )
    interview = add_interview(portal, starts_in_minutes=-120, minutes=60)
    question = InterviewQuestion.objects.create(
        site=portal,
        page=interview,
        **as_typed("请问办卡到哪里？邮箱 ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
        answer="请到服务大厅办理。",
        status=Moderation.APPROVED,
    )
    TranscriptLine.objects.create(
        page=interview, speaker="主持人", text="网友留的座机 0871-65100001", question=question
    )
    article = add_article(column_at(portal, "tzgg"), "健身路径维修通知")
    ArticleComments.objects.create(page=article, enabled=True)
    Comment.objects.create(
        site=portal,
        page=ArticlePage.objects.get(pk=article.pk),
        **as_typed("我住幸福小区3栋2单元501室"),
        status=Moderation.APPROVED,
    )
    mailbox = add_mailbox(portal)
    # Eleven published letters: the oldest, whose subject holds a mobile number, is on page 2.
    for day in range(11):
        letter = make_letter(portal, mailbox, subject="请回电13711230002" if day == 10 else f"第{day}封来信")
        Letter.objects.filter(pk=letter.pk).update(
            status=LetterStatus.REPLIED,
            public=True,
            reply="已处理。",
            public_subject=letter.subject,  # an approved public version that kept a number
            public_content="来信。",
            public_reply="已处理。",
            public_approved_at=timezone.now(),
            replied_on=timezone.localdate() - timedelta(days=day),
        )

    run_check("personal_data", portal)
    found = findings_by_target(portal)

    consultation_url = consultation.get_url_parts()[2]
    interview_url = interview.get_url_parts()[2]
    replies_url = mailbox.get_url_parts()[2] + "replies/"
    assert "139****5678" in found[consultation_url].detail
    assert found[consultation_url].severity == Severity.CRITICAL
    assert "z***@example.com" in found[interview_url].detail
    assert "0871-****0001" in found[interview_url + "transcript/"].detail
    assert "小区*栋*单元***室" in found[article.get_url_parts()[2]].detail
    assert found[article.get_url_parts()[2]].severity == Severity.WARNING  # an address only: suspected
    assert "137****0002" in found[replies_url + "?page=2"].detail
    assert replies_url not in found  # page 1 shows none of it
    for finding in found.values():
        for raw in ("139 1234 5678", "13711230002", "65100001", "501室"):
            assert raw not in finding.title + finding.detail


def test_public_paths_include_parameterless_routes_only(portal):
    mailbox = add_mailbox(portal)
    paths = {path for page, path in public_paths(portal) if page.pk == mailbox.pk}
    base = mailbox.get_url_parts()[2]
    assert {base, base + "replies/", base + "track/", base + "thanks/"} <= paths


def test_a_clean_site_has_no_personal_data_findings(portal):
    add_consultation(portal)
    add_mailbox(portal)
    run_check("personal_data", portal)
    assert findings_by_target(portal) == {}
