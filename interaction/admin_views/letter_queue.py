"""The letter queue (来信办理): a casework.viewsets queue of the sites the user manages, linking
each letter to its detail page with the handling steps."""

import django_filters
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column

from casework.viewsets import (
    CaseFilterSet,
    CaseIndexView,
    CaseViewSet,
    CheckboxFilter,
    date_column,
    department_column,
    due_within_filter,
    site_column,
    status_filter,
)
from interaction.choices import LetterCategory, LetterStatus
from interaction.models import Letter


class LetterFilterSet(CaseFilterSet):
    status = status_filter(LetterStatus.choices)
    category = django_filters.ChoiceFilter(label="类别", choices=LetterCategory.choices, empty_label="全部")
    due_within = due_within_filter(15)
    flagged = CheckboxFilter(label="含敏感词", method="filter_flagged")

    class Meta:
        model = Letter
        fields = ["status", "category", "department", "due_within", "overdue", "flagged"]

    def filter_flagged(self, queryset, name, value):
        return queryset.exclude(flagged_words="") if value else queryset


def subject_text(letter):
    subject = letter.subject if len(letter.subject) <= 40 else letter.subject[:39] + "…"
    if letter.flagged_words:
        return format_html('{} <strong style="color:#b3261e">含敏感词</strong>', subject)
    return subject


class LetterIndexView(CaseIndexView):
    page_title = "来信办理"
    detail_url_name = "interaction_letter"
    no_results_message = "没有符合条件的来信。"

    def cell_category(self, item):
        return item.get_category_display()


class LetterViewSet(CaseViewSet):
    model = Letter
    name = "interaction_letters"
    url_prefix = "interaction/letters"
    icon = "mail"
    index_view_class = LetterIndexView
    filterset_class = LetterFilterSet
    list_display = [
        "number",
        site_column(),
        "category",
        Column("subject", label="标题", accessor=subject_text),
        date_column("received_on", "收信日期"),
        "status",
        department_column(),
        date_column("due_on", "办理期限"),
    ]
    list_export = [
        "number",
        "site",
        "category",
        "subject",
        "received_on",
        "status",
        "department",
        "due_on",
        "left",
        "replied_on",
    ]
    export_headings = {
        "number": "信件编号",
        "site": "网站",
        "category": "类别",
        "subject": "标题",
        "received_on": "收信日期",
        "status": "状态",
        "department": "承办单位",
        "due_on": "办理期限",
        "left": "剩余工作日",
        "replied_on": "答复日期",
    }
    export_filename = "letters"
