"""Forms of the public interaction pages. All inherit PublicForm (honeypot, captcha, Chinese
messages); every text has a length limit."""

import re

from django import forms
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from casework.forms import PublicForm
from casework.validators import validate_upload
from interaction.choices import LetterCategory

PHONE_RE = re.compile(r"^[0-9+\- ]{7,20}$")
ATTACHMENT_HELP = "可选。PDF、JPG、PNG、Word、Excel或OFD文件，不超过10MB。"


class LetterForm(PublicForm):
    name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30)
    email = forms.EmailField(
        label="电子邮箱", required=False, help_text="填写后，信件编号、查询码和答复将发送到该邮箱。"
    )
    category = forms.ChoiceField(label="来信类别", choices=LetterCategory.choices, widget=forms.RadioSelect)
    subject = forms.CharField(label="标题", max_length=100)
    content = forms.CharField(label="来信内容", max_length=3000, widget=forms.Textarea(attrs={"rows": 8}))
    attachment = forms.FileField(label="附件", required=False, help_text=ATTACHMENT_HELP)
    # Publishing needs the writer's explicit consent: the box starts unticked.
    publish_consent = forms.BooleanField(label="同意公开来信内容和答复（不公开姓名和联系方式）", required=False)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_RE.match(phone):
            raise forms.ValidationError("联系电话格式不正确，如 13800000000 或 0871-65100001。")
        return phone

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_upload(upload)
        return upload


class TrackingForm(PublicForm):
    captcha_required = False
    number = forms.CharField(label="信件编号", max_length=20)
    code = forms.CharField(label="查询码", max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"}))


class PostForm(PublicForm):
    nickname = forms.CharField(label="昵称", max_length=30, required=False, help_text="可不填，显示为“网友”。")
    content = forms.CharField(label="内容", max_length=1000, widget=forms.Textarea(attrs={"rows": 5}))


class CommentForm(PostForm):
    content = forms.CharField(label="留言内容", max_length=1000, widget=forms.Textarea(attrs={"rows": 5}))


class OpinionForm(PostForm):
    clause = forms.CharField(label="针对条款", max_length=40, required=False, help_text="可选，如：第五条")
    content = forms.CharField(label="意见建议", max_length=1000, widget=forms.Textarea(attrs={"rows": 6}))
    field_order = ["clause", "nickname", "content"]


class QuestionForm(PostForm):
    content = forms.CharField(label="我要提问", max_length=500, widget=forms.Textarea(attrs={"rows": 4}))


class SurveyBaseForm(BaseForm, PublicForm):
    pass


class SurveyFormBuilder(FormBuilder):
    """Wagtail's builder with the public-form protections and bounded text answers."""

    def create_singleline_field(self, field, options):
        options["max_length"] = 200
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = 1000
        options.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        return forms.CharField(**options)

    def get_form_class(self):
        return type("SurveyForm", (SurveyBaseForm,), self.formfields)
