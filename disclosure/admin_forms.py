"""Forms of the staff steps in the admin's request view."""

from django import forms
from django.utils import timezone

from casework.dates import check_step_date
from casework.validators import validate_upload
from disclosure.choices import REPLY_OUTCOMES
from home.widgets import DateInput


class StepForm(forms.Form):
    on = forms.DateField(label="日期", initial=timezone.localdate, widget=DateInput())

    def __init__(self, *args, received_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.received_on = received_on

    def clean_on(self):
        return check_step_date(self.cleaned_data["on"], self.received_on)


class NoteStepForm(StepForm):
    reason = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SupplementStepForm(StepForm):
    reason = forms.CharField(label="需补正的事项（一次性告知）", widget=forms.Textarea(attrs={"rows": 4}))
    period_days = forms.IntegerField(label="补正期限（工作日）", min_value=1, max_value=60, initial=15)


class ConsultationStepForm(StepForm):
    reason = forms.CharField(label="征求意见的对象和事项", widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionStepForm(StepForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 3}))


class FeeStepForm(StepForm):
    amount = forms.IntegerField(label="收费金额（元）", min_value=1)
    reason = forms.CharField(label="收费依据和计算方式", widget=forms.Textarea(attrs={"rows": 3}))


class ReplyStepForm(StepForm):
    outcome = forms.ChoiceField(label="办理结果", choices=[("", "请选择")] + REPLY_OUTCOMES)
    letter = forms.CharField(label="答复告知书正文", widget=forms.Textarea(attrs={"rows": 8}))
    attachment = forms.FileField(
        label="附件（附表、提供的政府信息）",
        required=False,
        help_text="可选。PDF、JPG、PNG、Word、Excel或OFD文件，不超过10MB；申请人在查询页下载。",
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_upload(upload)
        return upload
