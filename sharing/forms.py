from datetime import timedelta

from django import forms
from django.utils import timezone

from sharing.models import NOTE_MAX, PushMode

NOTE_HELP = f"不超过 {NOTE_MAX} 字"


class OfferForm(forms.Form):
    receiving = forms.ModelChoiceField(label="报送到", queryset=None, empty_label="请选择网站和栏目")
    note = forms.CharField(
        label="报送说明",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NOTE_HELP,
    )

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving"].queryset = columns
        self.fields["receiving"].label_from_instance = lambda r: f"{r.site.site_name} · {r.column.title}"


class PushForm(forms.Form):
    targets = forms.ModelMultipleChoiceField(
        label="推送到",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个网站。"},
    )
    note = forms.CharField(
        label="推送说明",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NOTE_HELP,
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = targets
        self.fields["targets"].initial = list(targets.values_list("pk", flat=True))
        self.fields["targets"].label_from_instance = lambda r: (
            f"{r.site.site_name} · {r.column.title}（{r.get_push_mode_display()}）"
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="不予采用的理由",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NOTE_HELP,
        error_messages={"required": "请填写不予采用的理由。"},
    )


class SettingsForm(forms.Form):
    offer_columns = forms.ModelMultipleChoiceField(
        label="接收报送的栏目",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="站群内其他网站的编辑可以把信息报送到这些栏目，由本站编辑决定是否采用。",
    )
    push_column = forms.ModelChoiceField(
        label="接收主站推送的栏目", queryset=None, required=False, empty_label="不接收"
    )
    push_mode = forms.ChoiceField(label="主站推送的信息", choices=PushMode.choices, widget=forms.RadioSelect)

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer_columns"].queryset = columns
        self.fields["push_column"].queryset = columns
        label = lambda column: "　" * max(column.depth - 3, 0) + column.title  # noqa: E731
        self.fields["offer_columns"].label_from_instance = label
        self.fields["push_column"].label_from_instance = label


FURTHEST = timedelta(days=366)
TIME_ERRORS = {"invalid": "请输入有效的时间，例如 2026-12-01 09:00。"}


def _time_field(label):
    return forms.DateTimeField(
        label=label,
        required=False,
        error_messages=TIME_ERRORS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class ScheduleForm(forms.Form):
    """When a reference shows on the receiving site. A time already past means now."""

    when = forms.ChoiceField(
        label="显示",
        choices=[("now", "立即显示"), ("later", "定时显示")],
        initial="now",
        required=False,  # not chosen: now
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "请选择立即显示或定时显示。"},
    )
    show_from = _time_field("显示时间")
    show_until = _time_field("撤下时间（可不填）")

    def clean(self):
        data = super().clean()
        now = timezone.now()
        show_from = data.get("show_from") if data.get("when") == "later" else None
        if data.get("when") == "later" and not show_from and "show_from" not in self.errors:
            self.add_error("show_from", "请填写显示时间。")
        for name in ("show_from", "show_until"):
            if data.get(name) and data[name] > now + FURTHEST:
                self.add_error(name, "时间不能晚于一年以后。")
        if show_from and show_from <= now:
            show_from = None
        until = data.get("show_until")
        if until and until <= (show_from or now) and not self.errors:
            self.add_error("show_until", "撤下时间必须晚于显示时间。")
        data["show_from"] = show_from
        return data
