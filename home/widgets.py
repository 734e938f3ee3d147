"""Form widgets shared by the apps."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker. It accepts and shows only ISO dates (2026-11-28); Django would
    otherwise write the locale's first input format (zh-hans: 2026/11/28), which the browser
    discards as invalid, so a pre-filled date reached the server empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
