"""Demo content of the interaction features for one demo site: a mailbox with letters in every
state and published replies, a closed survey with results and an open one, opinion
solicitations (one with its published summary), an interview archive and comments on an
article. Creates only what is missing, so running it again changes nothing."""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from casework.posts import Moderation
from casework.workdays import WorkCalendar, add_working_days
from home.models import ArticlePage, ColumnPage, Department
from interaction import letters
from interaction.models import (
    ArticleComments,
    Comment,
    ConsultationPage,
    InteractionTarget,
    InterviewPage,
    InterviewQuestion,
    Letter,
    LetterEvent,
    MailboxPage,
    Opinion,
    SurveyField,
    SurveyPage,
    TranscriptLine,
)
from interaction.roles import HANDLERS, REVIEWERS, ensure_groups

# (days ago received, category, subject, content, consent, final state)
LETTERS = [
    (
        40,
        "suggest",
        "建议在城东体育公园增设夜间照明",
        "城东体育公园晚上没有照明，下班后锻炼的居民很多，建议增设路灯和球场照明。",
        True,
        "replied",
    ),
    (
        35,
        "consult",
        "社区健身器材损坏由哪个部门维修",
        "我们小区的健身路径器材损坏已有两个月，请问应当向哪个部门报修？",
        True,
        "replied",
    ),
    (
        30,
        "help",
        "老旧小区加装电梯补贴如何申请",
        "我家住在1998年建成的老旧小区，想了解加装电梯的补贴标准和申请流程。",
        True,
        "replied",
    ),
    (
        26,
        "complain",
        "反映学校周边噪声扰民问题",
        "学校旁的工地夜间施工，噪声很大，影响学生休息，希望有关部门处理。",
        False,
        "replied",
    ),
    (
        21,
        "consult",
        "公共体育场馆免费开放时间咨询",
        "请问市体育馆在寒假期间是否免费开放？开放时间是几点到几点？",
        True,
        "replied",
    ),
    (
        12,
        "other",
        "关于某商家纠纷的来信",
        "我与某商家的合同纠纷已起诉至法院，请市长督促法院尽快判决。",
        True,
        "declined",
    ),
    (
        16,
        "suggest",
        "建议增加公交线路覆盖新建小区",
        "新建的青禾小区距离最近的公交站两公里，建议调整线路。",
        True,
        "overdue",
    ),
    (
        6,
        "consult",
        "灵活就业人员参保缴费咨询",
        "灵活就业人员每月最低缴费基数是多少？可以在网上缴费吗？",
        True,
        "review",
    ),
    (
        4,
        "suggest",
        "建议延长政务服务中心周末开放时间",
        "上班族工作日难以请假办事，建议政务服务中心周六全天开放。",
        True,
        "handling",
    ),
    (2, "help", "求助：残疾人证换证办理", "家中老人残疾人证到期，行动不便，能否上门办理换证？", False, "new"),
]
REPLIES = {
    "建议在城东体育公园增设夜间照明": (
        "感谢您的建议。经实地查看，体育公园照明改造已列入今年民生项目，将于年底前完成篮球场、健身步道照明安装。"
    ),
    "社区健身器材损坏由哪个部门维修": (
        "社区健身路径由所在街道负责日常维护。我们已通知街道，"
        "损坏器材将在10个工作日内维修完毕，您也可拨打街道服务电话报修。"
    ),
    "老旧小区加装电梯补贴如何申请": (
        "按照本市老旧小区加装电梯实施办法，每台补贴不超过20万元。"
        "由业主委员会或业主代表向所在街道提出申请，具体材料清单可在政务服务网查询。"
    ),
    "反映学校周边噪声扰民问题": (
        "经执法人员现场检查，该工地未办理夜间施工许可，已责令停止夜间施工并依法处罚。欢迎继续监督。"
    ),
    "公共体育场馆免费开放时间咨询": (
        "寒假期间市体育馆每天9:00至21:00开放，游泳馆除外的场地免费，节假日开放时间以场馆公告为准。"
    ),
    "灵活就业人员参保缴费咨询": (
        "灵活就业人员可按上年度全省全口径城镇单位就业人员平均工资的60%至300%之间自主选择缴费基数，"
        "并可通过“云州社保”应用在线缴费。"
    ),
}
SURVEY_QUESTIONS = [
    ("您对本市公共体育设施的总体评价", "radio", "非常满意\n比较满意\n一般\n不满意", True),
    ("您最常使用的健身场所（可多选）", "checkboxes", "城市公园\n社区健身路径\n学校体育场地\n公共体育馆", False),
    ("您希望优先增加哪类设施", "dropdown", "篮球场\n足球场\n游泳池\n健身步道", True),
    ("其他意见和建议", "multiline", "", False),
]


