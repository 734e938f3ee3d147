"""A letter goes public only as its public version: staff edit it, pre-filled by the detector
with every hit highlighted; a reviewer other than the editor approves it; the original subject,
letter and reply are never rendered on a public page."""

import pytest
from django.urls import reverse

from home.models import Department
from interaction import letters
from interaction.models import Letter
from tests.test_interaction_helpers import (  # noqa: F401
    add_mailbox,
    fresh_cache_and_private_media,
    get,
    make_letter,
    reviewer,
    staff,
)

pytestmark = pytest.mark.django_db

ORIGINAL = {
    "name": "司马隐私乙",
    "phone": "137 1123 0002",
    "email": "pii-writer-7731@example.org",
    "subject": "司马隐私乙反映幸福小区3栋路灯",
    "content": "我是司马隐私乙，住幸福小区3栋2单元501室，手机＋86 158-9999-0003，身份证 530102 19920817 4628。",
}
REPLY = "司马隐私乙同志：已安排维修，如有疑问请拨打 0871-65100001 或发邮件至 pii-writer-7731@example.org。"


def replied(site, mailbox, **fields):
    """A letter replied through every step, as staff handle it."""
    letter = make_letter(site, mailbox, **{**ORIGINAL, **fields})
    handler = staff(site, f"handler{letter.pk}")
    letters.accept(letter, handler)
    letters.assign(letter, handler, Department.objects.filter(site=site).first())
    letters.draft(letter, handler, REPLY)
    letters.approve(letter, reviewer(site, f"reviewer{letter.pk}"))
    letters.send(letter, handler)
    return letter, handler


def publish_public_version(letter, editor, approver):
    """What staff do to publish a letter: accept the detector's pre-filled version, then review it."""
    letters.edit_public_version(letter, editor, **letters.public_version_initial(letter))
    letters.approve_public_version(letter, approver)


@pytest.fixture
def mailbox(portal):
    return add_mailbox(portal)


def assert_nothing_personal(html):
    for value in ("司马隐私乙", "1371123", "pii-writer", "9999-0003", "19920817", "501室", "65100001"):
        assert value not in html, value


def test_a_replied_letter_is_not_public_until_its_public_version_is_approved(client, portal, mailbox):
    letter, handler = replied(portal, mailbox)
    assert "暂无公开的来信答复" in get(client, mailbox.url + "replies/").content.decode()

    letters.edit_public_version(letter, handler, **letters.public_version_initial(letter))
    assert "暂无公开的来信答复" in get(client, mailbox.url + "replies/").content.decode()  # awaiting review
    handler.groups.add(reviewer(portal, "another_reviewer").groups.first())  # may review others' versions
    with pytest.raises(letters.StepRefused, match="编辑人以外"):
        letters.approve_public_version(letter, type(handler).objects.get(pk=handler.pk))

    letters.approve_public_version(letter, reviewer(portal, "public_reviewer"))
    replies = get(client, mailbox.url + "replies/").content.decode()
    assert "已安排维修" in replies and "×××" in replies and "158****0003" in replies
    assert_nothing_personal(replies)
    assert_nothing_personal(get(client, mailbox.url).content.decode())  # the latest replies list

    # A later edit is reviewed again before it shows.
    letters.edit_public_version(letter, handler, "路灯维修", "路灯坏了。", "已修好。")
    assert "已安排维修" not in get(client, mailbox.url + "replies/").content.decode()


def test_the_pre_filled_version_removes_every_spelling_and_the_writers_own_details(portal, mailbox):
    letter, _ = replied(portal, mailbox)
    public = letters.public_version_initial(letter)
    for text in public.values():
        assert_nothing_personal(text)
    assert letters.personal_data_left(letter, *public.values()) == []


