"""领导信箱 / 在线咨询 / 投诉举报: the mailbox page of a site, the letters citizens write and
the recorded steps of their handling (who, when, why)."""

import secrets

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from casework.models import Case, CaseEvent, CaseQuerySet
from casework.numbering import highest_in_series, next_number
from casework.storage import private_storage
from casework.transitions import RETURN_VALUE, FSMField, step, transition
from home.blocks import RICH_TEXT_FEATURES
from home.models.pages import BasePage
from interaction.choices import OPEN_LETTER_STATUSES, LetterCategory, LetterEventKind, LetterStatus, MailboxKind

HANDLE = "interaction.change_letter"
REVIEW = "interaction.review_letter"


def upload_path(instance, filename):
    return f"interaction/{timezone.localdate():%Y/%m}/{secrets.token_hex(8)}-{filename[-60:]}"


class MailboxPage(RoutablePageMixin, BasePage):
    """A mailbox of a site (市长信箱, 局长信箱, 在线咨询…): the letter form, the receipt with the
    letter number and query code, tracking, and the public list of published replies."""

    kind = models.CharField("信箱类型", max_length=12, choices=MailboxKind.choices, default=MailboxKind.LEADER)
    addressee = models.CharField("收信人", max_length=40, blank=True, help_text="如：市长、局长")
    intro = RichTextField("写信须知", features=RICH_TEXT_FEATURES, blank=True)
    notify_email = models.EmailField("新来信通知邮箱", blank=True, help_text="除本站经办人员外另行通知的邮箱")

    parent_page_types = ["home.HomePage", "home.ColumnPage"]
    subpage_types = []
    template = "interaction/mailbox_page.html"
    standard_column_type = "咨询投诉"  # ColumnType of the web page norms (home.page_meta)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("addressee")]),
        FieldPanel("intro"),
        FieldPanel("notify_email"),
    ]

    class Meta:
        verbose_name = "信箱"
        verbose_name_plural = "信箱"

    def published_letters(self):
        return Letter.objects.published().filter(mailbox=self)

    @path("")
    def form_route(self, request):
        from interaction.views.letters import letter_form

        return letter_form(self, request)

    @path("thanks/")
    def thanks_route(self, request):
        from interaction.views.letters import thanks

        return thanks(self, request)

    @path("track/")
    def track_route(self, request):
        from interaction.views.letters import track

        return track(self, request)

    @path("track/logout/")
    def logout_route(self, request):
        from interaction.views.letters import log_out

        return log_out(self, request)

    @path("replies/")
    def replies_route(self, request):
        from interaction.views.letters import replies

        return replies(self, request)


class LetterQuerySet(CaseQuerySet):
    def published(self):
        """Replied letters whose writers agreed to publication and that staff did not withhold."""
        return self.filter(
            status=LetterStatus.REPLIED, publish_consent=True, public=True, public_approved_at__isnull=False
        ).order_by("-replied_on", "-pk")


