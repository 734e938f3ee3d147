"""Resolving links to the platform's own sites against the page tree, without HTTP."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.views import serve as wagtail_serve


def check_object(kind, pk):
    """A problem with a linked page, document or image chosen by id, or None."""
    model = {"page": Page, "document": get_document_model(), "image": get_image_model()}[kind]
    obj = model.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if obj is None:
        return {"page": "站内页面已删除", "document": "附件已删除", "image": "图片已删除"}[kind]
    if kind == "page":
        return None if obj.live else "站内页面未发布"
    if not obj.file or not default_storage.exists(obj.file.name):
        return "附件文件缺失" if kind == "document" else "图片文件缺失"
    return None


def check_path(site, path):
    """A problem with a path on one of our sites, or None when it leads somewhere."""
    if path.startswith(settings.MEDIA_URL):
        return None if default_storage.exists(path[len(settings.MEDIA_URL) :]) else "文件不存在"
    if path.startswith(settings.STATIC_URL):
        return None if finders.find(path[len(settings.STATIC_URL) :]) else "文件不存在"
    if path.startswith("/documents/"):
        parts = path.split("/")
        return check_object("document", parts[2]) if len(parts) > 2 else "附件不存在"
    if Redirect.get_for_site(site).filter(old_path=Redirect.normalise_path(path)).exists():
        return None
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is not None and match.func is not wagtail_serve:
        return None
    return _check_page_path(site, path)


def _check_page_path(site, path):
    components = [c for c in path.split("/") if c]
    root = site.root_page
    default = settings.LANGUAGE_CODE
    languages = {code for code, _ in settings.LANGUAGES if code != default}
    if components and components[0] in languages:
        locale = Locale.objects.filter(language_code=components.pop(0)).first()
        root = root.get_translation_or_none(locale) if locale else None
        if root is None:
            return "该语言版本不存在"
    page = root
    while components:
        child = page.get_children().filter(slug=components[0]).first()
        if child is None:
            break
        page = child
        components.pop(0)
    if not page.live:
        return "站内页面未发布"
    if not components:
        return None
    specific = page.specific
    if isinstance(specific, RoutablePageMixin):
        try:
            specific.resolve_subpage("/" + "/".join(components) + "/")
            return None
        except Http404:
            pass
    return "站内页面不存在"
