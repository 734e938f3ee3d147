"""What every public and staff form of a case shares."""

from django import forms

from casework.captcha import CaptchaMixin


def chinese_messages(form):
    """Error messages in Chinese that name the field, for every field of the form."""
    for field in form.fields.values():
        label = field.label or ""
        verb = "请选择" if isinstance(field, forms.ChoiceField | forms.ModelChoiceField) else "请填写"
        field.error_messages["required"] = f"{verb}{label}。"
        if "max_length" in field.error_messages or getattr(field, "max_length", None):
            field.error_messages["max_length"] = f"{label}不能超过%(limit_value)d个字。"
        field.error_messages.setdefault("invalid_choice", f"{label}的选项无效，请重新选择。")
    if "email" in form.fields:
        form.fields["email"].error_messages["invalid"] = "电子邮箱格式不正确，如 name@example.com。"


class PublicForm(CaptchaMixin, forms.Form):
    """Base of every public form: honeypot, captcha (casework.captcha) and Chinese messages.
    Subclasses add their fields; `captcha_required = False` leaves the captcha out (tracking forms)."""

    website = forms.CharField(label="请勿填写此项", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重新填写。")
        return data