def seed(site):
    # The demo's writers have made-up addresses: record the steps without emailing anyone.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _SiteSeeder(site).run()


class _SiteSeeder:
    def __init__(self, site):
        self.site = site
        self.home = site.root_page.specific
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.calendar = WorkCalendar()
        self.random = random.Random(site.site_name)

    def run(self):
        self.handler, self.reviewer = self.staff()
        columns = self.columns()
        self.mailbox(columns["ldxx"])
        self.surveys(columns["wsdc"])
        self.consultations(columns["yjzj"])
        self.interview(columns["zxft"])
        self.comments()
        InteractionTarget.objects.get_or_create(site=self.site, year=self.today.year, defaults=self.targets())

    def spec(self):
        from demo.site_group import SITES

        return next((s for s in SITES if s["hostname"] == self.site.hostname), {})

    def targets(self):
        # A department site's target is half a portal's (seed 003).
        small = self.spec().get("blueprint") != "portal"
        return {"surveys": 2, "interviews": 2} if small else {"surveys": 4, "interviews": 4}

    def staff(self):
        from demo.site_group import DEMO_PASSWORD

        groups = ensure_groups(self.site)
        prefix = self.spec().get("user_prefix") or self.site.hostname.split(".")[0]
        users = []
        for role, suffix in ((HANDLERS, "hdjl"), (REVIEWERS, "hdsh")):
            user, created = get_user_model().objects.get_or_create(
                username=f"{prefix}_{suffix}",
                defaults={"email": f"{prefix}_{suffix}@example.gov.cn", "first_name": f"{self.site.site_name}{role}"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.add(groups[role])
            users.append(user)
        return users

    # Pages

    def columns(self):
        """The interaction columns: the blueprint's 互动交流 sub-columns, or one 互动交流 column
        holding everything on sites whose blueprint has none."""
        section = ColumnPage.objects.child_of(self.home).filter(slug="hdjl").first()
        if section is None:
            section = ColumnPage(title="互动交流", slug="hdjl", update_category="basic", show_in_menus=True)
            self.publish(self.home, section)
        children = {c.slug: c for c in ColumnPage.objects.child_of(section)}
        return {slug: children.get(slug, section) for slug in ("ldxx", "yjzj", "wsdc", "zxft")}

    def publish(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish(log_action=False)
        return page

    def existing(self, parent, slug, model):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def moment(self, days_ago, hour=10, minute=0):
        day = self.today - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    # Letters

    def mailbox(self, column):
        mailbox = self.existing(column, "xx", MailboxPage)
        if mailbox is None:
            head = "市长" if "市人民政府" in self.site.site_name else "县长" if "县" in self.site.site_name else "局长"
            mailbox = self.publish(
                column,
                MailboxPage(
                    title=f"{head}信箱",
                    slug="xx",
                    addressee=head,
                    intro=(
                        f"<p>欢迎您给{head}写信。请如实反映问题，文明用语。涉及诉讼、仲裁、行政复议等法定途径的事项，"
                        "请依法向有关机关提出。</p>"
                    ),
                ),
            )
            if column.slug == "ldxx" and not column.link_page_id:
                # The column has no items of its own: it forwards readers to the mailbox.
                column.link_page = mailbox
                column.save_revision().publish(log_action=False)
        if not Letter.objects.filter(mailbox=mailbox).exists():
            for spec in LETTERS:
                self.letter(mailbox, *spec)
        return mailbox

    def letter(self, mailbox, days_ago, category, subject, content, consent, state):
        departments = list(Department.objects.filter(site=self.site).order_by("pk"))
        received = self.today - timedelta(days=days_ago)
        letter = Letter(
            site=self.site,
            mailbox=mailbox,
            received_on=received,
            name=self.random.choice(["王芳", "李强", "张伟", "刘洋", "陈静", "赵磊"]),
            phone=f"139{self.random.randrange(10**7, 10**8)}",
            category=category,
            subject=subject,
            content=content,
            publish_consent=consent,
        )
        letters.submit(letter, mailbox)
        steps = [(letter.events.get(), 0)]
        if state == "declined":
            steps.append(
                (letters.decline(letter, self.handler, "来信反映的事项已进入诉讼程序，请依法通过司法途径解决。"), 1)
            )
        elif state != "new":
            department = departments[days_ago % len(departments)]
            steps.append((letters.accept(letter, self.handler, "属本机关职责范围"), 1))
            steps.append((letters.assign(letter, self.handler, department, "请按期答复"), 1))
            if state in ("review", "replied"):
                reply = REPLIES.get(subject, "您反映的问题已收悉，我们正在核实办理，将及时答复。")
                steps.append((letters.draft(letter, self.handler, reply), 3))
            if state == "replied":
                steps.append((letters.approve(letter, self.reviewer, "同意答复"), 4))
                replied_on = add_working_days(received, 5, self.calendar)
                steps.append((letters.send(letter, self.handler, on=replied_on), (replied_on - received).days))
                if consent:  # the public version as staff would prepare and approve it
                    public = letters.public_version_initial(letter)
                    steps.append(
                        (letters.edit_public_version(letter, self.handler, **public), (replied_on - received).days)
                    )
                    steps.append((letters.approve_public_version(letter, self.reviewer), (replied_on - received).days))
        for event, offset in steps:
            LetterEvent.objects.filter(pk=event.pk).update(at=self.moment(days_ago - offset, 9 + offset % 8))

    # Surveys

    def surveys(self, column):
        closed = self.survey(column, "qmjssszx", "全民健身设施满意度调查", -40, -10, answers=36)
        if closed and not closed.results_published:
            closed.results_published = True
            closed.results_note = "本次调查共收到有效答卷36份，调查结果已转交市体育局作为设施建设规划的参考。"
            closed.save_revision().publish(log_action=False)
        self.survey(column, "zwfwpj", "政务服务“好差评”网上调查", -5, 25, answers=8)

    def survey(self, column, slug, title, opened_days, closes_days, answers):
        survey = self.existing(column, slug, SurveyPage)
        if survey is not None:
            return survey
        survey = SurveyPage(
            title=title,
            slug=slug,
            date=self.now + timedelta(days=opened_days),
            opens_at=self.now + timedelta(days=opened_days),
            closes_at=self.now + timedelta(days=closes_days),
            summary=f"{title}，欢迎广大市民参与。",
            body=[
                (
                    "paragraph",
                    "<p>为了解市民需求、改进工作，特开展本次网上调查。调查不收集个人信息，每人限提交一次。</p>",
                )
            ],
        )
        survey.form_fields = [
            SurveyField(label=label, field_type=kind, choices=choices, required=required, sort_order=n)
            for n, (label, kind, choices, required) in enumerate(SURVEY_QUESTIONS)
        ]
        self.publish(column, survey)
        fields = list(survey.get_form_fields())
        for _ in range(answers):
            data = {}
            for field in fields:
                options = field.choices.split("\n") if field.choices else []
                if field.field_type == "checkboxes":
                    data[field.clean_name] = self.random.sample(options, self.random.randint(1, 2))
                elif options:
                    data[field.clean_name] = self.random.choices(options, weights=[5, 4, 2, 1][: len(options)])[0]
                else:
                    data[field.clean_name] = self.random.choice(["", "希望多建一些室内场馆。", "建议延长开放时间。"])
            FormSubmission.objects.create(page=survey, form_data=data)
        return survey

    # Opinion solicitation

    def consultations(self, column):
        draft = [
            ("heading", {"text": "第一章 总则", "level": "h3"}),
            ("paragraph", "<p>第一条 为了促进全民健身活动的开展，保障公民参加健身活动的合法权益，制定本办法。</p>"),
            ("paragraph", "<p>第二条 公共体育设施应当在节假日和学校寒暑假期间适当延长开放时间。</p>"),
            (
                "paragraph",
                "<p>第三条 新建居住区应当按照室内人均建筑面积不低于0.1平方米"
                "或者室外人均用地不低于0.3平方米配建健身设施。</p>",
            ),
        ]
        done = self.existing(column, "qmjsbf", ConsultationPage)
        if done is None:
            decided = self.today - timedelta(days=20)
            done = self.publish(
                column,
                ConsultationPage(
                    title="《全民健身实施办法（征求意见稿）》公开征求意见",
                    slug="qmjsbf",
                    date=self.moment(60),
                    opens_on=self.today - timedelta(days=60),
                    closes_on=self.today - timedelta(days=30),
                    decided_on=decided,
                    result_published_on=add_working_days(decided, 6, self.calendar),
                    summary="就全民健身实施办法征求社会各界意见。",
                    body=draft,
                    explanation="<p>为落实全民健身国家战略，结合本地实际，起草了本办法。</p>",
                    result_summary=(
                        "<p>征求意见期间共收到意见4条，采纳2条：延长寒暑假开放时间、明确配建标准。"
                        "未采纳的意见及理由见下表。</p>"
                    ),
                ),
            )
            for clause, text, adopted, note in (
                ("第二条", "建议寒暑假期间学校体育场地也向社会开放。", True, "已在第二条中增加相关表述"),
                ("第三条", "配建标准应当写明室内和室外两项指标。", True, "已采纳"),
                (
                    "第三条",
                    "建议由开发商承担健身设施的全部运营费用。",
                    False,
                    "运营费用承担方式由其他法规规定，本办法不作规定",
                ),
                ("", "建议所有体育场馆24小时免费开放。", False, "受安全管理和运营成本限制，暂不具备条件"),
            ):
                Opinion.objects.create(
                    site=self.site,
                    page=done,
                    clause=clause,
                    nickname=self.random.choice(["市民", "体育爱好者", "", "老张"]),
                    content=text,
                    status=Moderation.APPROVED,
                    adopted=adopted,
                    adoption_note=note,
                    created_at=self.moment(45),
                    moderated_at=self.moment(44),
                    moderated_by=self.handler,
                )
        if self.existing(column, "gyssgl", ConsultationPage) is None:
            open_page = self.publish(
                column,
                ConsultationPage(
                    title="《公共体育设施管理规定（征求意见稿）》公开征求意见",
                    slug="gyssgl",
                    date=self.moment(5),
                    opens_on=self.today - timedelta(days=5),
                    closes_on=self.today + timedelta(days=25),
                    summary="欢迎社会各界对公共体育设施管理规定提出意见建议。",
                    body=draft[1:],
                    explanation="<p>本规定旨在规范公共体育设施的开放、维护和管理。</p>",
                ),
            )
            Opinion.objects.create(
                site=self.site,
                page=open_page,
                clause="第二条",
                nickname="健身达人",
                content="建议明确节假日开放的最短时长。",
                status=Moderation.APPROVED,
                moderated_by=self.handler,
                moderated_at=self.now,
            )
            Opinion.objects.create(site=self.site, page=open_page, content="待审核的一条意见：希望增加无障碍设施。")

    # Interview

    def interview(self, column):
        if self.existing(column, "qmjsft", InterviewPage) is not None:
            return
        starts = self.moment(14, 15)
        page = self.publish(
            column,
            InterviewPage(
                title="聚焦全民健身 共建健康城市",
                slug="qmjsft",
                date=starts - timedelta(days=3),
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                guests="体育局局长 王明、群众体育处处长 陈丽",
                host="李华",
                summary="围绕全民健身设施建设、公共场馆开放等话题与网友在线交流。",
                body=[("paragraph", "<p>本期访谈邀请体育局负责同志，介绍全民健身工作进展，回答网友关心的问题。</p>")],
                archive=[("paragraph", "<p>访谈现场：嘉宾在直播间回答网友提问。</p>")],
            ),
        )
        asked = InterviewQuestion.objects.create(
            site=self.site,
            page=page,
            nickname="晨跑者",
            content="城西什么时候能建一个体育公园？",
            status=Moderation.APPROVED,
            created_at=starts - timedelta(days=1),
        )
        lines = [
            ("host", "李华", "各位网友大家好，欢迎来到在线访谈，今天我们邀请到体育局的负责同志。", None),
            ("guest", "王明", "大家好，很高兴和网友们交流全民健身工作。", None),
            ("host", "李华", "有网友问到城西体育公园的建设计划。", None),
            ("guest", "王明", "城西体育公园已完成选址，计划明年上半年开工建设。", asked),
            ("guest", "陈丽", "今年全市新建和改造健身路径120条，公共体育场馆免费或低收费开放。", None),
            ("host", "李华", "感谢两位嘉宾，本期访谈到此结束。", None),
        ]
        for n, (role, speaker, text, question) in enumerate(lines):
            TranscriptLine.objects.create(
                page=page,
                role=role,
                speaker=speaker,
                text=text,
                question=question,
                created_at=starts + timedelta(minutes=5 + n * 9),
                created_by=self.handler,
            )
        asked.answer, asked.answered_at, asked.answered_live = lines[3][2], starts + timedelta(minutes=32), True
        asked.save()
        InterviewQuestion.objects.create(
            site=self.site,
            page=page,
            nickname="篮球爱好者",
            content="社区篮球场能否安装照明延长开放？",
            status=Moderation.APPROVED,
            created_at=starts + timedelta(minutes=40),
            answer="已将社区篮球场照明纳入明年民生实事项目，分批实施。",
            answered_at=starts + timedelta(days=2),
        )

    # Comments

    def comments(self):
        articles = ArticlePage.objects.live().descendant_of(self.home).exact_type(ArticlePage)
        if ArticleComments.objects.filter(page__in=articles).exists():
            return  # seeded before (a newer article may have been added since)
        article = articles.order_by("-date").first()
        if article is None:
            return
        ArticleComments.objects.create(page=article, enabled=True, changed_by=self.handler)
        Comment.objects.create(
            site=self.site,
            page=article,
            nickname="热心市民",
            content="这项工作很实在，希望持续推进。",
            status=Moderation.APPROVED,
            moderated_by=self.handler,
            moderated_at=self.now,
            reply="感谢您的关注和支持，我们将持续做好相关工作。",
            replied_at=self.now,
            replied_by=self.handler,
        )
        Comment.objects.create(site=self.site, page=article, content="等待审核的一条留言。")
