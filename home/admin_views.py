from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from home.subsites import available_blueprints, create_subsite


class AdminScreen(WagtailAdminTemplateMixin):
    """One of the project's own admin screens. Wagtail's default breadcrumbs hold only 首页, which
    the slim header then shows as the screen's name; ours end with the screen's own title, after
    the screens above it (`parents`: (label, URL name) pairs)."""

    parents = ()

    def get_breadcrumbs_items(self):
        above = [{"url": reverse(name), "label": label} for label, name in self.parents]
        return [*self.breadcrumbs_items, *above, {"url": "", "label": self.get_page_title()}]


class CreateSubsiteForm(forms.Form):
    name = forms.CharField(label="网站名称", max_length=60, help_text="如：云州市教育局")
    hostname = forms.CharField(label="域名", max_length=253, help_text="如：edu.yunzhou.gov.cn")
    port = forms.IntegerField(label="端口", initial=80, min_value=1, max_value=65535)
    blueprint = forms.ChoiceField(label="栏目蓝本")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blueprint"].choices = [
            (key, f"{bp.name}：{bp.description}") for key, bp in available_blueprints().items()
        ]


class CreateSubsiteView(AdminScreen, FormView):
    """The admin's way to what `manage.py create_subsite` does; for platform administrators only."""

    form_class = CreateSubsiteForm
    template_name = "home/admin/create_subsite.html"
    page_title = "新建子站"
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailcore.add_site"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            site = create_subsite(data["hostname"], data["name"], data["blueprint"], data["port"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"已创建网站“{site.site_name}”，并建立了栏目、用户组和三审流程。")
        return redirect(reverse("wagtailsites:edit", args=[site.pk]))
