"""Shared builders for the interaction tests (no tests here)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from home.subsites import EDITORS, group_name
from interaction import letters
from interaction.models import ConsultationPage, InterviewPage, Letter, MailboxPage, SurveyField, SurveyPage
from interaction.roles import HANDLERS, REVIEWERS, ensure_groups
from tests.conftest import clear_caches, column_at
from tests.test_captcha import solve_captcha


@pytest.fixture(autouse=True)
def fresh_cache_and_private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    clear_caches()


def get(client, url, host="portal.test", **kwargs):
    return client.get(url, HTTP_HOST=host, **kwargs)


def post_form(client, url, data, host="portal.test", **kwargs):
    """Load the form, answer its captcha and post the data (as a browser would)."""
    page = get(client, url, host)
    return client.post(url, {**solve_captcha(page.content.decode()), **data}, HTTP_HOST=host, **kwargs)


def staff(site, username, role=HANDLERS, email=None):
    user = get_user_model().objects.create_user(username, email or f"{username}@example.com", "pw")
    user.groups.add(ensure_groups(site)[role])
    return get_user_model().objects.get(pk=user.pk)


def reviewer(site, username="reviewer"):
    return staff(site, username, role=REVIEWERS)


def editor(site, username="editor"):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name(site.site_name, EDITORS)))
    return user


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_mailbox(site, path="hdjl/ldxx", title="市长信箱"):
    return add_page(
        column_at(site, path) if path else site.root_page, MailboxPage(title=title, slug="xx", addressee="市长")
    )


def make_letter(site, mailbox=None, received_on=None, **fields):
    values = {
        "name": "张三",
        "phone": "13800000000",
        "email": "zhangsan@example.com",
        "category": "consult",
        "subject": "关于社区健身器材维修的咨询",
        "content": "小区健身器材损坏已久，请问由哪个部门维修？",
        "publish_consent": True,
        **fields,
    }
    letter = Letter(site=site, mailbox=mailbox, received_on=received_on or timezone.localdate(), **values)
    letter.query_code = letters.submit(letter, mailbox)
    return letter


def add_survey(site, opens_days_ago=1, closes_in_days=5, **fields):
    now = timezone.now()
    survey = SurveyPage(
        title="全民健身设施满意度调查",
        slug=fields.pop("slug", "survey"),
        opens_at=now - timedelta(days=opens_days_ago),
        closes_at=now + timedelta(days=closes_in_days),
        body=[("paragraph", "<p>请就本市全民健身设施谈谈您的看法。</p>")],
        **fields,
    )
    survey.form_fields = [
        SurveyField(label="您对健身设施是否满意", field_type="radio", choices="满意\n一般\n不满意", required=True),
        SurveyField(label="您常去的场所", field_type="checkboxes", choices="公园\n体育馆\n社区广场", required=False),
        SurveyField(label="其他意见", field_type="multiline", required=False),
    ]
    return add_page(column_at(site, "hdjl/wsdc"), survey)


def add_consultation(site, **fields):
    today = timezone.localdate()
    values = {
        "title": "《云州市全民健身条例（征求意见稿）》公开征求意见",
        "slug": "qmjs-tl",
        "opens_on": today - timedelta(days=3),
        "closes_on": today + timedelta(days=10),
        "body": [("paragraph", "<p>第一条 为了促进全民健身，制定本条例。</p>")],
        **fields,
    }
    return add_page(column_at(site, "hdjl/yjzj"), ConsultationPage(**values))


def add_interview(site, starts_in_minutes=-10, minutes=60, **fields):
    starts = timezone.now() + timedelta(minutes=starts_in_minutes)
    values = {
        "title": "局长谈全民健身",
        "slug": "jztqmjs",
        "guests": "市体育局局长 王明",
        "host": "李华",
        "starts_at": starts,
        "ends_at": starts + timedelta(minutes=minutes),
        "body": [("paragraph", "<p>围绕全民健身设施建设与网友在线交流。</p>")],
        **fields,
    }
    return add_page(column_at(site, "hdjl/zxft"), InterviewPage(**values))
