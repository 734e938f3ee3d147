"""The report in the layout of the national table (政府网站工作年度报表, 国办函〔2018〕12号): sections
of (item, value) rows, shared by the page, the XLSX and the PDF. Figures come from the page's
generated `figures`; what only the editors know, from the page's own fields."""

from dataclasses import dataclass, field


@dataclass
class Section:
    title: str
    rows: list = field(default_factory=list)

    def add(self, label, value, level=0):
        self.rows.append((label, value, level))
        return self


def _yes(value):
    return "是" if value else "否"


def _count(value):
    return 0 if value is None else value


def report_table(page):
    f = page.figures or {}
    ident, visits, pub = f.get("identity", {}), f.get("visits", {}), f.get("published", {})
    topics, disc, inter = f.get("topics", {}), f.get("disclosure", {}), f.get("interaction", {})
    fb, sec, qa = f.get("feedback", {}), f.get("security", {}), f.get("answers", {})
    g = _count

    sections = [
        Section("网站基本信息")
        .add("网站名称", ident.get("name", ""))
        .add("首页网址", ident.get("url", ""))
        .add("主办单位", ident.get("organiser", ""))
        .add("承办单位", ident.get("undertaker", ""))
        .add("网站类型", page.get_site_type_display())
        .add("政府网站标识码", ident.get("site_code", ""))
        .add("ICP备案号", ident.get("icp_number", ""))
        .add("公安机关备案号", ident.get("police_number", "")),
        Section("网站访问")
        .add("独立用户访问总量（单位：个）", "不统计（平台不记录访客地址和Cookie）")
        .add("网站总访问量（单位：次）", g(visits.get("visits")))
        .add("页面浏览总量（单位：次）", g(visits.get("views"))),
        Section("信息发布（单位：条）")
        .add("总数", g(pub.get("total")))
        .add("概况类信息更新量", g(pub.get("overview")), 1)
        .add("政务动态信息更新量", g(pub.get("news")), 1)
        .add("信息公开目录信息更新量", g(pub.get("catalog")), 1),
    ]
    by_kind = Section("信息发布：按信息类型（单位：条）")
    for label, n in pub.get("by_kind", []):
        by_kind.add(label, n, 1)
    by_column = Section("信息发布：按一级栏目（单位：条）")
    for label, n in pub.get("by_column", []):
        by_column.add(label, n, 1)
    sections += [by_kind, by_column]
    sections += [
        Section("专栏专题")
        .add("维护数量（单位：个）", g(topics.get("maintained")))
        .add("新开设数量（单位：个）", g(topics.get("new"))),
        Section("解读回应")
        .add("解读信息发布总数（单位：条）", g(pub.get("interpretation")))
        .add("回应公众关注热点或重大舆情数量（单位：次）", g(pub.get("response"))),
        Section("政府信息公开")
        .add("本年新收政府信息公开申请数量（单位：件）", g(disc.get("requests_new")))
        .add("上年结转申请数量（单位：件）", g(disc.get("requests_carried_in")))
        .add("本年度办结申请数量（单位：件）", g(disc.get("requests_closed")))
        .add("结转下年度继续办理（单位：件）", g(disc.get("requests_carried_out")))
        .add("本年制发规章和规范性文件（单位：件）", g(disc.get("documents_made")))
        .add("现行有效规章和规范性文件（单位：件）", g(disc.get("documents_in_force"))),
        Section("办事服务")
        .add("是否发布服务事项目录", _yes(page.service_items))
        .add("注册用户数（单位：个）", page.registered_users)
        .add("政务服务事项数量（单位：项）", page.service_items)
        .add("可全程在线办理政务服务事项数量（单位：项）", page.online_service_items),
        Section("互动交流")
        .add("是否使用统一平台", "是")
        .add("留言办理：收到留言数量（单位：条）", g(inter.get("letters_received")), 1)
        .add("留言办理：办结留言数量（单位：条）", g(inter.get("letters_answered")), 1)
        .add("留言办理：平均办理时间（单位：工作日）", g(inter.get("letters_average_days")), 1)
        .add("留言办理：公开答复数量（单位：条）", g(inter.get("letters_public")), 1)
        .add("征集调查：征集调查期数（单位：期）", g(inter.get("surveys")) + g(inter.get("consultations")), 1)
        .add("征集调查：收到意见数量（单位：条）", g(inter.get("survey_answers")) + g(inter.get("opinions")), 1)
        .add(
            "征集调查：公布调查结果期数（单位：期）",
            g(inter.get("survey_results")) + g(inter.get("consultation_results")),
            1,
        )
        .add("在线访谈：访谈期数（单位：期）", g(inter.get("interviews")), 1)
        .add("在线访谈：网民留言数量（单位：条）", g(inter.get("interview_questions")), 1)
        .add("在线访谈：答复网民提问数量（单位：条）", g(inter.get("interview_answers")), 1)
        .add("我为政府网站找错：收到报告数量（单位：条）", g(fb.get("received")), 1)
        .add("我为政府网站找错：答复数量（单位：条）", g(fb.get("answered")), 1)
        .add("我为政府网站找错：按期答复数量（单位：条）", g(fb.get("on_time")), 1)
        .add("是否提供智能问答", _yes(qa.get("offered")))
        .add("智能问答：提问数量（单位：次）", g(qa.get("asked")), 1)
        .add("智能问答：解答数量（单位：次）", g(qa.get("answered")), 1),
        Section("站内搜索").add("站内搜索次数（单位：次）", g(visits.get("searches"))),
        Section("安全防护")
        .add("安全检测评估次数（单位：次）", page.security_assessments)
        .add("发现问题数量（单位：个）", g(sec.get("findings")))
        .add("问题整改数量（单位：个）", g(sec.get("fixed")))
        .add("是否建立安全监测预警机制", _yes(page.warning_mechanism))
        .add("是否开展应急演练", _yes(page.emergency_drills))
        .add("是否明确网站安全责任人", _yes(page.security_officer)),
        Section("移动新媒体")
        .add("是否有移动新媒体", _yes(page.weibo_name or page.wechat_name or page.other_media))
        .add("微博：名称", page.weibo_name or "—", 1)
        .add("微博：信息发布量（单位：条）", page.weibo_posts, 1)
        .add("微博：关注量（单位：个）", page.weibo_followers, 1)
        .add("微信：名称", page.wechat_name or "—", 1)
        .add("微信：信息发布量（单位：条）", page.wechat_posts, 1)
        .add("微信：订阅数（单位：个）", page.wechat_subscribers, 1)
        .add("其他", page.other_media or "—", 1),
        Section("创新发展")
        .add("搜索即服务", "是")
        .add("多语言版本", _yes(f.get("mirrors")))
        .add("无障碍浏览（无障碍工具条）", "是")
        .add("适老化（长者模式）", "是")
        .add("IPv6访问", _yes(page.ipv6)),
        Section("填报信息")
        .add("单位负责人", page.head or "—")
        .add("审核人", page.reviewer or "—")
        .add("填报人", page.filler or "—")
        .add("联系电话", page.contact_phone or "—"),
    ]
    return [s for s in sections if s.rows]
