"""Moderating comments, opinions and interview questions follows their declared transition table
(casework.posts): the screen offers only the steps allowed now to the user, and refuses the others."""

import pytest
from bs4 import BeautifulSoup

from casework.posts import Moderation
from casework.transitions import staff_steps
from interaction.models import Comment, Opinion
from tests.conftest import add_article, column_at
from tests.test_interaction_helpers import add_consultation, editor, fresh_cache_and_private_media, staff  # noqa: F401
from tests.test_interaction_posts import MODERATION, moderate

pytestmark = pytest.mark.django_db


def an_article(site):
    return add_article(column_at(site, "xwdt/zwyw"), "全民健身中心开工")


def offered(client, kind, post):
    soup = BeautifulSoup(client.get(f"{MODERATION}{kind}/", {"status": post.status}).content, "html.parser")
    return [form["action"].split("/")[-2] for form in soup.select(f"#post-{post.pk} form")]


def test_the_screen_offers_only_the_steps_allowed_now(client, portal):
    page = add_consultation(portal)
    pending, approved, rejected = (
        Opinion.objects.create(site=portal, page=page, content=f"意见{status}", status=status)
        for status in (Moderation.PENDING, Moderation.APPROVED, Moderation.REJECTED)
    )
    comment = Comment.objects.create(site=portal, page=an_article(portal), content="留言")
    client.force_login(staff(portal, "moderator"))
    assert offered(client, "opinion", pending) == ["approve", "reject"]
    assert offered(client, "opinion", approved) == ["reject", "adopt"]
    assert offered(client, "opinion", rejected) == ["approve"]
    assert offered(client, "comment", comment) == ["approve", "reject", "answer"]
    listing = client.get(f"{MODERATION}opinion/", {"status": "approved"}).content.decode()
    assert "记录采纳情况" in listing  # the button says the step's label from the table


def test_a_step_not_allowed_now_is_refused_with_a_message(client, portal):
    page = add_consultation(portal)
    opinion = Opinion.objects.create(site=portal, page=page, content="待审核的意见")
    comment = Comment.objects.create(
        site=portal, page=an_article(portal), content="留言", status=Moderation.REJECTED, reason="广告"
    )
    client.force_login(staff(portal, "moderator"))

    refused = moderate(client, "opinion", opinion, "adopt", adopted="1").content.decode()
    assert "未能办理：该内容目前为“待审核”，不能“记录采纳情况”" in refused
    refused = moderate(client, "comment", comment, "reject", reason="重复驳回").content.decode()
    assert "不能“不通过”" in refused
    assert "不能“发布答复”" in moderate(client, "comment", comment, "answer", text="答复").content.decode()
    opinion.refresh_from_db()
    comment.refresh_from_db()
    assert opinion.adopted is None and opinion.moderated_by is None
    assert comment.reason == "广告" and comment.reply == "" and comment.status == Moderation.REJECTED


def test_answering_a_pending_comment_publishes_it_and_records_who(client, portal):
    comment = Comment.objects.create(site=portal, page=an_article(portal), content="请问何时开放？")
    moderator = staff(portal, "moderator")
    client.force_login(moderator)
    moderate(client, "comment", comment, "answer", text="下月开放。")
    comment.refresh_from_db()
    assert comment.status == Moderation.APPROVED and comment.reply == "下月开放。"
    assert comment.moderated_by == moderator == comment.replied_by and comment.moderated_at


def test_each_step_taken_is_logged_with_who_and_why(client, portal):
    opinion = Opinion.objects.create(site=portal, page=add_consultation(portal), content="建议增设照明")
    client.force_login(staff(portal, "moderator"))
    moderate(client, "opinion", opinion, "approve")
    moderate(client, "opinion", opinion, "adopt", adopted="0", adoption_note="已有规划")
    moderate(client, "opinion", opinion, "reject", reason="发现含广告链接")
    moderate(client, "opinion", opinion, "adopt", adopted="1")  # refused: no longer published: not logged
    assert [(e.step, e.actor.username, e.note) for e in opinion.events.all()] == [
        ("approve", "moderator", ""),
        ("adopt", "moderator", "未采纳：已有规划"),
        ("reject", "moderator", "发现含广告链接"),
    ]
    listing = client.get(f"{MODERATION}opinion/", {"status": "rejected"}).content.decode()
    assert "moderator 不通过：发现含广告链接" in listing and "记录采纳情况：未采纳：已有规划" in listing


def test_staff_without_the_moderate_permission_get_no_step(client, portal):
    opinion = Opinion.objects.create(site=portal, page=add_consultation(portal), content="意见")
    user = editor(portal)
    assert staff_steps(opinion, user) == []
    client.force_login(user)
    response = client.post(f"{MODERATION}opinion/{opinion.pk}/approve/")
    assert response.status_code == 403 or "interaction/moderation" not in response["Location"]
    opinion.refresh_from_db()
    assert opinion.status == Moderation.PENDING
