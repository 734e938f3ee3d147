"""依申请公开: a request, and the recorded steps of its handling (who, when, what, why)."""

import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from casework.storage import private_storage
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
from home.scoping import SiteOwned
from home.submissions import QueryCodeMixin


def upload_path(instance, filename):
    return f"disclosure/{timezone.localdate():%Y/%m}/{secrets.token_hex(8)}-{filename[-60:]}"


class NumberCounter(models.Model):
    """The last number handed out in one series (requests of a site and year, letters of a
    year). Locking its row makes concurrent submissions take turns, so two never get the
    same number on PostgreSQL (SQLite's IMMEDIATE transactions serialise them anyway)."""

    key = models.CharField("编号序列", max_length=60, unique=True)
    value = models.PositiveIntegerField("已用到", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "编号计数器"

    def __str__(self):
        return f"{self.key}: {self.value}"


def next_number(key, highest_used):
    """The next number of the series `key`: one past both its counter and `highest_used()`
    (the highest number already stored, so numbers given by other means are never reused).
    Runs in its own transaction when called outside one; inside one the counter row stays
    locked until that transaction ends, so the number is taken once its record is saved."""
    with transaction.atomic():
        counter = NumberCounter.objects.select_for_update().filter(key=key).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = NumberCounter.objects.create(key=key)
            except IntegrityError:  # another submission created it meanwhile: wait for its lock
                counter = NumberCounter.objects.select_for_update().get(key=key)
        counter.value = max(counter.value, highest_used()) + 1
        counter.save(update_fields=["value"])
        return counter.value


class DisclosureRequest(QueryCodeMixin, SiteOwned):
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

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.REGISTERED)
    outcome = models.CharField("办理结果", max_length=4, choices=Outcome.choices, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["site", "number"], name="disclosure_request_number_per_site")]
        permissions = [("approve_extension", "批准延期答复（信息公开工作机构负责人）")]

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def report_column(self):
        """The applicant column of the annual report's Table 三."""
        if self.applicant_type == ApplicantType.PERSON:
            return "person"
        return self.organisation_kind or OrganisationKind.OTHER

    def assign_number(self):
        """YSQ<year><5 digits>, one series per site and year, unique under concurrent submissions."""
        prefix = f"YSQ{self.received_on.year}"

        def highest_used():
            last = (
                DisclosureRequest.objects.filter(site_id=self.site_id, number__startswith=prefix)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
            )
            return int(last[len(prefix) :]) if last and last[len(prefix) :].isdigit() else 0

        self.number = f"{prefix}{next_number(f'disclosure:{self.site_id}:{prefix}', highest_used):05d}"

    def deadline(self, today=None, calendar=None):
        """calendar: a WorkCalendar to share across requests (it reads each year's holidays once)."""
        from disclosure.deadlines import compute_deadline

        return compute_deadline(self.received_on, self.events.all(), today or timezone.localdate(), calendar)

    def last_event(self, kind):
        return self.events.filter(kind=kind).order_by("-on", "-pk").first()


class RequestEvent(models.Model):
    """One recorded step of a request's handling."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("步骤", max_length=24, choices=EventKind.choices)
    on = models.DateField("生效日期", default=timezone.localdate)
    at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="经办人",
    )
    actor_label = models.CharField("经办人", max_length=60, blank=True, help_text="申请人或系统办理时填写")
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

    @property
    def actor_name(self):
        if self.actor_id:
            return self.actor.get_full_name() or self.actor.get_username()
        return self.actor_label
