"""Letters: writing, the receipt, tracking, the staff lifecycle, transfer, the public list,
deadlines and statistics, and that staff of another site see nothing."""

import csv
import io
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from home.models import Department
from interaction import letters
from interaction.choices import LetterStatus
from interaction.models import Letter
from interaction.statistics import letter_statistics
from interaction.timeliness import letters_due
from monitoring.models import ContentRule
from tests.test_interaction_helpers import (  # noqa: F401
    add_mailbox,
    fresh_cache_and_private_media,
    get,
    make_letter,
    post_form,
    reviewer,
    staff,
)
from tests.test_letter_public_version import publish_public_version

pytestmark = pytest.mark.django_db
QUEUE = "/admin/interaction/letters/"
XSS = "<script>alert('x')</script>"


@pytest.fixture
def mailbox(portal):
    return add_mailbox(portal)


def letter_data(**changes):
    data = {
        "name": "李四",
        "phone": "13900000000",
        "email": "lisi@example.com",
        "category": "suggest",
        "subject": "建议增设夜间开放的篮球场",
        "content": "城东片区缺少夜间开放的篮球场，建议在体育公园增设照明。",
        "publish_consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_writer_gets_number_and_query_code_once_and_by_email(client, mailbox):
    response = post_form(client, mailbox.url, letter_data())
    assert response.status_code == 302
    thanks = get(client, response["Location"]).content.decode()
    letter = Letter.objects.get()
    assert letter.number in thanks and "请立即记下查询码" in thanks
    assert letter.site == mailbox.get_site() and letter.status == LetterStatus.NEW
    assert letter.due_on == letters.due_date(letter.received_on)
    receipt = mail.outbox[0]
    assert receipt.to == ["lisi@example.com"] and letter.number in receipt.body
    code = receipt.body.split("查询码：")[1].split()[0]
    assert code in thanks and letter.check_query_code(code)
    # Shown once: the receipt page does not show the code again.
    assert code not in get(client, mailbox.url + "thanks/", follow=True).content.decode()


def test_bad_input_keeps_what_was_typed_with_chinese_messages(client, mailbox):
    response = post_form(client, mailbox.url, letter_data(phone="abc", subject="", content="很长" * 2000))
    text = response.content.decode()
    assert response.status_code == 200
    assert "联系电话格式不正确" in text and "请填写标题。" in text and "来信内容不能超过3000个字" in text
    assert 'value="李四"' in text and "城东片区" not in text  # the too-long content is kept (truncated never)
    assert "很长很长" in text
    assert not Letter.objects.exists()


def test_wrong_captcha_honeypot_and_bad_attachment_are_refused(client, mailbox):
    page = get(client, mailbox.url).content.decode()
    assert "验证码" in page and 'name="captcha_token"' in page
    wrong = client.post(
        mailbox.url, {**letter_data(), "captcha": "999", "captcha_token": "x"}, HTTP_HOST="portal.test"
    ).content.decode()
    assert "验证码已失效" in wrong
    trapped = post_form(client, mailbox.url, letter_data(website="http://spam.example")).content.decode()
    assert "提交失败，请刷新页面后重新填写" in trapped
    fake_pdf = SimpleUploadedFile("证明.pdf", b"MZ this is an exe", content_type="application/pdf")
    bad_file = post_form(client, mailbox.url, letter_data(attachment=fake_pdf)).content.decode()
    assert "文件内容须与扩展名一致" in bad_file
    assert not Letter.objects.exists()


def test_a_captcha_answer_works_only_once(client, mailbox):
    from tests.test_interaction_helpers import solve_captcha

    answer = solve_captcha(get(client, mailbox.url).content.decode())
    assert client.post(mailbox.url, {**letter_data(), **answer}, HTTP_HOST="portal.test").status_code == 302
    again = client.post(mailbox.url, {**letter_data(), **answer}, HTTP_HOST="portal.test")
    assert "验证码已失效（已使用或已过期）" in again.content.decode()


def test_submission_rate_limit_trips_with_a_clear_message(client, mailbox):
    for _ in range(5):
        assert post_form(client, mailbox.url, letter_data()).status_code == 302
    refused = post_form(client, mailbox.url, letter_data())
    assert "每小时最多提交5封来信" in refused.content.decode()
    assert 'value="建议增设夜间开放的篮球场"' in refused.content.decode()
    assert Letter.objects.count() == 5


def test_tracking_needs_the_right_code_and_shows_the_reply(client, mailbox, portal):
    letter = make_letter(portal, mailbox)
    wrong = client.post(
        mailbox.url + "track/", {"number": letter.number, "code": "WRONG12345"}, HTTP_HOST="portal.test"
    )
    assert "信件编号或查询码不正确" in wrong.content.decode()
    right = client.post(
        mailbox.url + "track/", {"number": letter.number.lower(), "code": letter.query_code}, HTTP_HOST="portal.test"
    )
    assert right.status_code == 302
    text = get(client, mailbox.url + "track/").content.decode()
    assert "待受理" in text and letter.subject in text
    for _ in range(5):
        client.post(mailbox.url + "track/", {"number": letter.number, "code": "NOPE"}, HTTP_HOST="portal.test")
    locked = client.post(
        mailbox.url + "track/", {"number": letter.number, "code": letter.query_code}, HTTP_HOST="portal.test"
    )
    assert "查询失败次数过多" in locked.content.decode()


def step(client, letter, name, **data):
    return client.post(f"{QUEUE}{letter.pk}/steps/{name}/", {f"{name}-{k}": v for k, v in data.items()})


def test_full_lifecycle_with_review_rework_and_publication(client, portal, mailbox):
    letter = make_letter(portal, mailbox, subject=f"标题{XSS}", content=f"内容{XSS}")
    department = Department.objects.get(site=portal, name="政府办公室")
    handler, checker = staff(portal, "handler"), reviewer(portal)
    mail.outbox.clear()

    client.force_login(handler)
    assert step(client, letter, "accept", note="属实").status_code == 302
    step(client, letter, "draft", reply="x")  # no department yet: the step is not offered
    assert "来信当前状态不能办理这一步" in client.get(f"{QUEUE}{letter.pk}/").content.decode()
    step(client, letter, "assign", department=department.pk, note="请办公室答复")
    step(client, letter, "draft", reply="已安排维修。")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REVIEW
    step(client, letter, "approve")  # handlers hold no review permission: the step is not offered
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.REVIEW

    client.force_login(checker)
    assert "审核通过" in client.get(f"{QUEUE}{letter.pk}/").content.decode()
    step(client, letter, "send_back", note="请写明维修时间。")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.HANDLING

    client.force_login(handler)
    step(client, letter, "draft", reply=f"已安排在下周一前完成维修。{XSS}")
    client.force_login(checker)
    step(client, letter, "approve", note="同意")
    client.force_login(handler)
    step(client, letter, "send")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REPLIED and letter.replied_on == timezone.localdate()
    assert mail.outbox[-1].to == ["zhangsan@example.com"] and "下周一前完成维修" in mail.outbox[-1].body

    kinds = list(letter.events.values_list("kind", "actor__username"))
    assert kinds == [
        ("submitted", None),
        ("accepted", "handler"),
        ("assigned", "handler"),
        ("drafted", "handler"),
        ("sent_back", "reviewer"),
        ("drafted", "handler"),
        ("approved", "reviewer"),
        ("replied", "handler"),
    ]
    assert letter.events.get(kind="sent_back").note == "请写明维修时间。"

    admin_text = client.get(f"{QUEUE}{letter.pk}/").content.decode()
    assert XSS not in admin_text and "&lt;script&gt;" in admin_text

    # It goes public as the public version staff prepare from the detector's pre-filled text.
    letter.refresh_from_db()
    step(client, letter, "public_version", **letters.public_version_initial(letter))
    client.force_login(checker)
    step(client, letter, "approve_public")
    public = get(client, mailbox.url + "replies/").content.decode()
    assert "已安排在下周一前完成维修" in public and "政府办公室" in public
    assert timezone.localdate().isoformat() in public
    assert XSS not in public and "&lt;script&gt;alert" in public
    assert "张三" not in public and "13800000000" not in public and "zhangsan@example.com" not in public


def test_reviewer_cannot_approve_their_own_draft(portal, mailbox):
    both = staff(portal, "both")
    both.groups.add(reviewer(portal).groups.first())
    letter = make_letter(portal, mailbox)
    letters.accept(letter, both)
    letters.assign(letter, both, Department.objects.filter(site=portal).first())
    letters.draft(letter, both, "答复")
    both = type(both).objects.get(pk=both.pk)
    with pytest.raises(letters.StepRefused, match="拟稿人以外"):
        letters.approve(letter, both)


def test_decline_needs_a_reason_and_tells_the_writer(client, portal, mailbox):
    letter = make_letter(portal, mailbox)
    client.force_login(staff(portal, "handler"))
    missing = step(client, letter, "decline", note="")
    assert "请填写理由" in missing.content.decode()
    step(client, letter, "decline", note="来信内容属于诉讼程序，请依法向法院提出。")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DECLINED
    assert "属于诉讼程序" in mail.outbox[-1].body
    text = get(client, mailbox.url + "track/").content.decode()  # not tracked in this session
    assert "来信查询" in text


def test_letters_without_consent_or_withheld_stay_off_the_public_list(client, portal, mailbox):
    user = staff(portal, "handler")
    approver = reviewer(portal)
    department = Department.objects.filter(site=portal).first()

    def reply(letter):
        letters.accept(letter, user)
        letters.assign(letter, user, department)
        letters.draft(letter, user, f"答复：{letter.subject}")
        letters.approve(letter, approver)
        letters.send(letter, user)
        if letter.publish_consent:
            publish_public_version(letter, user, approver)

    private = make_letter(portal, mailbox, subject="不同意公开的来信", publish_consent=False)
    withheld = make_letter(portal, mailbox, subject="被撤下的来信")
    shown = make_letter(portal, mailbox, subject="公开的来信")
    for letter in (private, withheld, shown):
        reply(letter)
    letters.withhold(withheld, user, "答复涉及个人隐私")
    public = get(client, mailbox.url + "replies/").content.decode()
    assert "公开的来信" in public
    assert "不同意公开的来信" not in public and "被撤下的来信" not in public


def test_transfer_to_a_department_and_to_another_site(client, portal, sport, mailbox):
    letter = make_letter(portal, mailbox)
    portal_staff, sport_staff = staff(portal, "portal_handler"), staff(sport, "sport_handler", email="tyj@example.com")
    department = Department.objects.get(site=portal, name="统计局")
    client.force_login(portal_staff)
    step(client, letter, "transfer", department=department.pk, note="属统计口径问题")
    letter.refresh_from_db()
    assert letter.department == department and letter.status == LetterStatus.HANDLING

    mail.outbox.clear()
    office = Department.objects.get(site=portal, name="政府办公室")
    both = step(client, letter, "transfer", department=office.pk, site=sport.pk, note="x")
    assert "二者选一" in both.content.decode()
    response = step(client, letter, "transfer", site=sport.pk, note="场馆管理属体育局职责")
    assert response.status_code == 302 and response["Location"] == QUEUE
    letter.refresh_from_db()
    assert letter.site == sport and letter.status == LetterStatus.NEW and letter.department is None
    assert mail.outbox[-1].to == ["tyj@example.com"] and "转办" in mail.outbox[-1].subject
    assert client.get(f"{QUEUE}{letter.pk}/").status_code == 404
    client.force_login(sport_staff)
    text = client.get(f"{QUEUE}{letter.pk}/").content.decode()
    assert "场馆管理属体育局职责" in text and "转至测试市体育局" in text
    # The writer still tracks it through the mailbox they wrote to.
    client.logout()
    client.post(mailbox.url + "track/", {"number": letter.number, "code": letter.query_code}, HTTP_HOST="portal.test")
    assert "转办" in get(client, mailbox.url + "track/").content.decode()


def test_staff_of_another_site_see_none_of_the_letters(client, portal, sport, mailbox):
    letter = make_letter(portal, mailbox, subject="门户网站的来信")
    client.force_login(staff(sport, "sport_handler"))
    assert "门户网站的来信" not in client.get(QUEUE).content.decode()
    assert client.get(f"{QUEUE}{letter.pk}/").status_code == 404
    assert step(client, letter, "accept").status_code == 404
    assert client.get(f"{QUEUE}{letter.pk}/file/").status_code == 404
    assert "张三" not in client.get(QUEUE + "export.csv").content.decode("utf-8-sig")


def test_editors_without_the_role_are_refused(client, portal, mailbox):
    from tests.test_interaction_helpers import editor

    client.force_login(editor(portal))
    response = client.get(QUEUE)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_attachment_is_private_and_served_to_staff_only(client, portal, mailbox):
    pdf = SimpleUploadedFile("照片说明.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    assert post_form(client, mailbox.url, letter_data(attachment=pdf)).status_code == 302
    letter = Letter.objects.get()
    assert letter.attachment.name.startswith("interaction/")
    client.force_login(staff(portal, "handler"))
    response = client.get(f"{QUEUE}{letter.pk}/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_export_lists_the_filtered_letters(client, portal, mailbox):
    make_letter(portal, mailbox, subject="导出的来信")
    client.force_login(staff(portal, "handler"))
    rows = list(csv.reader(io.StringIO(client.get(QUEUE + "export.csv").content.decode("utf-8-sig"))))
    assert rows[0][0] == "信件编号" and rows[1][3] == "导出的来信"
    xlsx = client.get(QUEUE + "export.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_sensitive_words_flag_a_letter_for_staff(client, portal, mailbox):
    ContentRule.objects.create(kind=ContentRule.Kind.SENSITIVE, word="敏感词甲")
    make_letter(portal, mailbox, content="这里有敏感词甲。")
    client.force_login(staff(portal, "handler"))
    flagged = client.get(QUEUE, {"flagged": "on"}).content.decode()
    assert "含敏感词" in flagged


def test_deadline_is_seven_working_days_extendable_once_to_fifteen(portal, mailbox):
    # Received the Tuesday before the 2026 National Day holiday; Saturday 10 October is a make-up working day.
    assert letters.due_date(date(2026, 9, 29)) == date(2026, 10, 14)
    assert letters.due_date(date(2026, 9, 29), 8) == date(2026, 10, 26)
    letter = make_letter(portal, mailbox, received_on=date(2026, 9, 29))
    user = staff(portal, "handler")
    with pytest.raises(letters.StepRefused, match="不能超过15个工作日"):
        letters.extend(letter, user, 9, "情况复杂", today=date(2026, 10, 9))
    with pytest.raises(letters.StepRefused, match="延期理由"):
        letters.extend(letter, user, 8, " ", today=date(2026, 10, 9))
    letters.extend(letter, user, 8, "需现场核实", today=date(2026, 10, 9))
    assert letter.due_on == date(2026, 10, 26)
    assert "需现场核实" in letter.events.last().note
    with pytest.raises(letters.StepRefused, match="只能延长一次"):
        letters.extend(letter, user, 1, "再延", today=date(2026, 10, 9))
    late = make_letter(portal, mailbox, received_on=date(2026, 9, 29))
    with pytest.raises(letters.StepRefused, match="期限已过"):
        letters.extend(late, user, 8, "太晚", today=date(2026, 10, 15))


def test_statistics_per_department(portal, mailbox):
    user, approver = staff(portal, "handler"), reviewer(portal)
    office = Department.objects.get(site=portal, name="政府办公室")
    stats = Department.objects.get(site=portal, name="统计局")

    def replied(department, received, replied_on):
        letter = make_letter(portal, mailbox, received_on=received)
        letters.accept(letter, user)
        letters.assign(letter, user, department)
        letters.draft(letter, user, "答复")
        letters.approve(letter, approver)
        letters.send(letter, user, on=replied_on)

    replied(office, date(2026, 11, 2), date(2026, 11, 4))  # 2 working days, on time
    replied(office, date(2026, 11, 2), date(2026, 11, 13))  # 9 working days, late (due 11 November)
    replied(stats, date(2026, 11, 9), date(2026, 11, 16))  # 5 working days, on time
    declined = make_letter(portal, mailbox, received_on=date(2026, 11, 9))
    letters.decline(declined, user, "重复来信")
    make_letter(portal, mailbox, received_on=date(2026, 11, 20))  # still open

    total, rows = letter_statistics(Letter.objects.filter(site=portal))
    assert (total.received, total.declined, total.valid, total.handled, total.on_time) == (5, 1, 4, 3, 2)
    assert total.handling_rate == 75.0 and total.on_time_rate == 66.7 and total.average_days == 5.3
    by_name = {row.label: row for row in rows}
    assert by_name["政府办公室"].on_time_rate == 50.0 and by_name["政府办公室"].average_days == 5.5
    assert by_name["统计局"].on_time_rate == 100.0 and by_name["未交办"].received == 2


def test_statistics_page_is_scoped_to_the_users_sites(client, portal, sport, mailbox):
    make_letter(portal, mailbox)
    client.force_login(staff(sport, "sport_handler"))
    text = client.get("/admin/interaction/statistics/").content.decode()
    assert "测试市体育局" in text and "测试市人民政府" not in text


def test_letters_due_soon_or_overdue_feed_the_timeliness_check(portal, mailbox):
    today = timezone.localdate()
    overdue = make_letter(portal, mailbox, received_on=today - timedelta(days=30))
    soon = make_letter(portal, mailbox, received_on=today - timedelta(days=7))
    make_letter(portal, mailbox, received_on=today)
    found = {o.key: o for o in letters_due(portal, today)}
    assert set(found) == {f"letters:{overdue.pk}", f"letters:{soon.pk}"}
    assert found[f"letters:{overdue.pk}"].severity == "error" and "已超期" in found[f"letters:{overdue.pk}"].title


def test_consent_to_publish_is_an_explicit_choice_left_unticked(client, mailbox):
    page = BeautifulSoup(get(client, mailbox.url).content, "html.parser")
    consent = page.find("input", attrs={"name": "publish_consent"})
    assert consent["type"] == "checkbox" and not consent.has_attr("checked")

    post_form(client, mailbox.url, letter_data(publish_consent=None, subject="未勾选同意公开的来信"))
    post_form(client, mailbox.url, letter_data(subject="勾选同意公开的来信"))
    consents = dict(Letter.objects.values_list("subject", "publish_consent"))
    assert consents == {"未勾选同意公开的来信": False, "勾选同意公开的来信": True}
