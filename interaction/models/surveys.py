"""网上调查 on Wagtail's form builder: open between two dates, one answer per person, and
results of the choice questions that editors publish only once the survey has closed (so the
answers are not steered). Free-text answers are never published."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel

from home.models import ArticlePage
from home.models.pages import SitePageForm
from interaction.models.consultations import ITEM_PARENTS

CHOICE_TYPES = ("dropdown", "radio", "checkboxes", "multiselect", "checkbox")


class SurveyPageForm(WagtailAdminFormPageForm, SitePageForm):
    """The form builder's checks (unique labels) and the site's own choices together."""


class SurveyPage(FormMixin, ArticlePage):
    """The body introduces the survey; the questions are the form fields below it."""

    page_cache = False  # a form or live figures

    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("截止时间")
    thank_you_text = models.TextField("提交后提示", blank=True, default="感谢您参与本次调查！")
    results_published = models.BooleanField("公布调查结果", default=False, help_text="仅在调查截止后可以公布")
    results_note = models.TextField("结果说明", blank=True, help_text="与统计图表一同公布")

    base_form_class = SurveyPageForm
    parent_page_types = ITEM_PARENTS
    subpage_types = []
    template = "interaction/survey_page.html"
    landing_page_template = "interaction/survey_page_landing.html"

    content_panels = ArticlePage.content_panels[:2] + [
        FormSubmissionsPanel(),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("summary"),
        FieldPanel("body", heading="调查说明"),
        InlinePanel("form_fields", label="调查题目"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("results_published"), FieldPanel("results_note")], heading="调查结果"),
    ]

    class Meta:
        verbose_name = "网上调查"
        verbose_name_plural = "网上调查"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "截止时间应晚于开始时间。"})
        if self.results_published and self.closes_at and self.closes_at > timezone.now():
            raise ValidationError({"results_published": "调查截止后才能公布结果，以免影响网民作答。"})

    def get_form_class(self):
        from interaction.forms import SurveyFormBuilder

        return SurveyFormBuilder(self.get_form_fields()).get_form_class()

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now <= self.closes_at else "closed"

    def show_results(self, now=None):
        return self.results_published and self.state(now) == "closed"

    def process_form_submission(self, form):
        answers = {f.clean_name: form.cleaned_data.get(f.clean_name) for f in self.get_form_fields()}
        return self.get_submission_class().objects.create(form_data=answers, page=self)

    def results(self):
        """[(question, answer count, [(option, votes, percent)])] for the choice questions only."""
        from interaction.forms import SurveyFormBuilder

        builder = SurveyFormBuilder([])
        submissions = [s.form_data for s in self.get_submissions()]
        rows = []
        for field in self.get_form_fields():
            if field.field_type not in CHOICE_TYPES:
                continue
            if field.field_type == "checkbox":
                options = ["是", "否"]
                values = ["是" if data.get(field.clean_name) else "否" for data in submissions]
            else:
                options = [label for label, _ in builder.get_formatted_field_choices(field)]
                values = []
                for data in submissions:
                    value = data.get(field.clean_name)
                    values.extend(value if isinstance(value, list) else [value] if value else [])
            tally = Counter(values)
            answered = len(submissions)
            rows.append(
                (
                    field.label,
                    answered,
                    [
                        (option, tally[option], round(100 * tally[option] / answered) if answered else 0)
                        for option in options
                    ],
                )
            )
        return rows

    def serve(self, request, *args, **kwargs):
        from interaction.views.surveys import serve_survey

        return serve_survey(self, request, super().serve, *args, **kwargs)


class SurveyField(AbstractFormField):
    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="form_fields")

    def clean(self):
        super().clean()
        if self.field_type in ("email", "url", "hidden", "date", "datetime"):
            raise ValidationError({"field_type": "网上调查只收集观点，不收集个人信息：请使用选择题或文本题。"})
