"""Checks of what applicants type and upload, with messages they can act on."""

import re

from django.core.exceptions import ValidationError

from home.personal_data import is_birth_date, resident_id_check_char

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def normalise_id(value):
    return (value or "").strip().upper()


def validate_resident_id(value):
    """18-digit resident ID: birth date and the GB 11643 check character."""
    value = normalise_id(value)
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError("居民身份证号码应为18位，前17位为数字，最后一位为数字或X。")
    if not is_birth_date(int(value[6:10]), value[10:12], value[12:14]):
        raise ValidationError("居民身份证号码中的出生日期不正确，请核对。")
    if value[17] != resident_id_check_char(value[:17]):
        raise ValidationError("居民身份证号码校验位不正确，请核对是否输错。")


def validate_credit_code(value):
    """18-character 统一社会信用代码 (GB 32100-2015) with its check character."""
    value = normalise_id(value)
    if len(value) != 18 or any(c not in CREDIT_CODE_CHARS for c in value):
        raise ValidationError("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。")
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(value[:17], CREDIT_CODE_WEIGHTS, strict=True))
    if value[17] != CREDIT_CODE_CHARS[(31 - total % 31) % 31]:
        raise ValidationError("统一社会信用代码校验位不正确，请核对是否输错。")
