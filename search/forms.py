import re

from django import forms
from wagtail.models import Locale, Site

from home.models import Department
from search import kinds, registry

MAX_QUERY_LENGTH = 100
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class SearchForm(forms.Form):
    """Search parameters from the URL. Bad values never fail the search: they are dropped and
    the reader is told which condition was ignored."""

    q = forms.CharField(required=False, strip=True)
    scope = forms.ChoiceField(choices=[("site", "本站"), ("all", "全部网站")], required=False)
    site = forms.ModelChoiceField(queryset=Site.objects.order_by("pk"), required=False, label="网站")
    type = forms.ChoiceField(required=False, label="类型")
    department = forms.ModelChoiceField(queryset=Department.objects.all(), required=False, label="责任单位")
    start = forms.DateField(required=False, label="起始日期")
    end = forms.DateField(required=False, label="截止日期")
    sort = forms.ChoiceField(choices=[("relevance", "按相关度"), ("date", "按时间")], required=False)
    kind = forms.ChoiceField(choices=[("", "全部"), *kinds.KINDS.items()], required=False, label="分类")
    # The reader asked for what they typed, not a correction of it.
    exact = forms.BooleanField(required=False)

    def __init__(self, data, *, site=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["type"].choices = [("", "全部类型"), *registry.choices()]
        if site is not None:
            # The reader's language: the mirror's translated names on a mirror's search page.
            departments = Department.objects.filter(site=site).in_locale(Locale.get_active())
            self.fields["department"].queryset = departments.order_by("code", "name")

    def cleaned(self):
        """Valid parameters, and a message for each one that was ignored."""
        self.is_valid()
        values = dict(self.cleaned_data)
        notes = [f"“{self.fields[name].label or name}”条件无效，已忽略。" for name in self.errors]
        # Control characters (a NUL byte among them, which PostgreSQL refuses in text) mean nothing here.
        query = CONTROL_CHARACTERS.sub(" ", self.data.get("q") or "").strip()
        if len(query) > MAX_QUERY_LENGTH:
            notes.append(f"关键词过长，只按前 {MAX_QUERY_LENGTH} 个字检索。")
            query = query[:MAX_QUERY_LENGTH]
        values["q"] = query
        if values.get("start") and values.get("end") and values["start"] > values["end"]:
            notes.append("起始日期晚于截止日期，已忽略日期条件。")
            values["start"] = values["end"] = None
        return values, notes
