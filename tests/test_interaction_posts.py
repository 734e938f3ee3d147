"""Opinions on drafts, interview questions and the live transcript, comments on articles:
submitted through the shared protections, hidden until approved, answered in public."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from casework.posts import Moderation
from interaction.models import Comment, ConsultationPage, InterviewQuestion, Opinion, TranscriptLine
from interaction.timeliness import consultation_summaries_due, interview_questions_due
from monitoring.models import ContentRule
from tests.conftest import add_article, column_at
from tests.test_interaction_helpers import (  # noqa: F401
    add_consultation,
    add_interview,
    editor,
    fresh_cache_and_private_media,
    get,
    post_form,
    staff,
)

pytestmark = pytest.mark.django_db
XSS = '<img src=x onerror="alert(1)">'
MODERATION = "/admin/interaction/moderation/"


def moderate(client, kind, post, action, **data):
    url = f"{MODERATION}{kind}/{post.pk}/{action}/"
    return client.post(url, {f"{action}-{post.pk}-{k}": v for k, v in data.items()}, follow=True)


def test_opinion_flow_moderation_adoption_and_published_summary(client, portal):
    page = add_consultation(portal)
    ContentRule.objects.create(kind=ContentRule.Kind.SENSITIVE, word="违禁词")
    response = post_form(
        client, page.url, {"clause": "第一条", "nickname": "老李", "content": f"建议补充老年人健身内容。{XSS}"}
    )
    assert response.status_code == 302
    post_form(client, page.url, {"content": "含违禁词的意见"})
    assert "内容经审核后公开显示" in get(client, response["Location"]).content.decode()
    first, flagged = Opinion.objects.order_by("pk")
    assert flagged.flagged_words == "违禁词" and first.status == Moderation.PENDING
    assert "建议补充老年人健身内容" not in get(client, page.url).content.decode()

    moderator = staff(portal, "moderator")
    client.force_login(moderator)
    listing = client.get(f"{MODERATION}opinion/").content.decode()
    assert "命中敏感词：违禁词" in listing and XSS not in listing and "&lt;img src=x" in listing
    moderate(client, "opinion", first, "approve")
    assert "请填写未通过理由" in moderate(client, "opinion", flagged, "reject", reason="").content.decode()
    moderate(client, "opinion", flagged, "reject", reason="含不文明用语")
    assert "未采纳的意见须说明理由" in moderate(client, "opinion", first, "adopt", adopted="0").content.decode()
    moderate(client, "opinion", first, "adopt", adopted="0", adoption_note="已在其他条款中体现")
    first.refresh_from_db()
    flagged.refresh_from_db()
    assert first.moderated_by == moderator and flagged.reason == "含不文明用语"

    client.logout()
    public = get(client, page.url).content.decode()
    assert "建议补充老年人健身内容" in public and "老李" in public and "含违禁词的意见" not in public
    assert XSS not in public and "&lt;img src=x" in public
    today = timezone.localdate()
    ConsultationPage.objects.filter(pk=page.pk).update(
        closes_on=today - timedelta(days=1),
        decided_on=today,
        result_published_on=today,
        result_summary="<p>共采纳0条。</p>",
    )
    summary = get(client, page.url).content.decode()
    assert "共收到意见 <strong>1</strong> 条，采纳 <strong>0</strong> 条" in summary
    assert "已在其他条款中体现" in summary and "我要提意见" not in summary


def test_a_closed_consultation_refuses_opinions(client, portal):
    today = timezone.localdate()
    page = add_consultation(portal, opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1))
    refused = client.post(page.url, {"content": "迟到的意见"}, HTTP_HOST="portal.test")
    assert refused.status_code == 403 and "不再接受意见" in refused.content.decode()
    assert not Opinion.objects.exists()


def test_summary_is_late_after_ten_working_days_and_flagged(portal):
    page = add_consultation(portal, decided_on=date(2026, 11, 2))
    assert page.summary_due == date(2026, 11, 16)
    assert not page.summary_late(today=date(2026, 11, 16)) and page.summary_late(today=date(2026, 11, 17))
    page.result_published_on = date(2026, 11, 13)
    assert not page.summary_late()
    ConsultationPage.objects.filter(pk=page.pk).update(result_published_on=None)
    found = list(consultation_summaries_due(portal, date(2026, 11, 12)))
    assert len(found) == 1 and "采纳情况" in found[0].title and found[0].severity == "warning"
    assert list(consultation_summaries_due(portal, date(2026, 11, 17)))[0].severity == "error"
    assert list(consultation_summaries_due(portal, date(2026, 11, 5))) == []


def test_post_rate_limit_trips(client, portal):
    page = add_consultation(portal)
    for n in range(10):
        assert post_form(client, page.url, {"content": f"意见{n}"}).status_code == 302
    refused = post_form(client, page.url, {"content": "第十一条意见"})
    assert "每小时最多提交10条" in refused.content.decode() and "第十一条意见" in refused.content.decode()
    assert Opinion.objects.count() == 10


def test_interview_questions_and_the_live_transcript(client, portal):
    page = add_interview(portal)
    post_form(client, page.url, {"nickname": "跑友", "content": "城西什么时候建体育公园？"})
    question = InterviewQuestion.objects.get()
    text = get(client, page.url).content.decode()
    assert "正在直播" in text and "城西什么时候建体育公园" not in text and "data-poll-url" in text
    assert get(client, page.url + "transcript/").json() == {"state": "live", "lines": []}

    host = editor(portal, "host")
    client.force_login(host)
    console = f"/admin/interaction/interviews/{page.pk}/"
    assert "城西什么时候建体育公园" in client.get(console).content.decode()
    client.post(console, {"role": "host", "speaker": "李华", "text": "各位网友好，访谈开始。"})
    client.post(console, {"role": "guest", "speaker": "王明", "text": f"明年开工。{XSS}", "question": question.pk})
    first, second = TranscriptLine.objects.order_by("pk")
    question.refresh_from_db()
    assert question.status == Moderation.APPROVED and question.answered_live

    client.logout()
    update = get(client, page.url + f"transcript/?after={first.pk}").json()
    assert [line["id"] for line in update["lines"]] == [second.pk]
    assert update["lines"][0]["question"] == "城西什么时候建体育公园？" and update["lines"][0]["text"].endswith(XSS)
    text = get(client, page.url).content.decode()
    assert "各位网友好" in text and "访谈中答复" in text and XSS not in text


def test_transcript_console_needs_edit_permission_on_the_page(client, portal, sport):
    page = add_interview(portal)
    client.force_login(editor(sport, "sport_editor"))
    assert client.get(f"/admin/interaction/interviews/{page.pk}/").status_code in (302, 403)
    assert client.post(
        f"/admin/interaction/interviews/{page.pk}/", {"role": "host", "speaker": "x", "text": "y"}
    ).status_code in (302, 403)
    assert not TranscriptLine.objects.exists()


def test_after_the_interview_questions_are_refused_and_unanswered_ones_are_due_in_five_days(client, portal):
    page = add_interview(portal, starts_in_minutes=-120, minutes=60)
    InterviewQuestion.objects.create(site=portal, page=page, content="没来得及回答的提问", status=Moderation.APPROVED)
    text = get(client, page.url).content.decode()
    assert "访谈回顾" in text and "提交提问" not in text
    assert "将在" in text and "前答复" in text
    refused = client.post(page.url, {"content": "迟到的提问"}, HTTP_HOST="portal.test")
    assert refused.status_code == 403 and "不再接受提问" in refused.content.decode()
    due = page.answers_due
    assert [o.severity for o in interview_questions_due(portal, due)] == ["warning"]
    assert interview_questions_due(portal, due + timedelta(days=7)).__next__().severity == "error"

    client.force_login(staff(portal, "moderator"))
    question = InterviewQuestion.objects.get()
    moderate(client, "question", question, "answer", text="计划于明年动工。")
    question.refresh_from_db()
    assert not question.answered_live and question.answer == "计划于明年动工。"
    assert "访谈后答复" in get(client, page.url).content.decode()
    assert list(interview_questions_due(portal, due + timedelta(days=7))) == []


def test_comments_open_per_article_and_stay_hidden_until_approved(client, portal):
    article = add_article(column_at(portal, "xwdt/zwyw"), "全民健身中心开工")
    assert "我要留言" not in get(client, article.url).content.decode()
    client.post(article.url, {"content": "不开放时的留言"}, HTTP_HOST="portal.test")
    assert not Comment.objects.exists()

    author = editor(portal, "author")
    client.force_login(author)
    toggle = f"/admin/interaction/comments/{article.pk}/"
    assert "开放留言" in client.get(toggle).content.decode()
    client.post(toggle, {"enabled": "1"})
    client.logout()

    response = post_form(client, article.url, {"nickname": "市民", "content": f"期待早日建成！{XSS}"})
    assert response.status_code == 302
    page = get(client, article.url).content.decode()
    assert "全民健身中心开工" in page and "我要留言" in page and "期待早日建成" not in page

    moderator = staff(portal, "moderator")
    client.force_login(moderator)
    comment = Comment.objects.get()
    moderate(client, "comment", comment, "answer", text="感谢关注，预计明年建成。")
    client.logout()
    page = get(client, article.url).content.decode()
    assert "期待早日建成" in page and "感谢关注，预计明年建成" in page
    assert XSS not in page and "&lt;img src=x" in page

    other = post_form(
        Client(),
        article.url,
        {"content": "第二条留言"},
    )
    assert other.status_code == 302
    client.force_login(moderator)
    moderate(client, "comment", Comment.objects.get(content="第二条留言"), "reject", reason="与文章无关")
    client.logout()
    assert "第二条留言" not in get(client, article.url).content.decode()


def test_moderators_of_another_site_see_nothing(client, portal, sport):
    page = add_consultation(portal)
    post_form(client, page.url, {"content": "门户网站的意见"})
    opinion = Opinion.objects.get()
    client.force_login(staff(sport, "sport_moderator"))
    assert "门户网站的意见" not in client.get(f"{MODERATION}opinion/").content.decode()
    assert moderate(client, "opinion", opinion, "approve").status_code == 404
    opinion.refresh_from_db()
    assert opinion.status == Moderation.PENDING
