"""Forms of the staff steps in the admin."""

from django import forms

from casework.forms import chinese_messages
from home import personal_data
from interaction.letters import MAX_TOTAL_DAYS, REPLY_DAYS


class StepForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)


class NoteForm(StepForm):
    note = forms.CharField(label="说明", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(StepForm):
    note = forms.CharField(label="理由", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(NoteForm):
    department = forms.ModelChoiceField(label="承办单位", queryset=None, empty_label="请选择")

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class TransferForm(StepForm):
    department = forms.ModelChoiceField(label="转至本站单位", queryset=None, required=False, empty_label="不转本站单位")
    site = forms.ModelChoiceField(label="或转至其他网站", queryset=None, required=False, empty_label="不转其他网站")
    note = forms.CharField(label="转办说明", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, departments=None, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["site"].queryset = sites

    def clean(self):
        data = super().clean()
        if bool(data.get("department")) == bool(data.get("site")):
            raise forms.ValidationError("请选择一个转办对象：本站单位或其他网站，二者选一。")
        return data


class DraftForm(StepForm):
    reply = forms.CharField(label="答复内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))


class PublicVersionForm(StepForm):
    subject = forms.CharField(label="公开标题", max_length=100)
    content = forms.CharField(label="公开的来信内容", max_length=3000, widget=forms.Textarea(attrs={"rows": 6}))
    reply = forms.CharField(label="公开的答复内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))


class ExtendForm(ReasonForm):
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=MAX_TOTAL_DAYS - REPLY_DAYS,
        initial=MAX_TOTAL_DAYS - REPLY_DAYS,
        help_text=f"办理期限合计不超过{MAX_TOTAL_DAYS}个工作日",
    )


class ApprovePostForm(StepForm):
    # Left empty, the version pre-filled when the post came in is published.
    public_content = forms.CharField(
        label="公开内容", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_public_content(self):
        text = self.cleaned_data["public_content"]
        left = [kind for kind in personal_data.summary(text) if kind not in personal_data.SUSPECTED]
        if left:
            raise forms.ValidationError(f"公开内容中仍含有个人信息（{'、'.join(left)}），请删除或改写后再发布。")
        return text


class RejectForm(StepForm):
    reason = forms.CharField(label="未通过理由", max_length=200)


class ReplyPostForm(StepForm):
    text = forms.CharField(label="答复", max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class AdoptionForm(StepForm):
    adopted = forms.TypedChoiceField(
        label="采纳情况",
        choices=[("1", "采纳"), ("0", "未采纳")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    adoption_note = forms.CharField(label="理由", max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("adopted") is False and not data.get("adoption_note", "").strip():
            self.add_error("adoption_note", "未采纳的意见须说明理由。")
        return data


class TranscriptForm(StepForm):
    role = forms.ChoiceField(label="身份", choices=[("host", "主持人"), ("guest", "嘉宾")])
    speaker = forms.CharField(label="发言人", max_length=60)
    text = forms.CharField(label="内容", max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    question = forms.ModelChoiceField(label="回答的网友提问", queryset=None, required=False, empty_label="无")

    def __init__(self, *args, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = questions
