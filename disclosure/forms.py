"""Forms of the public request pages. Every message is in Chinese and names the field."""

import re

from django import forms

from casework.captcha import CaptchaMixin
from casework.forms import chinese_messages
from casework.validators import validate_upload
from disclosure.choices import ApplicantType, IdType
from disclosure.models import DisclosureRequest
from disclosure.validators import normalise_id, validate_credit_code, validate_resident_id
from home.models import Department

PHONE_RE = re.compile(r"^[0-9+\- ]{7,20}$")


class DisclosureRequestForm(CaptchaMixin, forms.ModelForm):
    # Left empty by people; bots that fill every field reveal themselves.
    website = forms.CharField(label="请勿填写此项", required=False)
    pledge = forms.BooleanField(label="本人承诺所填信息真实有效")

    class Meta:
        model = DisclosureRequest
        fields = [
            "applicant_type",
            "organisation_kind",
            "name",
            "contact_person",
            "id_type",
            "id_number",
            "phone",
            "email",
            "address",
            "postcode",
            "department",
            "description",
            "document_number",
            "provision_form",
            "delivery",
            "attachment",
        ]
        widgets = {
            "applicant_type": forms.RadioSelect,
            "provision_form": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"department": "希望办理的单位"}
        help_texts = {
            "attachment": "可选。PDF、JPG、PNG、Word、Excel或OFD文件，不超过10MB。",
            "document_number": "知道文件名称或文号的请填写，如：云政发〔2026〕12号。",
            "description": "请尽量写明信息的名称、文号或便于查询的其他特征描述。",
        }

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(site=site).in_locale() if site else Department.objects.none()
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = "不指定"
        self.fields["organisation_kind"].help_text = "申请人为法人或其他组织时选择"
        self.fields["contact_person"].help_text = "申请人为法人或其他组织时填写"
        self.fields["applicant_type"].choices = ApplicantType.choices
        for name in ("provision_form", "delivery"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        chinese_messages(self)
        self.fields["pledge"].error_messages["required"] = "请阅读并勾选承诺。"

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_RE.match(phone):
            raise forms.ValidationError("联系电话格式不正确，如 13800000000 或 0871-65100001。")
        return phone

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not re.fullmatch(r"\d{6}", postcode):
            raise forms.ValidationError("邮政编码应为6位数字。")
        return postcode

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重新填写。")
        if data.get("applicant_type") == ApplicantType.ORGANISATION:
            if not data.get("organisation_kind"):
                self.add_error("organisation_kind", "申请人为法人或其他组织时，请选择组织类别。")
            if not data.get("contact_person"):
                self.add_error("contact_person", "申请人为法人或其他组织时，请填写联系人。")
        elif data.get("applicant_type") == ApplicantType.PERSON:
            data["organisation_kind"] = ""
        id_type, id_number = data.get("id_type"), normalise_id(data.get("id_number"))
        if id_type and id_number:
            try:
                if id_type == IdType.RESIDENT_ID:
                    validate_resident_id(id_number)
                elif id_type == IdType.CREDIT_CODE:
                    validate_credit_code(id_number)
                elif not re.fullmatch(r"[0-9A-Z\-]{5,30}", id_number):
                    raise forms.ValidationError("证件号码格式不正确，只能包含数字、字母和连字符。")
            except forms.ValidationError as error:
                self.add_error("id_number", error)
            data["id_number"] = id_number
        if data.get("delivery") == "email" and not data.get("email"):
            self.add_error("email", "选择以电子邮件获取时，请填写电子邮箱。")
        return data


class TrackingForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=20)
    code = forms.CharField(label="查询码", max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)


class SupplementForm(forms.Form):
    text = forms.CharField(label="补正内容", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 5}))
    attachment = forms.FileField(
        label="补正材料", required=False, help_text="可选。PDF、JPG、PNG、Word、Excel或OFD文件，不超过10MB。"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("text", "").strip() or data.get("attachment")):
            raise forms.ValidationError("请填写补正内容或上传补正材料。")
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label="确认撤回本申请（撤回后不能恢复）")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)
        self.fields["confirm"].error_messages["required"] = "请勾选确认撤回。"
