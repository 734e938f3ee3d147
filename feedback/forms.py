"""The public 找错 form and its tracking form; the staff reply form."""

import re

from django import forms

from casework.forms import PublicForm, chinese_messages
from feedback.cases import site_for_url
from feedback.models import ErrorKind, ErrorReport, Outcome

PHONE_RE = re.compile(r"[0-9+\- ]{7,20}")
URL_MAX = ErrorReport._meta.get_field("page_url").max_length


class ReportForm(PublicForm):
    page_url = forms.CharField(
        label="出错页面地址", max_length=URL_MAX, help_text="从页面上的“我要找错”进入时已自动填写。"
    )
    kind = forms.ChoiceField(label="错误类型", choices=ErrorKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label="问题描述",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请说明错在哪里、应当如何，不超过1000字。",
    )
    contact_name = forms.CharField(label="称呼", max_length=30, required=False)
    contact_email = forms.EmailField(
        label="电子邮箱", required=False, help_text="可选。填写后，编号、查询码和答复将发送到该邮箱。"
    )
    contact_phone = forms.CharField(label="联系电话", max_length=30, required=False)

    def clean_page_url(self):
        url = self.cleaned_data["page_url"].strip()
        self.site = site_for_url(url)
        if self.site is None:
            raise forms.ValidationError("请填写本网站群内页面的完整地址（以 http:// 或 https:// 开头）。")
        return url

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not PHONE_RE.fullmatch(phone):
            raise forms.ValidationError("联系电话格式不正确，如 13800000000 或 0871-65100001。")
        return phone


class TrackingForm(PublicForm):
    captcha_required = False
    number = forms.CharField(label="报告编号", max_length=20)
    code = forms.CharField(label="查询码", max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"}))


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label="处理结果", choices=Outcome.choices)
    reply = forms.CharField(label="答复内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)
