"""Dates staff type into a case's steps stay within the case's life, so that no typing slip (a year
9999, a year 0001) can stretch or collapse a statutory deadline."""

from datetime import timedelta

from django import forms
from django.utils import timezone

# A step may be recorded up to a week ahead (a notice dated for the day it is sent), never further.
STEP_DATE_MARGIN_DAYS = 7


def check_step_date(on, received_on, today=None):
    """Raise a ValidationError in Chinese unless received_on <= on <= today + the margin."""
    latest = (today or timezone.localdate()) + timedelta(days=STEP_DATE_MARGIN_DAYS)
    if received_on and on < received_on:
        raise forms.ValidationError(f"日期不能早于收到申请的日期（{received_on:%Y-%m-%d}）。")
    if on > latest:
        raise forms.ValidationError(f"日期不能晚于{latest:%Y-%m-%d}（今天起{STEP_DATE_MARGIN_DAYS}天内）。")
    return on
