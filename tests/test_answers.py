"""智能问答: FAQ matching with its cited source, the other knowledge (interpretations, guides,
approved letters), scoping in the admin, bad input of the JSON endpoint, the unanswered-questions
report without personal data, and the generative path (off by default, citing when on)."""

import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Site

from answers import counting
from answers.models import FaqEntry, MonthlyStat, UnansweredQuestion
from home.models import Department
from home.subsites import EDITORS, SITE_ADMINS, group_name
from tests.conftest import add_article, column_at
from tests.test_interaction_helpers import add_mailbox, make_letter

pytestmark = pytest.mark.django_db
API = "/search/answer/"


def path_of(page):
    return page.get_url_parts()[2]


def ask(client, question, host="portal.test"):
    return client.get(API, {"q": question}, HTTP_HOST=host)


def faq(site, source, question="社保卡丢了怎么补办？", variants="补办社会保障卡\n社保卡挂失", **fields):
    values = {
        "answer": "<p>携带身份证到就近的社保服务网点申请补办，当场挂失，10个工作日内领取新卡。</p>",
        "review_on": timezone.localdate() + timedelta(days=180),
        **fields,
    }
    return FaqEntry.objects.create(site=site, question=question, variants=variants, source_page=source, **values)


@pytest.fixture
def guide(portal):
    return add_article(column_at(portal, "bsfw/bszn"), "社会保障卡补办办事指南", summary="社会保障卡遗失后的补办流程。")


def test_a_question_in_other_words_gets_the_faq_answer_and_its_source(client, portal, guide):
    faq(portal, guide)
    body = ask(client, "我的社保卡丢了，要怎么补办啊").json()
    assert body["answered"] is True
    assert "社保服务网点申请补办" in body["answer"]
    assert body["source_title"] == "社会保障卡补办办事指南"
    assert body["source_url"] == path_of(guide)
    assert body["date"] == guide.last_published_at.date().isoformat()
    # A variant phrasing answers too.
    assert ask(client, "社保卡挂失").json()["source_title"] == "社会保障卡补办办事指南"


def test_an_unrelated_question_gets_the_ways_on_not_a_guess(client, portal, guide):
    faq(portal, guide)
    add_mailbox(portal)
    body = ask(client, "护照过期了在哪里换新的").json()
    assert body["answered"] is False
    assert body["answer"] is None and body["source_url"] is None
    titles = " ".join(way["title"] for way in body["ways"])
    assert "站内搜索结果" in titles and "写信咨询（市长信箱）" in titles and "12345" in titles
    search_way = body["ways"][0]["url"]
    assert search_way.startswith("/search/?q=")
    assert client.get(search_way, HTTP_HOST="portal.test").status_code == 200


def test_related_questions_are_other_entries(client, portal, guide):
    faq(portal, guide)
    faq(portal, guide, question="社保卡密码忘了怎么办？", variants="社保卡密码重置")
    faq(portal, guide, question="医保卡和社保卡是一张卡吗？", variants="")
    body = ask(client, "社保卡丢了怎么补办").json()
    assert body["answered"] is True
    assert "社保卡密码忘了怎么办？" in body["related"]
    assert "社保卡丢了怎么补办？" not in body["related"]
    assert len(body["related"]) <= 3


def test_the_faq_requires_a_published_source_page(portal, guide):
    entry = FaqEntry(site=portal, question="问题", answer="<p>答案</p>", review_on=date(2027, 1, 1))
    with pytest.raises(ValidationError) as missing:
        entry.full_clean()
    assert "source_page" in missing.value.message_dict
    draft = add_article(column_at(portal, "tzgg"), "尚未发布的通知", live=False)
    entry.source_page = draft
    with pytest.raises(ValidationError) as unpublished:
        entry.full_clean()
    assert "尚未发布" in unpublished.value.message_dict["source_page"][0]
    entry.source_page = guide
    entry.full_clean()


def test_an_entry_whose_source_was_unpublished_answers_no_more(client, portal, guide):
    faq(portal, guide)
    assert ask(client, "社保卡丢了怎么补办").json()["answered"] is True
    guide.unpublish()
    assert ask(client, "社保卡丢了怎么补办").json()["answered"] is False


