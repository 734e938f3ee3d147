"""Wagtail's reports, as the site group needs them.

The page-types report counts the pages of every site and names the last edited page of each type,
drafts included: for anyone but a platform administrator, only the pages of the sites the user
manages (home.scoping.sites_for_user) count.

The workflow-tasks report offers every workflow and task in its filters, and asks each task for
its workflows in a query of its own (three tasks per site: 600 queries at 200 sites): here the
links are read in one query, and a sub-site user is offered their own sites' workflows only.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery
from wagtail.admin.filters import FilteredModelChoiceField, FilteredModelChoiceFilter
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksReportFilterSet, WorkflowTasksView
from wagtail.models import Page, Task, Workflow

from home.scoping import sites_for_user


class SitePageTypesUsageReportView(PageTypesUsageReportView):
    def get_queryset(self):
        if self.request.user.is_superuser:
            return super().get_queryset()
        roots = [site.root_page.path for site in sites_for_user(self.request.user).select_related("root_page")]
        pages, counted = Q(pk__in=[]), Q(pk__in=[])
        for root in roots:
            pages |= Q(path__startswith=root)
            counted |= Q(pages__path__startswith=root)
        # Wagtail's own queryset chooses the page types and reads the filters; the figures are redone.
        types = ContentType.objects.filter(pk__in=[page_type.pk for page_type in super().get_queryset()])
        cleaned = self.filters.form.cleaned_data
        if language_code := cleaned.get("page_locale"):
            pages &= Q(locale__language_code=language_code)
            counted &= Q(pages__locale__language_code=language_code)
        if site_root_path := cleaned.get("site"):
            pages &= Q(path__startswith=site_root_path)
            counted &= Q(pages__path__startswith=site_root_path)
        latest = Page.objects.filter(pages, content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return types.annotate(
            count=Count("pages", filter=counted), last_edited_page_id=Subquery(latest.values("pk")[:1])
        ).order_by("-count", "app_label", "model")


class TaskChoiceField(FilteredModelChoiceField):
    def get_filter_value(self, task):
        # The task's workflows from its prefetched links, instead of a query per task.
        return [link.workflow_id for link in task.workflow_tasks.all()]


class TaskFilter(FilteredModelChoiceFilter):
    field_class = TaskChoiceField


class SiteWorkflowTasksFilterSet(WorkflowTasksReportFilterSet):
    task = TaskFilter(
        queryset=Task.objects.prefetch_related("workflow_tasks"),
        filter_field="id_workflow",
        filter_accessor="workflows",
        label="任务",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user if self.request else None
        if user is not None and not user.is_superuser:
            roots = sites_for_user(user).values("root_page")
            workflows = Workflow.objects.filter(workflow_pages__page__in=roots)
            self.filters["workflow"].queryset = workflows
            self.filters["task"].queryset = (
                Task.objects.filter(workflow_tasks__workflow__in=workflows)
                .distinct()
                .prefetch_related("workflow_tasks")
            )


class SiteWorkflowTasksView(WorkflowTasksView):
    filterset_class = SiteWorkflowTasksFilterSet