class Letter(Case):
    """A letter from a citizen. Holds personal data: never on public pages, never indexed for
    search, never in the API, never shown to staff of another site."""

    mailbox = models.ForeignKey(
        MailboxPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="letters", verbose_name="信箱"
    )
    number = models.CharField("信件编号", max_length=20, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=128, editable=False)
    received_on = models.DateField("收信日期", default=timezone.localdate)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    category = models.CharField("来信类别", max_length=10, choices=LetterCategory.choices)
    subject = models.CharField("标题", max_length=100)
    content = models.TextField("来信内容", max_length=3000)
    attachment = models.FileField("附件", upload_to=upload_path, storage=private_storage, blank=True)
    publish_consent = models.BooleanField("同意公开", default=False)
    flagged_words = models.CharField("命中敏感词", max_length=300, blank=True)

    status = FSMField("状态", max_length=10, choices=LetterStatus.choices, default=LetterStatus.NEW)
    department = models.ForeignKey(
        "home.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="承办单位"
    )
    due_on = models.DateField("办理期限")
    extension_days = models.PositiveSmallIntegerField("延长工作日数", default=0)
    reply = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    public = models.BooleanField("公开答复", default=True, help_text="写信人同意公开时，答复是否在公开列表中显示")
    # 公开版本: the public list shows this, never the letter itself. Staff edit it with personal data
    # removed (pre-filled by home.personal_data) and a reviewer approves it.
    public_subject = models.CharField("公开标题", max_length=100, blank=True)
    public_content = models.TextField("公开的来信内容", max_length=3000, blank=True)
    public_reply = models.TextField("公开的答复内容", blank=True)
    public_approved_at = models.DateTimeField("公开版本审核通过时间", null=True, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = "来信"
        verbose_name_plural = "来信"
        ordering = ["-received_on", "-pk"]
        permissions = [("review_letter", "审核来信答复")]

    OPEN_STATUSES = OPEN_LETTER_STATUSES

    def compute_due(self, today=None, calendar=None):
        from interaction.letters import due_date

        return due_date(self.received_on, self.extension_days, calendar)

    def assign_number(self):
        """XJ<year><6 digits>, one series for the platform per year, unique under concurrent
        submissions (casework.numbering)."""
        prefix = f"XJ{self.received_on:%Y}"
        number = next_number(f"letter:{prefix}", lambda: highest_in_series(Letter.objects.all(), prefix))
        self.number = f"{prefix}{number:06d}"

    def last_event(self, kind):
        return self.events.filter(kind=kind).order_by("-at", "-pk").first()

    # The transition table (casework.transitions): state -> step -> next state, who may take it
    # and on what condition, and the event the writer sees on the tracking page (`tracked`).
    # interaction.letters takes the steps; the admin offers only those allowed now for the user.

    @transition(
        status,
        LetterStatus.NEW,
        LetterStatus.HANDLING,
        permission=HANDLE,
        custom=step("受理", tracked=LetterEventKind.ACCEPTED),
    )
    def accept(self):
        pass

    @transition(
        status,
        LetterStatus.NEW,
        LetterStatus.DECLINED,
        permission=HANDLE,
        custom=step("不予受理", tracked=LetterEventKind.DECLINED),
    )
    def decline(self):
        pass

    @transition(status, LetterStatus.HANDLING, None, permission=HANDLE, custom=step("交办"))
    def assign(self):
        pass

    @transition(
        status,
        [LetterStatus.NEW, LetterStatus.HANDLING],
        RETURN_VALUE(LetterStatus.HANDLING, LetterStatus.NEW),
        permission=HANDLE,
        custom=step("转办", tracked=LetterEventKind.TRANSFERRED),
    )
    def transfer(self, to_other_site=False):
        return LetterStatus.NEW if to_other_site else LetterStatus.HANDLING

    @transition(
        status,
        LetterStatus.HANDLING,
        LetterStatus.REVIEW,
        permission=HANDLE,
        conditions=[lambda letter: letter.department_id is not None],
        custom=step("拟写答复，提交审核"),
    )
    def draft(self):
        pass

    @transition(status, LetterStatus.REVIEW, LetterStatus.APPROVED, permission=REVIEW, custom=step("审核通过"))
    def approve(self):
        pass

    @transition(status, LetterStatus.REVIEW, LetterStatus.HANDLING, permission=REVIEW, custom=step("退回修改"))
    def send_back(self):
        pass

    @transition(
        status,
        LetterStatus.APPROVED,
        LetterStatus.REPLIED,
        permission=HANDLE,
        custom=step("发送答复", tracked=LetterEventKind.REPLIED),
    )
    def send(self):
        pass

    @transition(
        status,
        list(OPEN_LETTER_STATUSES),
        None,
        permission=HANDLE,
        conditions=[lambda letter: not letter.extension_days],
        custom=step("延期", tracked=LetterEventKind.EXTENDED),
    )
    def extend(self):
        pass

    @transition(
        status,
        LetterStatus.REPLIED,
        None,
        permission=HANDLE,
        conditions=[lambda letter: letter.publish_consent and letter.public],
        custom=step("编辑公开版本（已按个人信息检测预填，提交后须审核）"),
    )
    def public_version(self):
        pass

    @transition(
        status,
        LetterStatus.REPLIED,
        None,
        permission=HANDLE,
        conditions=[lambda letter: letter.publish_consent and letter.public],
        custom=step("不予公开"),
    )
    def withhold(self):
        pass

    @transition(
        status,
        LetterStatus.REPLIED,
        None,
        permission=REVIEW,
        conditions=[lambda letter: bool(letter.public_content) and letter.public_approved_at is None],
        custom=step("审核公开版本"),
    )
    def approve_public(self):
        pass


class LetterEvent(CaseEvent):
    """One recorded step of a letter's handling."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("步骤", max_length=12, choices=LetterEventKind.choices)
    at = models.DateTimeField("时间", default=timezone.now)
    note = models.TextField("说明", blank=True)
    department = models.ForeignKey(
        "home.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="单位"
    )
    to_site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="转至网站"
    )

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.letter.number} {self.get_kind_display()}"
