"""The staff queue of a kind of numbered case as a Wagtail `ModelViewSet` index: filters
(`WagtailFilterSet`), sorting and pagination in the database, and CSV/XLSX export (`list_export`)
through one path that never hands staff a live formula. Only the index is served here; each app
keeps its own detail page with the handling steps, which the queue's rows link to."""

from collections import OrderedDict
from io import BytesIO

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.coreutils import multigetattr
from wagtail.permission_policies import ModelPermissionPolicy

from casework.workdays import WorkCalendar, add_working_days, working_days_left
from home.exports import XLSX, as_text, download
from home.models import Department
from home.scoping import sites_for_user, user_manages_site


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class CheckboxFilter(django_filters.Filter):
    """A tick box: ticked filters (by the filter's `method`), unticked shows everything."""

    field_class = forms.BooleanField


class TickedFilterAdapter(BaseFilterAdapter):
    """Names a ticked box among the filters in force, as "已超期：是" rather than "True"."""

    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id, self.filter.label, "是", self.get_url_without_filter_param(self.name)
        )


register_filter_adapter_class(CheckboxFilter, TickedFilterAdapter)


def user_departments(request):
    if request is None:
        return Department.objects.none()
    return Department.objects.filter(site__in=sites_for_user(request.user)).in_locale()


def department_name(item):
    return item.department.name if item.department_id else ""


def date_column(name, label):
    """A date column shown as 2026-11-28, sorted by the database."""
    return Column(
        name,
        label=label,
        sort_key=name,
        accessor=lambda item: f"{getattr(item, name):%Y-%m-%d}" if getattr(item, name) else "—",
    )


def site_column():
    return Column("site", label="网站", accessor="site.site_name")


def department_column():
    return Column("department", label="承办单位", accessor=department_name)


class CaseFilterSet(WagtailFilterSet):
    """Filters every case queue offers; subclasses declare `status` with their choices and
    `due_within` with their longest period."""

    department = django_filters.ModelChoiceFilter(label="承办单位", queryset=user_departments, empty_label="全部")
    overdue = CheckboxFilter(label="已超期", method="filter_overdue")

    def filter_status(self, queryset, name, value):
        return queryset.open() if value == "open" else queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset

    def filter_due_within(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.open().filter(due_on__gte=today, due_on__lte=add_working_days(today, value, WorkCalendar()))


def status_filter(choices):
    return django_filters.ChoiceFilter(
        label="状态", choices=[("open", "未办结"), *choices], empty_label="全部", method="filter_status"
    )


def due_within_filter(longest):
    return WholeNumberFilter(label="N个工作日内到期", min_value=0, max_value=longest, method="filter_due_within")


class CasePermissionPolicy(ModelPermissionPolicy):
    """The queue is read-only: cases are created by citizens and handled on their detail pages.
    `can_see(user)` says who reads the queue; rows are the user's sites only (CaseIndexView)."""

    def __init__(self, model, can_see):
        super().__init__(model)
        self.can_see = can_see

    def user_has_permission(self, user, action):
        return action == "view" and self.can_see(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_manages_site(user, instance.site_id)


class CaseIndexView(IndexView):
    detail_url_name = None  # the app's detail page of one case
    no_results_message = "没有符合条件的案件。"
    deadline_filters = ("overdue", "due_within")  # these list the earliest deadline first

    def setup(self, request, *args, export=None, **kwargs):
        super().setup(request, *args, **kwargs)
        # The queue's own export addresses (…/export.csv) say the format in the path.
        self.export_format = export or request.GET.get("export")
        self.is_export = self.export_format in self.FORMATS

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return self.model.objects.for_user(self.request.user).select_related("site", "department")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_ordering(self):
        if not self.is_explicitly_ordered and self.filters and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data
            if any(chosen.get(name) not in (None, False) for name in self.deadline_filters):
                return "due_on"
        return super().get_ordering()

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
        # A tie-break on the key keeps the pages disjoint when many cases share a date.
        return queryset.order_by(*ordering, "pk") if not {"pk", "-pk"} & set(ordering) else queryset

    def get_header_buttons(self):
        # The exports as buttons of their own, not in Wagtail's "more" dropdown, whose markup
        # (type="button" on a div) fails the HTML checker.
        return [
            HeaderButton(button.label, url=button.url, icon_name=button.icon_name)
            for button in self.get_header_more_buttons()
        ]

    def get_edit_url(self, instance):
        return reverse(self.detail_url_name, args=[instance.pk])

    def get_list_buttons(self, instance):
        # Beside the number (which links there too), not in Wagtail's "more" dropdown, whose
        # markup (type="button" on a div) fails the HTML checker.
        return [ListingButton("查看与办理", url=self.get_edit_url(instance), icon_name="view", priority=10)]

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def calendar(self):
        return WorkCalendar()

    def days_left(self, item):
        """Counted only for the rows shown (or exported), never for the whole queue."""
        if item.is_open and item.due_on:
            return working_days_left(item.due_on, self.today, self.calendar)
        return None

    def left_text(self, item):
        left = self.days_left(item)
        if left is None:
            return "—"
        return f"已超期{-left}个工作日" if left < 0 else left

    @cached_property
    def columns(self):
        return [*super().columns, Column("left", label="剩余工作日", accessor=self.left_text)]

    # Export: `list_export` names a `cell_<name>` method of the view or an attribute of the case.

    def cell_left(self, item):
        left = self.days_left(item)
        return "" if left is None else left

    def cell_site(self, item):
        return item.site.site_name

    def cell_department(self, item):
        return department_name(item)

    def cell_status(self, item):
        return item.get_status_display()

    def to_row_dict(self, item):
        return OrderedDict(
            (name, getattr(self, f"cell_{name}")(item) if hasattr(self, f"cell_{name}") else multigetattr(item, name))
            for name in self.list_export
        )

    def preprocess_field_value(self, field, value, export_format):
        # Dates as 2026-11-28 in both formats; text a citizen typed never starts a formula.
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return as_text(super().preprocess_field_value(field, value, export_format))

    # Whole responses, like every other download of the platform (home.exports): a queue is a few
    # thousand rows at most.

    def write_csv_response(self, queryset):
        # Wagtail's rows come encoded as UTF-8; Excel reads UTF-8 only after a byte-order mark.
        content = "\ufeff".encode() + b"".join(self.stream_csv(queryset))
        return download(content, "text/csv; charset=utf-8", f"{self.get_filename()}.csv")

    def write_xlsx_response(self, queryset):
        output = BytesIO()
        self.write_xlsx(queryset, output)
        return download(output.getvalue(), XLSX, f"{self.get_filename()}.xlsx")

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            return self.as_spreadsheet(context["object_list"], self.export_format)
        return super().render_to_response(context, **response_kwargs)


class CaseViewSet(ModelViewSet):
    """Registers only the queue (list, its filtered results and the exports); set `model`,
    `name`, `url_prefix`, `index_view_class`, `filterset_class`, `list_display` and
    `list_export`; register a CasePermissionPolicy for the model (who reads the queue)."""

    add_to_admin_menu = False  # each app's menu item shows it to the right roles
    list_per_page = 50
    inspect_view_enabled = False
    add_to_reference_index = False
    form_fields = []  # never offered: the policy grants no add or change

    def register_permissions(self):
        """The model's permissions are the app's own (handle, review), already offered to groups."""

    @cached_property
    def url_finder_class(self):
        return type("CaseURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.index_view_class.detail_url_name})

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("export.csv", self.index_view, {"export": "csv"}, name="export_csv"),
            path("export.xlsx", self.index_view, {"export": "xlsx"}, name="export_xlsx"),
        ]
