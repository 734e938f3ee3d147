"""依申请公开: a request, and the recorded steps of its handling (who, when, what, why)."""

import secrets

from django.db import models
from django.utils import timezone

from casework.models import Case, CaseEvent
from casework.numbering import highest_in_series, next_number
from casework.storage import private_storage
from casework.transitions import FSMField, citizen_only, step, transition
from disclosure.choices import (
    OPEN_STATUSES,
    ApplicantType,
    Channel,
    Delivery,
    EventKind,
    IdType,
    OrganisationKind,
    Outcome,
    ProvisionForm,
    Status,
)

HANDLE = "disclosure.change_disclosurerequest"
EXTEND = "disclosure.approve_extension"
CLOSED_STATUSES = [Status.REPLIED, Status.GIVEN_UP, Status.FEE_UNPAID, Status.WITHDRAWN]


def upload_path(instance, filename):
    return f"disclosure/{timezone.localdate():%Y/%m}/{secrets.token_hex(8)}-{filename[-60:]}"


class DisclosureRequest(Case):
    """A request for government information. Holds personal data: never shown on public pages,
    never indexed for search, never exposed through the API or to staff of another site."""

    department = models.ForeignKey(
        "home.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="承办单位"
    )
    number = models.CharField("申请编号", max_length=20, editable=False)
    query_code_hash = models.CharField(max_length=128, editable=False)
    channel = models.CharField("申请方式", max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField("收到申请日期", default=timezone.localdate)

    applicant_type = models.CharField("申请人类型", max_length=12, choices=ApplicantType.choices)
    organisation_kind = models.CharField(
        "法人或其他组织类别", max_length=12, choices=OrganisationKind.choices, blank=True
    )
    name = models.CharField("申请人姓名或名称", max_length=100)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    id_type = models.CharField("证件类型", max_length=12, choices=IdType.choices)
    id_number = models.CharField("证件号码", max_length=30)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    description = models.TextField("所需政府信息的名称或内容描述", max_length=2000)
    document_number = models.CharField("文件名称或文号", max_length=120, blank=True)
    provision_form = models.CharField("提供形式", max_length=12, choices=ProvisionForm.choices)
    delivery = models.CharField("获取方式", max_length=12, choices=Delivery.choices)
    attachment = models.FileField("附件", upload_to=upload_path, storage=private_storage, blank=True)

    status = FSMField("状态", max_length=20, choices=Status.choices, default=Status.REGISTERED)
    outcome = models.CharField("办理结果", max_length=4, choices=Outcome.choices, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["site", "number"], name="disclosure_request_number_per_site")]
        permissions = [("approve_extension", "批准延期答复（信息公开工作机构负责人）")]

    OPEN_STATUSES = OPEN_STATUSES
    DUE_PREFETCH = ("events",)

    @property
    def report_column(self):
        """The applicant column of the annual report's Table 三."""
        if self.applicant_type == ApplicantType.PERSON:
            return "person"
        return self.organisation_kind or OrganisationKind.OTHER

    def assign_number(self):
        """YSQ<year><5 digits>, one series per site and year, unique under concurrent submissions."""
        prefix = f"YSQ{self.received_on.year}"
        series = DisclosureRequest.objects.filter(site_id=self.site_id)
        number = next_number(f"disclosure:{self.site_id}:{prefix}", lambda: highest_in_series(series, prefix))
        self.number = f"{prefix}{number:05d}"

    def deadline(self, today=None, calendar=None):
        """calendar: a WorkCalendar to share across requests (it reads each year's holidays once)."""
        from disclosure.deadlines import compute_deadline

        return compute_deadline(self.received_on, self.events.all(), today or timezone.localdate(), calendar)

    def compute_due(self, today=None, calendar=None):
        # While a consultation or an unpaid fee stops the clock the due date moves on each working
        # day: disclosure.tasks refreshes those requests daily.
        return self.deadline(today, calendar).due

    def last_event(self, kind):
        return self.events.filter(kind=kind).order_by("-on", "-pk").first()

    # The transition table (casework.transitions): state -> step -> next state, and who may take
    # it. disclosure.lifecycle takes the steps after checking what the law adds (time limits,
    # once only); the admin offers only the steps allowed now.

    @transition(status, Status.REGISTERED, Status.ACCEPTED, permission=HANDLE, custom=step("受理"))
    def accept(self):
        pass

    @transition(
        status,
        [Status.REGISTERED, Status.ACCEPTED],
        Status.AWAITING_SUPPLEMENT,
        permission=HANDLE,
        custom=step("告知补正"),
    )
    def supplement(self):
        pass

    @transition(status, Status.AWAITING_SUPPLEMENT, Status.ACCEPTED, permission=citizen_only, custom=step("申请人补正"))
    def supplemented(self):
        pass

    @transition(
        status, Status.AWAITING_SUPPLEMENT, Status.GIVEN_UP, permission=HANDLE, custom=step("逾期未补正，终止办理")
    )
    def give_up(self):
        pass

    @transition(status, Status.ACCEPTED, Status.CONSULTING, permission=HANDLE, custom=step("征求意见"))
    def consult(self):
        pass

    @transition(status, Status.CONSULTING, Status.ACCEPTED, permission=HANDLE, custom=step("征求意见结束"))
    def end_consult(self):
        pass

    @transition(
        status, [Status.ACCEPTED, Status.CONSULTING], None, permission=EXTEND, custom=step("延期答复（负责人批准）")
    )
    def extend(self):
        pass

    @transition(status, Status.ACCEPTED, Status.AWAITING_FEE, permission=HANDLE, custom=step("收费通知"))
    def fee(self):
        pass

    @transition(status, Status.AWAITING_FEE, Status.ACCEPTED, permission=HANDLE, custom=step("已缴费"))
    def fee_paid(self):
        pass

    @transition(status, Status.AWAITING_FEE, Status.FEE_UNPAID, permission=HANDLE, custom=step("逾期未缴费，终止办理"))
    def fee_unpaid(self):
        pass

    @transition(status, [Status.REGISTERED, Status.ACCEPTED], Status.REPLIED, permission=HANDLE, custom=step("答复"))
    def reply(self):
        pass

    @transition(status, CLOSED_STATUSES, Status.ARCHIVED, permission=HANDLE, custom=step("归档"))
    def archive(self):
        pass

    @transition(status, list(OPEN_STATUSES), Status.WITHDRAWN, permission=citizen_only, custom=step("申请人撤回"))
    def withdraw(self):
        pass


class RequestEvent(CaseEvent):
    """One recorded step of a request's handling."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("步骤", max_length=24, choices=EventKind.choices)
    on = models.DateField("生效日期", default=timezone.localdate)
    at = models.DateTimeField("记录时间", auto_now_add=True)
    reason = models.TextField("说明", blank=True)
    days = models.PositiveSmallIntegerField("工作日数", null=True, blank=True)
    until = models.DateField("期限", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=4, choices=Outcome.choices, blank=True)
    letter = models.TextField("告知书正文", blank=True)
    amount = models.PositiveIntegerField("收费金额（元）", null=True, blank=True)
    attachment = models.FileField("附件", upload_to=upload_path, storage=private_storage, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.request.number} {self.get_kind_display()} {self.on:%Y-%m-%d}"
