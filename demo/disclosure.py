"""Demo content of the disclosure section, called by the demo seeder for each demo site after
its role accounts exist. Creates only what is missing, so running it again changes nothing."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test.utils import override_settings
from django.utils import timezone

from casework.workdays import WorkCalendar
from disclosure import lifecycle
from disclosure.choices import Outcome
from disclosure.models import (
    AnnualReportPage,
    DisclosureIndexPage,
    DisclosureRequest,
    DisclosureRequestPage,
    DocumentKind,
    InterpretationPage,
    PolicyDocumentPage,
    TopicCategory,
)
from home.models import ArticlePage, ColumnPage, Department
from home.subsites import DISCLOSURE_HEAD, group_name

TOPICS = [
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "劳动、人事、监察",
]
KINDS = ["决定", "通知", "意见", "办法", "规定", "通告", "公告", "报告", "批复", "函"]
APPLICANTS = [
    ("person", "", "陈明", "resident_id", "11010519491231002X"),
    ("organisation", "commercial", "云州市绿源建材有限公司", "credit_code", "91350100M000100Y43"),
    ("organisation", "legal", "云州市正衡律师事务所", "credit_code", "91350100M000100Y43"),
    ("organisation", "research", "云州大学公共管理研究所", "credit_code", "91350100M000100Y43"),
    ("person", "", "刘芳", "passport", "E12345678"),
]


def seed(site):
    # The demo's applicants have made-up addresses: record the steps without emailing anyone.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _SiteSeeder(site).run()


class _SiteSeeder:
    def __init__(self, site):
        self.site = site
        self.home = site.root_page.specific
        self.today = timezone.localdate()
        self.calendar = WorkCalendar()

    def run(self):
        section = self.section()
        form_page = self.request_page(section)
        self.fill_standard_columns(section, form_page)
        self.link_from_home(form_page)
        self.documents(section)
        if not DisclosureRequest.objects.filter(site=self.site).exists():
            self.requests(form_page)
        self.annual_report(section)

    def staff(self):
        users = get_user_model().objects.filter(groups__name=group_name(self.site.site_name, DISCLOSURE_HEAD))
        return users.order_by("username").first() or get_user_model().objects.filter(is_superuser=True).first()

    # Pages

    def section(self):
        section = DisclosureIndexPage.objects.child_of(self.home).first()
        if section is None:
            column = ColumnPage.objects.child_of(self.home).filter(slug="zfxxgk").exact_type(ColumnPage).first()
            section = promote_to_disclosure_index(column) if column else self.new_section()
        section.ensure_standard_columns()
        return section

    def fill_standard_columns(self, section, form_page):
        """A section made new (sites whose blueprint had none) gets the texts every disclosure
        section must carry, so none of its sub-columns is empty."""
        name, home = self.site.site_name, self.home
        catalog = section.get_url_parts()[2] + "catalog/"
        form = f'<a linktype="page" id="{form_page.pk}">“依申请公开”页面</a>'
        track = f'<a href="{form_page.get_url_parts()[2]}track/">申请查询</a>'
        texts = {
            "gkzn": (
                f"{name}政府信息公开指南",
                [
                    f"为便于公民、法人和其他组织获取{name}的政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。",
                    "## 一、主动公开",
                    "本机关主动公开机构职能、政策文件、规划计划、统计信息、工作动态等信息，"
                    "通过本网站“政府信息公开”专栏集中发布，公众可通过站内搜索、"
                    f'<a href="{catalog}">政府信息公开目录</a>查阅和下载。',
                    "## 二、依申请公开",
                    f"公民、法人或者其他组织可以通过本网站{form}在线提交申请，也可以当面或信函提交；"
                    f"在线提交后凭申请编号和查询码在{track}页面查看办理进度。"
                    "本机关自收到申请之日起20个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，"
                    "延长期限最长不超过20个工作日。",
                    "## 三、受理机构",
                    f"{name}政务公开办公室，地址：{home.address}，办公时间：工作日上午9:00-12:00，下午13:30-17:00，"
                    f"电话：{home.phone}。",
                ],
            ),
            "gkzd": (
                f"{name}政府信息公开工作制度",
                [
                    "为规范政府信息公开工作，本机关建立健全政府信息公开申请登记、审核、办理、答复、归档工作制度，"
                    "并实行政府信息发布保密审查和公开属性定期审查。",
                    "信息公开工作由办公室统筹，各内设机构按照“谁制作、谁公开，谁保存、谁公开”的原则提供信息，"
                    "经初审、审核、审发后发布。",
                ],
            ),
            "fdzdgk": (
                f"{name}法定主动公开内容目录",
                [
                    "依照《中华人民共和国政府信息公开条例》第二十条，本机关主动公开以下信息：机构职能、机构设置、办公地址、"
                    "办公时间、联系方式、负责人姓名；行政规范性文件；发展规划和工作计划；统计信息；"
                    "行政许可、行政处罚的依据、条件、程序及结果；财政预算、决算信息；政府信息公开工作年度报告等。",
                ],
            ),
        }
        for slug, (title, paragraphs) in texts.items():
            column = ColumnPage.objects.child_of(section).filter(slug=slug).first()
            if column is None or ArticlePage.objects.descendant_of(column).exists():
                continue
            body = [
                ("heading", {"text": text[3:], "level": "h2"})
                if text.startswith("## ")
                else ("paragraph", f"<p>{text}</p>")
                for text in paragraphs
            ]
            article = ArticlePage(
                title=title, slug="wz", date=timezone.now() - timedelta(days=30), body=body, source=name
            )
            column.add_child(instance=article)
            article.save_revision().publish(log_action=False)

    def link_from_home(self, form_page):
        """The home page's quick links lead to the online request form."""
        body = self.home.body
        links = next((block for block in body if block.block_type == "quick_links"), None)
        if links is None or any(link["page"] and link["page"].pk == form_page.pk for link in links.value["links"]):
            return
        links.value["links"].append(
            links.block.child_blocks["links"].child_block.to_python(
                {"title": "依申请公开", "page": form_page.pk, "url": ""}
            )
        )
        self.home.save_revision().publish(log_action=False)

    def new_section(self):
        section = DisclosureIndexPage(title="政府信息公开", slug="zfxxgk", show_in_menus=True, update_category="basic")
        self.home.add_child(instance=section)
        section.save_revision().publish()
        return section

    def request_page(self, section):
        page = DisclosureRequestPage.objects.descendant_of(self.home).first()
        if page is None:
            page = DisclosureRequestPage(
                title="依申请公开",
                slug="ysqgk",
                intro="<p>公民、法人或者其他组织可以通过本页面向本机关申请获取政府信息。请如实填写申请人信息和所需信息的内容描述，"
                "我们将在收到申请之日起20个工作日内答复。</p>",
                office=f"{self.site.site_name}政务公开办公室",
                office_contact=f"电话 {self.home.phone}　地址 {self.home.address}".strip(),
            )
            section.add_child(instance=page)
            page.save_revision().publish()
        return page

    def column(self, *paths):
        for path in paths:
            page = self.home
            for slug in path.split("/"):
                page = ColumnPage.objects.child_of(page).filter(slug=slug).first()
                if page is None:
                    break
            if page is not None:
                return page.specific
        return None

    def documents(self, section):
        topics = {
            name: TopicCategory.objects.get_or_create(name=name, defaults={"sort_order": n})[0]
            for n, name in enumerate(TOPICS)
        }
        kinds = {
            name: DocumentKind.objects.get_or_create(name=name, defaults={"sort_order": n})[0]
            for n, name in enumerate(KINDS)
        }
        documents_column = self.column("zcwj/zfwj", "wjtz") or self.column("zfxxgk/fdzdgk")
        interpretations_column = self.column("zcwj/zcjd") or documents_column
        department = Department.objects.filter(site=self.site).order_by("pk").first()
        name, code = self.site.site_name, (department.code if department else "")
        short = name.replace("人民政府", "政").replace("市", "").replace("县", "")[:4]
        year = self.today.year
        specs = [
            {
                "title": f"{name}关于进一步推进全民健身设施免费开放的通知",
                "document_number": f"{short}发〔{year}〕8号",
                "written_on": date(year, 3, 12),
                "topic": topics["卫生、体育"],
                "kind": kinds["通知"],
                "report_category": "normative",
                "summary": "明确公共体育场馆免费或低收费开放的时段、范围和保障措施。",
                "paragraphs": [
                    "各有关单位：",
                    "为满足人民群众日益增长的健身需求，现就进一步推进公共体育设施免费或低收费开放有关事项通知如下。",
                    "一、政府投资建设的公共体育场馆每周免费开放时间不少于35小时，全民健身日全天免费开放。",
                    "二、各单位应于每年1月底前向社会公布开放时段、项目和收费标准，并在政府网站同步公开。",
                    "三、本通知自印发之日起施行，有效期5年。",
                ],
                "interpretation": "图表解读：全民健身设施免费开放新规七问七答",
            },
            {
                "title": f"{name}关于印发政务公开工作要点的通知",
                "document_number": f"{short}办发〔{year}〕15号",
                "written_on": date(year, 4, 20),
                "topic": topics["综合政务"],
                "kind": kinds["通知"],
                "summary": "部署本年度政务公开重点任务。",
                "paragraphs": [
                    "现将本年度政务公开工作要点印发给你们，请认真贯彻落实。",
                    "一、推进依法公开，规范依申请公开办理，健全登记、审核、办理、答复、归档制度。",
                    "二、加强政策解读，落实解读材料与政策文件同步起草、同步审签、同步发布。",
                ],
                "interpretation": "一图读懂本年度政务公开工作要点",
            },
            {
                "title": f"{name}体育场地设施管理暂行办法",
                "document_number": f"{short}发〔{year - 6}〕21号",
                "written_on": date(year - 6, 9, 1),
                "topic": topics["卫生、体育"],
                "kind": kinds["办法"],
                "report_category": "normative",
                "validity": "repealed",
                "validity_changed_on": date(year, 3, 12),
                "summary": "已被新的免费开放通知取代。",
                "paragraphs": [
                    "第一条 为加强体育场地设施管理，制定本办法。",
                    "第二条 本办法适用于本行政区域内的公共体育场地设施。",
                ],
            },
            {
                "title": f"{name}内部督查工作规程",
                "document_number": f"{short}办〔{year - 1}〕3号",
                "written_on": date(year - 1, 11, 5),
                "topic": topics["综合政务"],
                "kind": kinds["规定"],
                "disclosure_attribute": "on_request",
                "review_on": self.today + timedelta(days=40),
                "summary": "依申请公开，定期审查公开属性。",
                "paragraphs": ["为规范内部督查工作，制定本规程。"],
            },
        ]
        for spec in specs:
            if PolicyDocumentPage.objects.filter(title=spec["title"]).descendant_of(self.home).exists():
                continue
            paragraphs, interpretation = spec.pop("paragraphs"), spec.pop("interpretation", None)
            document = PolicyDocumentPage(
                issuing_body=name,
                source=name,
                department=department if code else None,
                date=timezone.make_aware(datetime.combine(spec["written_on"] + timedelta(days=3), time(10, 0))),
                body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
                **spec,
            )
            documents_column.add_child(instance=document)
            document.save_revision().publish()
            if interpretation:
                page = InterpretationPage(
                    title=interpretation,
                    document=document,
                    form="chart",
                    source=name,
                    date=document.date,
                    summary=f"对《{document.title}》的解读。",
                    body=[
                        ("paragraph", f"<p>问：《{document.title}》出台的背景是什么？</p>"),
                        ("paragraph", "<p>答：为贯彻落实国家和省有关部署，回应群众关切，制定本文件。</p>"),
                    ],
                )
                interpretations_column.add_child(instance=page)
                page.save_revision().publish()

    # Requests

    def working_days_ago(self, n):
        day = self.today
        while n > 0:
            day -= timedelta(days=1)
            if self.calendar.is_working_day(day):
                n -= 1
        return day

    def new_request(self, page, received_on, applicant, description, department=None):
        applicant_type, kind, name, id_type, id_number = applicant
        request = DisclosureRequest(
            site=self.site,
            department=department,
            received_on=received_on,
            applicant_type=applicant_type,
            organisation_kind=kind,
            name=name,
            contact_person="" if applicant_type == "person" else "李华",
            id_type=id_type,
            id_number=id_number,
            phone="13800000000",
            address="云州市人民路100号",
            description=description,
            provision_form="electronic",
            delivery="post",
        )
        lifecycle.submit(request, page)
        return request

    def requests(self, page):
        staff = self.staff()
        ago = self.working_days_ago
        self.new_request(page, ago(1), APPLICANTS[0], "本年度全民健身设施免费开放场馆名单及开放时间。")

        waiting = self.new_request(page, ago(6), APPLICANTS[1], "有关建设项目的审批材料。")
        if staff:
            lifecycle.accept(waiting, staff, on=ago(5))
            lifecycle.request_supplement(waiting, staff, 15, "请写明建设项目的名称、地址和大致审批年份。", on=ago(4))

            consulting = self.new_request(page, ago(12), APPLICANTS[2], "某体育产业园区招商协议文本。")
            lifecycle.accept(consulting, staff, on=ago(11))
            lifecycle.start_consultation(
                consulting, staff, "涉及第三方商业信息，书面征求云州体育产业发展有限公司意见。", on=ago(8)
            )

            extended = self.new_request(
                page, ago(30), APPLICANTS[3], f"近五年{self.site.site_name}体育彩票公益金使用情况。"
            )
            lifecycle.accept(extended, staff, on=ago(29))
            lifecycle.extend(extended, staff, 20, "所需信息涉及多个年度、多个单位，需要汇总核实。", on=ago(15))

            replied = self.new_request(page, ago(25), APPLICANTS[4], "本年度体育场馆维修经费预算。")
            lifecycle.accept(replied, staff, on=ago(24))
            lifecycle.reply(
                replied, staff, Outcome.DISCLOSED, "您申请的信息已主动公开，详见本机关网站“财政预决算”栏目。", on=ago(8)
            )
        withdrawn = self.new_request(page, ago(20), APPLICANTS[0], "某次会议纪要。")
        lifecycle.withdraw(withdrawn, "已通过其他途径获得", on=ago(15))
        if staff:
            self.last_year_requests(page, staff)

    def last_year_requests(self, page, staff):
        year = self.today.year - 1
        handled = [
            (date(year, 3, 3), APPLICANTS[0], Outcome.DISCLOSED, 12),
            (date(year, 4, 10), APPLICANTS[1], Outcome.PARTLY, 18),
            (date(year, 6, 5), APPLICANTS[3], Outcome.NOT_HELD, 10),
            (date(year, 9, 1), APPLICANTS[4], Outcome.THIRD_PARTY, 15),
            (date(year, 10, 12), APPLICANTS[2], Outcome.REPEATED, 5),
            (date(year, 12, 22), APPLICANTS[0], Outcome.DISCLOSED, 14),  # replied in the new year
        ]
        for received_on, applicant, outcome, days in handled:
            request = self.new_request(page, received_on, applicant, "往年申请的政府信息。")
            lifecycle.accept(request, staff, on=received_on)
            lifecycle.reply(request, staff, outcome, "答复内容见告知书。", on=received_on + timedelta(days=days))

    def annual_report(self, section):
        year = self.today.year - 1
        column = ColumnPage.objects.child_of(section).filter(slug="gknb").first()
        if column is None or AnnualReportPage.objects.descendant_of(self.home).filter(year=year).exists():
            return
        name = self.site.site_name
        page = AnnualReportPage(
            title=f"{name}{year}年政府信息公开工作年度报告",
            year=year,
            date=timezone.make_aware(datetime(year + 1, 1, 20, 9, 0)),
            source=name,
            summary=f"本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自{year}年1月1日至12月31日。",
            body=[
                (
                    "paragraph",
                    f"<p>{year}年，{name}深入贯彻《中华人民共和国政府信息公开条例》，围绕中心工作推进决策、执行、管理、服务、结果公开，"
                    "规范依申请公开办理，加强政策解读和回应关切，政务公开工作取得新进展。</p>",
                ),
            ],
            licensing_decisions=86,
            penalty_decisions=12,
            coercion_decisions=1,
            review_upheld=1,
            problems="<p>政策解读形式还不够丰富，部分栏目更新不够及时。下一步将加强解读材料审核，健全栏目更新巡查机制。</p>",
            other_matters="<p>本年度未收取信息处理费。</p>",
        )
        column.add_child(instance=page)
        page.save_revision().publish()


def promote_to_disclosure_index(column):
    """Turn a site's plain 政府信息公开 column (made before this feature existed) into a
    DisclosureIndexPage in place, keeping its id, URL, children and revisions."""
    index = DisclosureIndexPage(columnpage_ptr=column)
    index.__dict__.update({k: v for k, v in column.__dict__.items() if not k.startswith("_")})
    index.save_base(raw=True)  # adds only the disclosure row; the page and column rows exist
    ColumnPage.objects.filter(pk=column.pk).update(content_type=ContentType.objects.get_for_model(DisclosureIndexPage))
    index = DisclosureIndexPage.objects.get(pk=column.pk)
    index.save_revision().publish()
    return index
