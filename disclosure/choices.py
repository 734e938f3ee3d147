"""The fixed vocabularies of the regulation and of the national annual-report format
(国办公开办函〔2021〕30号). Outcomes are the rows of Table 三, so they are not editable."""

from django.db import models


class ApplicantType(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class OrganisationKind(models.TextChoices):
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    CHARITY = "charity", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER = "other", "其他"


# The applicant columns of Table 三, in the order of the national format.
REPORT_COLUMNS = [("person", "自然人")] + [(kind.value, kind.label) for kind in OrganisationKind]


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    CREDIT_CODE = "credit_code", "统一社会信用代码证书"
    OTHER = "other", "其他有效证件"


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面申请"
    POST = "post", "信函申请"
    FAX = "fax", "传真申请"


class ProvisionForm(models.TextChoices):
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文本"
    DISC = "disc", "光盘等存储介质"
    OTHER = "other", "其他"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICK_UP = "pick_up", "当面领取"
    FAX = "fax", "传真"


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    ACCEPTED = "accepted", "办理中"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    REPLIED = "replied", "已答复"
    GIVEN_UP = "given_up", "逾期未补正，已终止"
    FEE_UNPAID = "fee_unpaid", "逾期未缴费，已终止"
    WITHDRAWN = "withdrawn", "申请人已撤回"
    ARCHIVED = "archived", "已归档"


OPEN_STATUSES = (
    Status.REGISTERED,
    Status.ACCEPTED,
    Status.AWAITING_SUPPLEMENT,
    Status.CONSULTING,
    Status.AWAITING_FEE,
)


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记"
    ACCEPTED = "accepted", "受理"
    SUPPLEMENT_REQUESTED = "supplement_requested", "告知补正"
    SUPPLEMENTED = "supplemented", "申请人补正"
    GIVEN_UP = "given_up", "逾期未补正，终止办理"
    CONSULTATION_STARTED = "consultation_started", "征求意见"
    CONSULTATION_ENDED = "consultation_ended", "征求意见结束"
    EXTENDED = "extended", "延期答复"
    FEE_NOTIFIED = "fee_notified", "收费通知"
    FEE_PAID = "fee_paid", "申请人已缴费"
    FEE_UNPAID = "fee_unpaid", "逾期未缴费，终止办理"
    REPLIED = "replied", "答复"
    ARCHIVED = "archived", "归档"
    WITHDRAWN = "withdrawn", "申请人撤回"


class Outcome(models.TextChoices):
    """Rows of Table 三（一）–（六）; the code's prefix is the row group."""

    DISCLOSED = "1", "予以公开"
    PARTLY = "2", "部分公开"
    SECRET = "3.1", "不予公开：属于国家秘密"
    FORBIDDEN_BY_LAW = "3.2", "不予公开：其他法律行政法规禁止公开"
    SAFETY = "3.3", "不予公开：危及“三安全一稳定”"
    THIRD_PARTY = "3.4", "不予公开：保护第三方合法权益"
    INTERNAL = "3.5", "不予公开：属于三类内部事务信息"
    PROCESS = "3.6", "不予公开：属于四类过程性信息"
    ENFORCEMENT_FILE = "3.7", "不予公开：属于行政执法案卷"
    QUERY = "3.8", "不予公开：属于行政查询事项"
    NOT_HELD = "4.1", "无法提供：本机关不掌握相关政府信息"
    NEEDS_CREATION = "4.2", "无法提供：没有现成信息需要另行制作"
    STILL_UNCLEAR = "4.3", "无法提供：补正后申请内容仍不明确"
    PETITION = "5.1", "不予处理：信访举报投诉类申请"
    REPEATED = "5.2", "不予处理：重复申请"
    PUBLICATION = "5.3", "不予处理：要求提供公开出版物"
    EXCESSIVE = "5.4", "不予处理：无正当理由大量反复申请"
    CONFIRMATION = "5.5", "不予处理：要求行政机关确认或重新出具已获取信息"
    NO_SUPPLEMENT = "6.1", "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    FEE_UNPAID = "6.2", "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    OTHER = "6.3", "其他处理：其他"


# Outcomes staff choose when replying; 6.1 and withdrawal are recorded by their own steps.
REPLY_OUTCOMES = [(o.value, o.label) for o in Outcome if o not in (Outcome.NO_SUPPLEMENT, Outcome.FEE_UNPAID)]


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class ReportCategory(models.TextChoices):
    """The document kinds counted in Table 二 (第二十条第（一）项)."""

    REGULATION = "regulation", "规章"
    NORMATIVE = "normative", "行政规范性文件"