def test_interpretation_questions_and_service_guides_answer_without_faq(client, portal):
    add_article(
        column_at(portal, "zcwj/zcjd"),
        "《关于加强政府网站建设的实施意见》政策问答",
        body=[
            ("heading", {"text": "问：政府信息多长时间内要在网站上公开？", "level": "h2"}),
            ("paragraph", "<p>答：规范性文件在印发后3个工作日内上网公开。</p>"),
            ("heading", {"text": "问：栏目多久更新一次？", "level": "h2"}),
            ("paragraph", "<p>答：动态要闻类栏目不超过2周。</p>"),
        ],
    )
    add_article(
        column_at(portal, "bsfw/bszn"), "灵活就业人员参加养老保险办事指南", summary="在社保经办机构登记后按月缴费。"
    )
    body = ask(client, "政府信息多久要在网站公开").json()
    assert body["answer"] == "规范性文件在印发后3个工作日内上网公开。"
    assert body["kind"] == "政策解读"
    body = ask(client, "灵活就业怎么参加养老保险").json()
    assert body["answered"] and body["source_title"] == "灵活就业人员参加养老保险办事指南"
    assert body["answer"] == "在社保经办机构登记后按月缴费。"


def test_letters_answer_with_their_approved_public_version_only(client, portal):
    mailbox = add_mailbox(portal)
    letter = make_letter(
        portal,
        mailbox,
        subject="关于学府路夜间施工噪声的投诉",
        content="我是张三，电话13800000000，学府路工地夜里施工太吵。",
    )
    letter.status, letter.replied_on = "replied", timezone.localdate()
    letter.reply = "张三您好，已责令施工单位22时后停止施工。联系电话13800000000。"
    letter.save()
    assert ask(client, "学府路夜间施工噪声").json()["answered"] is False  # no public version yet
    letter.public_subject = "关于学府路夜间施工噪声扰民问题"
    letter.public_reply = "经核查，已责令施工单位22时后停止高噪声作业。"
    letter.public_approved_at = timezone.now()
    letter.save()
    body = ask(client, "学府路晚上施工噪声扰民").json()
    assert body["answered"] is True
    assert body["answer"] == "经核查，已责令施工单位22时后停止高噪声作业。"
    text = json.dumps(body, ensure_ascii=False)
    assert "张三" not in text and "13800000000" not in text
    assert body["source_url"].endswith(f"replies/#letter-{letter.pk}")


def test_the_portal_knows_sub_site_entries_but_not_the_other_way(client, portal, sport):
    Site.objects.filter(pk=portal.pk).update(is_default_site=True)  # the group's main portal
    source = add_article(column_at(sport, "qmjs/jscg"), "公共体育场馆免费开放安排")
    faq(sport, source, question="体育馆什么时候免费开放？", variants="体育场馆免费开放时间")
    assert ask(client, "体育馆免费开放时间", host="sport.test").json()["answered"] is True
    body = ask(client, "体育馆免费开放时间", host="portal.test").json()
    assert body["answered"] is True and body["source_url"].startswith("http://sport.test")
    guide = add_article(column_at(portal, "tzgg"), "门户通知")
    faq(portal, guide, question="门户网站改版了吗？", variants="")
    assert ask(client, "门户网站改版了吗", host="sport.test").json()["answered"] is False


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("", 400, "请输入您的问题"),
        ("   ", 400, "请输入您的问题"),
        ("社" * 10_000, 400, "问题过长"),
        ("？？！！……", 400, "没有可识别的文字"),
        ("\x00\x01\x02", 400, "请输入您的问题"),
    ],
)
def test_bad_questions_get_a_chinese_json_error(client, portal, query, status, message):
    response = ask(client, query)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert message in response.json()["error"]


def test_absurd_but_readable_input_is_answered_not_failed(client, portal):
    for query in ("=1+1*cmd|' /C calc'!A0", "<script>alert(1)</script>", "'; DROP TABLE answers; --", "9999-99-99"):
        response = ask(client, query)
        assert response.status_code == 200, query
        assert response.json()["answered"] is False
    assert client.get(API, HTTP_HOST="portal.test").status_code == 400  # no q at all
    assert client.post(API, {"q": "社保"}, HTTP_HOST="portal.test").status_code == 405


