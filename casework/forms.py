"""What every public and staff form of a case shares."""

from django import forms


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