def test_a_public_version_still_holding_personal_data_is_refused_with_nothing_lost(client, portal, mailbox):
    letter, handler = replied(portal, mailbox)
    client.force_login(handler)
    url = reverse("interaction_letter_step", args=[letter.pk, "public_version"])
    typed = {
        "public_version-subject": "路灯",
        "public_version-content": "写信人司马隐私乙反映路灯",
        "public_version-reply": "请拨13711230002",
    }
    response = client.post(url, typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert "仍含有个人信息（写信人姓名或联系方式、手机号码）" in html
    assert "写信人司马隐私乙反映路灯" in html  # what the editor typed stays in the form
    letter.refresh_from_db()
    assert letter.public_content == ""


def test_the_admin_highlights_the_hits_and_pre_fills_the_form(client, portal, mailbox):
    letter, handler = replied(portal, mailbox)
    client.force_login(handler)
    html = client.get(reverse("interaction_letter", args=[letter.pk])).content.decode()
    assert "<mark>司马隐私乙</mark>" in html and "<mark>＋86 158-9999-0003</mark>" in html
    assert "<mark>530102 19920817 4628</mark>" in html
    assert "530102********4628" in html  # the form starts from the masked text
    assert "编辑公开版本" in html


def test_the_original_is_never_public_even_when_the_public_version_is(client, portal, mailbox):
    letter, handler = replied(portal, mailbox, subject="原标题不公开", content="原来信内容不公开")
    letters.edit_public_version(letter, handler, "公开标题", "公开的来信内容", "公开的答复内容")
    letters.approve_public_version(letter, reviewer(portal, "r2"))
    html = get(client, mailbox.url + "replies/").content.decode() + get(client, mailbox.url).content.decode()
    assert "公开标题" in html and "公开的答复内容" in html
    assert "原标题不公开" not in html and "原来信内容不公开" not in html and "已安排维修" not in html
    assert list(Letter.objects.published()) == [letter]


# Opinions, interview questions and comments show their public content, never what was typed.

TYPED = "建议增设照明。我是司马隐私乙，电话 137 1123 0002，邮箱 pii-writer-7731@example.org"


def test_posts_show_only_their_public_content_which_the_moderator_approves(client, portal):
    from casework.posts import Moderation
    from home.models import ArticlePage
    from interaction.models import ArticleComments, Comment, InterviewQuestion, Opinion
    from tests.conftest import add_article, column_at
    from tests.test_interaction_helpers import add_consultation, add_interview

    consultation = add_consultation(portal)
    opinion = Opinion.objects.create(site=portal, page=consultation, content=TYPED)
    assert "137****0002" in opinion.public_content and "p***@example.org" in opinion.public_content

    moderator = staff(portal, "moderator")
    client.force_login(moderator)
    url = reverse("interaction_moderation_action", args=["opinion", opinion.pk, "approve"])
    queue = client.post(url, {f"approve-{opinion.pk}-public_content": TYPED}, follow=True).content.decode()
    assert "公开内容中仍含有个人信息（手机号码、电子邮箱）" in queue
    assert "<mark>137 1123 0002</mark>" in queue  # the original, highlighted for the moderator
    opinion.refresh_from_db()
    assert opinion.status == Moderation.PENDING

    client.post(url, {f"approve-{opinion.pk}-public_content": "建议增设照明。"})
    opinion.refresh_from_db()
    assert opinion.status == Moderation.APPROVED and opinion.public_content == "建议增设照明。"

    interview = add_interview(portal)
    InterviewQuestion.objects.create(site=portal, page=interview, content=TYPED, status=Moderation.APPROVED)
    article = add_article(column_at(portal, "tzgg"), "路灯维修通知")
    ArticleComments.objects.create(page=ArticlePage.objects.get(pk=article.pk), enabled=True)
    Comment.objects.create(
        site=portal, page=ArticlePage.objects.get(pk=article.pk), content=TYPED, status=Moderation.APPROVED
    )

    client.logout()
    for page in (consultation, interview, article):
        html = get(client, page.url).content.decode()
        assert "建议增设照明" in html, page.url
        for value in ("1371123", "137 1123 0002", "pii-writer"):
            assert value not in html, (page.url, value)
