"""Formal notices (告知书): editable wording, and the PDF issued at each step, kept with the request."""

from django.db import models
from django.utils import timezone

from casework.storage import private_storage


class NoticeKind(models.TextChoices):
    RECEIPT = "receipt", "登记回执"
    SUPPLEMENT = "supplement", "补正告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "征求第三方意见书"
    REPLY = "reply", "答复告知书"
    FEE = "fee", "收费通知书"


class NoticeTemplate(models.Model):
    """The wording of one kind of notice. ${placeholders} are filled from the request and the
    step: ${number} ${name} ${received} ${due} ${agency} ${reason} ${days} ${until} ${outcome}
    ${letter} ${amount} ${date}."""

    kind = models.CharField("告知书", max_length=20, choices=NoticeKind.choices, unique=True)
    title = models.CharField("标题", max_length=60)
    body = models.TextField("正文", help_text="可使用 ${number}、${name}、${received}、${due} 等占位符，见说明。")

    class Meta:
        verbose_name = "告知书模板"
        verbose_name_plural = "告知书模板"

    def __str__(self):
        return self.get_kind_display()


def notice_path(instance, filename):
    return f"disclosure/notices/{timezone.localdate():%Y/%m}/{instance.event.request.number}-{filename}"


class IssuedNotice(models.Model):
    """A notice as issued: later edits of the template do not change it."""

    event = models.OneToOneField("disclosure.RequestEvent", on_delete=models.CASCADE, related_name="notice")
    kind = models.CharField("告知书", max_length=20, choices=NoticeKind.choices)
    title = models.CharField("标题", max_length=60)
    text = models.TextField("正文")
    pdf = models.FileField("PDF", upload_to=notice_path, storage=private_storage)
    issued_at = models.DateTimeField("出具时间", auto_now_add=True)

    class Meta:
        verbose_name = "已出具的告知书"
        verbose_name_plural = "已出具的告知书"

    def __str__(self):
        return f"{self.event.request.number} {self.title}"
