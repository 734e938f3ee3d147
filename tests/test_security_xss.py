"""Script injected through any public text field is shown as text wherever it appears: public
pages after approval or reply, the tracking pages, and the staff's admin pages."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from disclosure import lifecycle
from disclosure.models import DisclosureRequest
from home.models import Department
from interaction import letters
from interaction.models import Comment, InterviewQuestion, Letter, Opinion
from interaction.models.comments import ArticleComments
from tests.conftest import add_article, column_at
from tests.test_captcha import captcha
from tests.test_disclosure_factories import VALID_ID, add_request_page, handler, private_media  # noqa: F401
from tests.test_interaction_helpers import (  # noqa: F401
    add_consultation,
    add_interview,
    add_mailbox,
    add_survey,
    fresh_cache_and_private_media,
    get,
    post_form,
    reviewer,
    staff,
)

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOAD = f"甲{SCRIPT}乙{IMG}丙"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
MODERATION = "/admin/interaction/moderation/"


def assert_inert(html, where, shown=True):
    assert SCRIPT not in html, f"script tag rendered as markup in {where}"
    assert "<img src=x onerror=alert(1)>" not in html, f"img tag rendered as markup in {where}"
    if shown:
        assert ESCAPED in html, f"the text is not shown (escaped) in {where}"


def test_letters_show_injected_markup_as_text_everywhere(client, portal):
    mailbox = add_mailbox(portal)
    data = {"name": PAYLOAD[:50], "phone": "13900000000", "category": "suggest", "publish_consent": "on"}
    response = post_form(client, mailbox.url, {**data, "subject": PAYLOAD, "content": PAYLOAD})
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.subject == PAYLOAD  # stored as typed, escaped when shown
    assert_inert(get(client, mailbox.url + "track/").content.decode(), "the letter tracking page")

    user, checker = staff(portal, "handler"), reviewer(portal)
    letters.accept(letter, user)
    letters.assign(letter, user, Department.objects.filter(site=portal).first())
    letters.draft(letter, user, f"答复{PAYLOAD}")
    letters.approve(letter, checker)
    letters.send(letter, user)
    # The public version staff write (the writer's name here is itself markup: it may not be in it).
    letters.edit_public_version(letter, user, f"公开{SCRIPT}", f"来信{SCRIPT}{IMG}", f"答复{SCRIPT}{IMG}")
    letters.approve_public_version(letter, checker)
    assert_inert(get(client, mailbox.url + "track/").content.decode(), "the letter tracking page after reply")
    assert_inert(get(client, mailbox.url + "replies/").content.decode(), "the public replies list")
    assert_inert(get(client, mailbox.url).content.decode(), "the mailbox page (latest replies)")

    staff_client = Client()
    staff_client.force_login(user)
    assert_inert(staff_client.get("/admin/interaction/letters/").content.decode(), "the letter queue")
    assert_inert(staff_client.get(f"/admin/interaction/letters/{letter.pk}/").content.decode(), "the letter page")


def test_disclosure_requests_show_injected_markup_as_text_everywhere(client, portal):
    page = add_request_page(portal)
    data = {
        "applicant_type": "person",
        "name": PAYLOAD[:50],
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13900000000",
        "email": "lisi@example.com",
        "address": PAYLOAD,
        "description": PAYLOAD,
        "document_number": PAYLOAD[:50],
        "provision_form": "electronic",
        "delivery": "email",
        "pledge": "on",
    }
    refused = client.post(page.url, {**data, **captcha(), "phone": "x"}, HTTP_HOST="portal.test")
    assert_inert(refused.content.decode(), "the re-shown request form")
    assert client.post(page.url, {**data, **captcha()}, HTTP_HOST="portal.test").status_code == 302
    request = DisclosureRequest.objects.get()
    staff_user = handler(portal)
    lifecycle.reply(request, staff_user, "1", f"答复{PAYLOAD}")
    assert_inert(get(client, page.url + "track/").content.decode(), "the request tracking page")

    client.force_login(staff_user)
    assert_inert(client.get("/admin/disclosure/requests/").content.decode(), "the request queue", shown=False)
    assert_inert(client.get(f"/admin/disclosure/requests/{request.pk}/").content.decode(), "the request page")


def test_opinions_questions_and_comments_show_injected_markup_as_text(client, portal):
    consultation = add_consultation(portal)
    interview = add_interview(portal)
    article = add_article(column_at(portal, "xwdt/zwyw"), "全民健身中心开工")
    ArticleComments.objects.create(page=article, enabled=True)
    for page in (consultation, interview, article):
        fields = {"nickname": PAYLOAD[:30], "content": PAYLOAD}
        if page is consultation:
            fields["clause"] = PAYLOAD[:40]
        assert post_form(client, page.url, fields).status_code == 302

    moderator = staff(portal, "moderator")
    client.force_login(moderator)
    for kind, model in (("opinion", Opinion), ("question", InterviewQuestion), ("comment", Comment)):
        assert_inert(client.get(f"{MODERATION}{kind}/").content.decode(), f"the moderation list of {kind}s")
        post = model.objects.get()
        client.post(f"{MODERATION}{kind}/{post.pk}/approve/", {})
        post.refresh_from_db()
        assert post.status == "approved", kind
    client.logout()
    for page in (consultation, interview, article):
        assert_inert(get(client, page.url).content.decode(), f"the public page {page.title}")


def test_survey_free_text_is_shown_as_text_to_staff(portal):
    survey = add_survey(portal)
    names = {f.label: f.clean_name for f in survey.get_form_fields()}
    answer = {names["您对健身设施是否满意"]: "满意", names["其他意见"]: PAYLOAD}
    response = post_form(Client(), survey.url, answer)
    assert "感谢您参与本次调查" in response.content.decode()
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw"))
    listing = admin.get(f"/admin/forms/submissions/{survey.pk}/")
    assert listing.status_code == 200
    assert_inert(listing.content.decode(), "the survey answers in the admin")