def test_questions_are_rate_limited_per_address(client, portal, settings):
    settings.RATELIMIT_ENABLE = True
    statuses = [ask(client, f"问题{n}").status_code for n in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    assert "提问过于频繁" in ask(client, "再问一次").json()["error"]


def test_unanswered_questions_reach_the_report_without_personal_data(client, portal, sport, guide):
    faq(portal, guide)
    mistyped = (
        "身份证110101199003071234丢了补办居住证要多久",  # an ID's shape, its check character wrong
        "我电话139 1234 567，居住证办好了吗",  # a phone number with a digit missing
    )
    for question in (
        "如何办理居住证",
        "如何办理居住证",
        "我的电话13912345678，居住证办好了吗",
        "社保卡丢了怎么补办",
        *mistyped,
    ):
        assert ask(client, question).status_code == 200
    ask(client, "体育馆能带狗进去吗", host="sport.test")
    assert not UnansweredQuestion.objects.exists()  # nothing written on the request path
    counting.flush()
    month = timezone.localdate().replace(day=1)
    rows = {(r.site_id, r.question): r.count for r in UnansweredQuestion.objects.all()}
    assert rows == {(portal.pk, "如何办理居住证"): 2, (sport.pk, "体育馆能带狗进去吗"): 1}
    stat = MonthlyStat.objects.get(site=portal, month=month)
    assert (stat.asked, stat.answered) == (6, 1)
    counting.flush()  # a second run adds nothing
    assert MonthlyStat.objects.get(site=portal, month=month).asked == 6

    editor = get_user_model().objects.create_user("sport_faq_editor", password="x")
    editor.groups.add(Group.objects.get(name=group_name(sport.site_name, EDITORS)))
    client.force_login(editor)
    report = client.get("/admin/answers/report/").content.decode()
    assert "体育馆能带狗进去吗" in report
    assert "居住证" not in report and "13912345678" not in report


def test_faq_entries_in_the_admin_are_scoped_to_the_users_sites(client, portal, sport, guide):
    entry = faq(portal, guide, question="门户机密问题")
    admin = get_user_model().objects.create_user("sport_faq_admin", password="x")
    admin.groups.add(Group.objects.get(name=group_name(sport.site_name, SITE_ADMINS)))
    client.force_login(admin)
    listing = client.get("/admin/snippets/answers/faqentry/")
    assert listing.status_code == 200
    assert "门户机密问题" not in listing.content.decode()
    assert client.get(f"/admin/snippets/answers/faqentry/edit/{entry.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/snippets/answers/faqentry/delete/{entry.pk}/").status_code in (302, 403)
    Department.objects.create(site=portal, name="门户机密处", locale=guide.locale)
    Department.objects.create(site=sport, name="体育局办公室", locale=guide.locale)
    form = client.get("/admin/snippets/answers/faqentry/add/").content.decode()
    assert sport.site_name in form and portal.site_name not in form
    assert "门户机密处" not in form
    form_class = FaqEntry.snippet_viewset.get_edit_handler().get_form_class()
    departments = form_class(for_user=admin).fields["department"].queryset
    assert {d.name for d in departments} >= {"体育局办公室"} and "门户机密处" not in {d.name for d in departments}


class FakeModel(BaseHTTPRequestHandler):
    """A tiny OpenAI-compatible endpoint: records what it was sent, answers with a fixed text."""

    received = []
    reply = "可以到社保服务网点补办，10个工作日内领取新卡。"

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        FakeModel.received.append((self.path, self.headers.get("Authorization"), json.loads(self.rfile.read(length))))
        body = json.dumps({"choices": [{"message": {"role": "assistant", "content": FakeModel.reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_model():
    server = HTTPServer(("127.0.0.1", 0), FakeModel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeModel.received = []
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()


def test_generative_answers_are_off_by_default(client, portal, guide, fake_model, settings):
    assert not getattr(settings, "ANSWERS_LLM_URL", "")
    faq(portal, guide)
    body = ask(client, "社保卡丢了怎么补办").json()
    assert body["generated"] is False
    assert body["answer"].startswith("携带身份证")
    assert FakeModel.received == []


def test_generative_answers_restate_the_source_and_cite_it(client, portal, guide, fake_model, settings):
    settings.ANSWERS_LLM_URL, settings.ANSWERS_LLM_MODEL, settings.ANSWERS_LLM_KEY = fake_model, "qwen-test", "k-1"
    faq(portal, guide)
    body = ask(client, "社保卡丢了怎么补办").json()
    assert body["generated"] is True
    assert body["answer"] == FakeModel.reply
    assert body["source_title"] == "社会保障卡补办办事指南" and body["source_url"] == path_of(guide)
    path, authorization, sent = FakeModel.received[0]
    assert path == "/v1/chat/completions" and authorization == "Bearer k-1" and sent["model"] == "qwen-test"
    assert "携带身份证到就近的社保服务网点" in sent["messages"][1]["content"]  # the model sees the source
    page = client.get("/search/ask/", {"q": "社保卡丢了怎么补办"}, HTTP_HOST="portal.test").content.decode()
    assert FakeModel.reply in page and "请以来源原文为准" in page and path_of(guide) in page
    # The model saying it cannot answer, or being unreachable, gives the source's own words.
    FakeModel.reply = "无法回答"
    assert ask(client, "社保卡丢了怎么补办").json()["answer"].startswith("携带身份证")
    FakeModel.reply = "可以到社保服务网点补办，10个工作日内领取新卡。"
    settings.ANSWERS_LLM_URL = "http://127.0.0.1:9/v1"
    body = ask(client, "社保卡丢了怎么补办").json()
    assert body["generated"] is False and body["answer"].startswith("携带身份证")


def test_the_ask_page_and_the_widget_on_every_page(client, portal, guide):
    faq(portal, guide)
    home = client.get("/", HTTP_HOST="portal.test").content.decode()
    assert 'action="/search/ask/"' in home and "智能问答" in home
    page = client.get("/search/ask/", {"q": "社保卡丢了怎么补办"}, HTTP_HOST="portal.test")
    html = page.content.decode()
    assert page.status_code == 200
    assert "社保服务网点申请补办" in html and f'href="{path_of(guide)}"' in html and "来源" in html
    none = client.get("/search/ask/", {"q": "护照过期了在哪里换"}, HTTP_HOST="portal.test").content.decode()
    assert "暂时没有找到" in none and "12345" in none and "/search/?q=" in none
    empty = client.get("/search/ask/", HTTP_HOST="portal.test").content.decode()
    assert "社保卡丢了怎么补办？" in empty  # the site's questions to start from
    long = client.get("/search/ask/", {"q": "问" * 5000}, HTTP_HOST="portal.test")
    assert long.status_code == 400 and "问题过长" in long.content.decode()


def test_the_knowledge_follows_publishing_but_not_every_news_item(client, portal):
    from answers import knowledge

    assert ask(client, "栏目多久更新一次").json()["answered"] is False
    before = knowledge.version()
    add_article(column_at(portal, "xwdt/zwyw"), "市政府召开常务会议")
    assert knowledge.version() == before  # news: nothing to rebuild
    add_article(
        column_at(portal, "zcwj/zcjd"),
        "网站建设政策问答",
        body=[("paragraph", "<p>问：栏目多久更新一次？</p>"), ("paragraph", "<p>答：动态要闻类栏目不超过2周。</p>")],
    )
    assert knowledge.version() != before
    assert ask(client, "栏目多久更新一次").json()["answer"] == "动态要闻类栏目不超过2周。"


def test_the_answers_pages_are_valid_html(client, portal, card_guide, admin_user, tmp_path):
    from tests.test_html_validity import checker, nu_errors

    checker()
    faq(portal, card_guide)
    ask(client, "如何办理居住证")
    counting.flush()
    pages = {
        name: client.get(url, HTTP_HOST="portal.test").content.decode()
        for name, url in {
            "ask-empty": "/search/ask/",
            "ask-answered": "/search/ask/?q=社保卡丢了怎么补办",
            "ask-excerpt": "/search/ask/?q=社保卡补办的工本费是多少",
            "ask-partial": "/search/ask/?q=社保卡补办要排队多久",
            "ask-unanswered": "/search/ask/?q=护照过期了在哪里换",
            "ask-error": "/search/ask/?q=？？",
        }.items()
    }
    client.force_login(admin_user)
    pages["admin-report"] = client.get("/admin/answers/report/", HTTP_HOST="portal.test").content.decode()
    assert "如何办理居住证" in pages["admin-report"]
    assert nu_errors(pages, tmp_path) == []


@pytest.fixture
def card_guide(portal):
    """A guide whose page says more than the FAQ entry's answer: the fee and the documents."""
    body = [
        ("paragraph", "<p>一、办理地点：各区社保服务大厅。</p>"),
        ("paragraph", "<p>二、补卡费用：首次补办免收工本费，再次补办每张收取工本费20元。</p>"),
        ("paragraph", "<p>三、委托代办：他人代办的，须携带双方身份证原件和委托书。</p>"),
    ]
    return add_article(
        column_at(portal, "bsfw/bszn"), "社会保障卡补办办事指南", summary="社会保障卡遗失后的补办流程。", body=body
    )


def test_a_question_on_another_side_of_the_subject_is_answered_from_the_cited_page(client, portal, card_guide):
    faq(portal, card_guide)
    body = ask(client, "社保卡补办的工本费是多少").json()  # 工本费: in no phrasing, on the page
    assert body["answered"] is True and body["partial"] is False
    assert body["source_title"] == "社会保障卡补办办事指南" and "社保服务网点申请补办" in body["answer"]
    assert body["excerpt"] == "二、补卡费用：首次补办免收工本费，再次补办每张收取工本费20元。"
    assert body["ways"] == []
    relative = ask(client, "社保卡补办可以委托代办吗").json()
    assert relative["answered"] is True and "委托书" in relative["excerpt"]
    page = client.get("/search/ask/", {"q": "社保卡补办的工本费是多少"}, HTTP_HOST="portal.test").content.decode()
    assert "原文摘录" in page and "每张收取工本费20元" in page and "未必回答" not in page
    # A question the FAQ answers in its own words shows no excerpt.
    assert ask(client, "社保卡丢了怎么补办").json()["excerpt"] is None


def test_an_answer_to_part_of_the_question_says_so_and_offers_the_ways_on(client, portal, card_guide):
    faq(portal, card_guide)
    add_mailbox(portal)
    body = ask(client, "社保卡补办要排队多久").json()  # 排队: on neither the entry nor its page
    assert body["answered"] is True and body["partial"] is True
    assert body["source_title"] == "社会保障卡补办办事指南"
    assert [way["title"] for way in body["ways"]][-1].startswith("12345")
    page = client.get("/search/ask/", {"q": "社保卡补办要排队多久"}, HTTP_HOST="portal.test").content.decode()
    assert "未必回答了您问的全部内容" in page and "如果没有解决您的问题" in page and "写信咨询" in page
    # Editors see it among the questions to write entries for.
    counting.flush()
    assert UnansweredQuestion.objects.filter(question="社保卡补办要排队多久").exists()


def test_a_question_whose_subject_is_on_neither_the_entry_nor_its_page_gets_no_answer(client, portal, card_guide):
    faq(portal, card_guide)
    for question in ("社保卡里的钱能取出来吗", "社保卡补办期间看病住院怎么报销", "医保卡丢了怎么补办护照"):
        body = ask(client, question).json()
        assert body["answered"] is False, (question, body["source_title"])


def test_a_synonym_group_an_administrator_adds_reaches_the_answers(client, portal, guide):
    from search.models import SynonymGroup

    faq(portal, guide)
    before = ask(client, "社保卡报失了怎么补").json()
    assert not before["answered"] or before["partial"]
    SynonymGroup.objects.create(terms="挂失，报失")  # rebuilds every process's knowledge
    after = ask(client, "社保卡报失了怎么补").json()
    assert after["answered"] is True and after["partial"] is False
    assert after["source_title"] == "社会保障卡补办办事指南"


def test_situation_first_and_spoken_questions_are_answered(client, portal, card_guide):
    faq(portal, card_guide)
    told = ask(client, "我上周在公交车上钱包被偷了，证件全丢了，社保卡补办的工本费是多少").json()
    assert told["answered"] is True and told["source_title"] == "社会保障卡补办办事指南"
    assert told["partial"] is True  # 钱包 and 公交车: on neither the entry nor its page
    assert "工本费20元" in told["excerpt"]
    spoken = ask(client, "社保卡补办收不收工本费").json()  # A不A: 收工本费
    assert spoken["answered"] is True and "工本费" in spoken["excerpt"]
    # Another subject told first is not dropped to answer the generic rest.
    assert ask(client, "护照丢了三天了，怎么补办").json()["answered"] is False
