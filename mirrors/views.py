"""Admin views: the sync-status report, and a stricter PO upload in front of wagtail-localize's."""

import os
import tempfile

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

from home.params import whole_number
from home.scoping import sites_for_user
from mirrors import exports
from mirrors.status import sync_report

MAX_PO_BYTES = 5 * 1024 * 1024
TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"


class SyncStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "mirrors/sync_status.html"
    page_title = "外文版同步状态"
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request):
        sites = sites_for_user(request.user).select_related("root_page").order_by("pk")
        if not sites.exists():
            raise PermissionDenied
        chosen = whole_number(request.GET.get("site"))
        site = (sites.filter(pk=chosen).first() if chosen is not None else None) or sites.first()
        locales = Locale.objects.exclude(pk=site.root_page.locale_id).order_by("language_code")
        locale = locales.filter(language_code=request.GET.get("locale", "")).first() or locales.first()
        if locale is None:
            return self.render_to_response(self.get_context_data(site=site, sites=sites, locales=locales))
        report = sync_report(site, locale)
        filename = f"外文版同步-{site.hostname}-{locale.language_code}-{timezone.localdate():%Y%m%d}"
        if request.GET.get("format") == "csv":
            return exports.report_csv(report, filename + ".csv")
        if request.GET.get("format") == "xlsx":
            return exports.report_xlsx(report, filename + ".xlsx")
        return self.render_to_response(
            self.get_context_data(site=site, sites=sites, locales=locales, locale=locale, report=report)
        )


@require_POST
def upload_pofile(request, translation_id):
    """Import a PO file into a translation, refusing — with a clear message and no change at all —
    a missing file, one that is not a PO file, or one exported for another translation."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    po, problem = _read_po(request.FILES.get("file"))
    if problem is None and po.metadata.get(TRANSLATION_ID_HEADER) != str(translation.uuid):
        other = Translation.objects.filter(uuid=po.metadata.get(TRANSLATION_ID_HEADER) or None).first()
        problem = (
            f"该PO文件是“{other.source.object_repr}”（{other.target_locale.get_display_name()}）的译文，"
            "不能导入本页面。请下载本页面的PO文件后再翻译上传。"
            if other
            else "该PO文件不是从本页面下载的，不能导入。请下载本页面的PO文件后再翻译上传。"
        )
    if problem:
        messages.error(request, f"上传未成功，译文没有任何改动：{problem}")
        return redirect(next_url)
    with transaction.atomic():
        warnings = translation.import_po(po, user=request.user, tool_name="PO File")
    note = f"；{len(warnings)} 条与当前原文不符，已忽略" if warnings else ""
    messages.success(request, f"已导入PO文件中的译文{note}。保存或发布后生效。")
    return redirect(next_url)


def _read_po(upload):
    if upload is None:
        return None, "请选择要上传的PO文件。"
    if upload.size > MAX_PO_BYTES:
        return None, "文件超过 5 MB，不像是一个页面的PO文件。"
    data = upload.read()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None, "文件不是 UTF-8 编码的PO文件。"
    # polib treats a string argument naming an existing file as a path, so never hand it the
    # uploaded text: parse a temporary copy instead.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as handle:
        handle.write(data)
    try:
        po = polib.pofile(handle.name, encoding="utf-8")
    except (OSError, ValueError):
        return None, "文件不是有效的PO文件。"
    finally:
        os.unlink(handle.name)
    if TRANSLATION_ID_HEADER not in po.metadata:
        return None, "文件不是从本平台下载的PO文件（缺少译文标识）。"
    return po, None
