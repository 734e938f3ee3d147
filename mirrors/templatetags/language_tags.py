"""The versions of the current page in other languages, for the language switcher and the
hreflang alternates: only live translations that readers can reach."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, to_locale
from wagtail.models import Locale, Page, Site

from home.page_cache import kept_while, page_token, site_layout_value

register = template.Library()


@dataclass
class Version:
    language_code: str
    name: str
    url: str
    absolute_url: str
    current: bool

    @property
    def hreflang(self):
        return to_locale(self.language_code).replace("_", "-")  # zh-hans → zh-Hans

    @property
    def is_default(self):
        return self.language_code == settings.LANGUAGE_CODE


def _language_order(code):
    codes = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
    return codes.index(code) if code in codes else len(codes)


def page_versions(page, request):
    versions = []
    # Plain page rows: a URL needs no more, and the specific tables stay out of the join.
    translations = Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
    for translation in translations:
        url = translation.get_url(request)
        if url:
            versions.append(
                Version(
                    translation.locale.language_code,
                    translation.locale.get_display_name(),
                    url,
                    request.build_absolute_uri(url),
                    translation.pk == page.pk,
                )
            )
    return sorted(versions, key=lambda v: _language_order(v.language_code))


def kept_versions(page, request):
    """page_versions, kept until the page's token changes (publishing any translation of it renews
    the tokens of all of them); the addresses depend on the host and scheme asked."""
    name = f"versions:{page.pk}:{request.scheme}://{request.get_host()}"
    return kept_while(page_token(page.pk), name, lambda: page_versions(page, request))


def view_versions(request):
    """A view that is not a page (search) exists in every language the site has a mirror in."""
    match = request.resolver_match
    site = Site.find_for_request(request)
    if match is None or match.url_name == "wagtail_serve" or site is None:
        return []
    roots = Page.objects.filter(translation_key=site.root_page.translation_key).live()
    current = get_language()
    versions = []
    for locale in Locale.objects.filter(pk__in=roots.values("locale_id")):
        url = translate_url(request.get_full_path(), locale.language_code)
        versions.append(
            Version(
                locale.language_code,
                locale.get_display_name(),
                url,
                request.build_absolute_uri(url),
                locale.language_code == current,
            )
        )
    if len({version.url for version in versions}) < len(versions):
        return []  # a view outside i18n_patterns has one address for every language
    return sorted(versions, key=lambda v: _language_order(v.language_code))


def site_has_mirror(request):
    """Whether the site has a live version in another language (publishing or withdrawing a
    mirror's home page renews the site's layout token); without one no page has a translation."""
    site = Site.find_for_request(request)
    if site is None:
        return False

    def live_mirror():
        return Page.objects.filter(translation_key=site.root_page.translation_key).live().count() > 1

    return site_layout_value(request, "has-mirror", live_mirror)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Versions of what is shown, worked out once per request; [] when there is only one."""
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "_language_versions"):
        page = context.get("page")
        if not site_has_mirror(request):
            versions = []
        else:
            versions = kept_versions(page, request) if isinstance(page, Page) else view_versions(request)
        request._language_versions = versions if len(versions) > 1 else []
    return request._language_versions
