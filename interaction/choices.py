"""Fixed vocabularies of the interaction features."""

from django.db import models


class LetterCategory(models.TextChoices):
    CONSULT = "consult", "咨询"
    SUGGEST = "suggest", "建议"
    COMPLAIN = "complain", "投诉"
    HELP = "help", "求助"
    OTHER = "other", "其他"


class MailboxKind(models.TextChoices):
    LEADER = "leader", "领导信箱"
    CONSULT = "consult", "在线咨询"
    COMPLAINT = "complaint", "投诉举报"


class LetterStatus(models.TextChoices):
    NEW = "new", "待受理"
    DECLINED = "declined", "不予受理"
    HANDLING = "handling", "办理中"
    REVIEW = "review", "待审核"
    APPROVED = "approved", "审核通过，待发送"
    REPLIED = "replied", "已答复"


OPEN_LETTER_STATUSES = (LetterStatus.NEW, LetterStatus.HANDLING, LetterStatus.REVIEW, LetterStatus.APPROVED)


class LetterEventKind(models.TextChoices):
    SUBMITTED = "submitted", "来信登记"
    ACCEPTED = "accepted", "受理"
    DECLINED = "declined", "不予受理"
    ASSIGNED = "assigned", "交办"
    TRANSFERRED = "transferred", "转办"
    DRAFTED = "drafted", "拟写答复"
    SENT_BACK = "sent_back", "审核退回"
    APPROVED = "approved", "审核通过"
    EXTENDED = "extended", "延期"
    REPLIED = "replied", "答复"
    HIDDEN = "hidden", "不予公开"
    PUBLIC_EDITED = "pub_edited", "编辑公开版本"
    PUBLIC_APPROVED = "pub_approved", "公开版本审核通过"
