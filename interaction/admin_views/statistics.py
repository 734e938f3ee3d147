"""Letter statistics per site and department, and the yearly targets of each site."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views.generic import TemplateView

from home.admin_views import AdminScreen
from home.scoping import sites_for_user
from interaction.admin_views.letters import can_see_letters
from interaction.models import Letter
from interaction.statistics import letter_statistics, yearly_targets


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2008, max_value=2100, required=False)


class StatisticsView(AdminScreen, TemplateView):
    template_name = "interaction/admin/statistics.html"
    page_title = "互动交流统计"
    header_icon = "table"

    def get_context_data(self, **kwargs):
        user = self.request.user
        if not can_see_letters(user):
            raise PermissionDenied
        form = YearForm(self.request.GET or None)
        year = (form.cleaned_data.get("year") if form.is_valid() else None) or timezone.localdate().year
        sites = []
        for site in sites_for_user(user).order_by("site_name"):
            total, departments = letter_statistics(Letter.objects.filter(site=site, received_on__year=year))
            targets = yearly_targets(site, year, letters=total)
            sites.append({"site": site, "total": total, "departments": departments, "targets": targets})
        return {**super().get_context_data(**kwargs), "form": form, "year": year, "sites": sites}
