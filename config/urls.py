from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from answers import views as answers_views
from config.api import api_router
from home.admin_reports import SitePageTypesUsageReportView, SiteWorkflowTasksView
from home.page_chooser import ScopedBrowseView
from home.views import healthz, robots_txt
from search import views as search_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Before Wagtail's own views of the same addresses (home.admin_reports says why).
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(SitePageTypesUsageReportView.as_view()),
        name="site_page_types_usage",
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(SitePageTypesUsageReportView.as_view(results_only=True)),
        name="site_page_types_usage_results",
    ),
    path("admin/reports/workflow_tasks/", require_admin_access(SiteWorkflowTasksView.as_view())),
    path(
        "admin/reports/workflow_tasks/results/",
        require_admin_access(SiteWorkflowTasksView.as_view(results_only=True)),
    ),
    # Before Wagtail's own view of the same address (home.page_chooser says why).
    path(
        "admin/choose-page/<int:parent_page_id>/",
        require_admin_access(ScopedBrowseView.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("captcha/", include("casework.urls")),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded images and documents, from Django itself under runserver (the demo runs without DEBUG);
    # production serves them from object storage or the web server in front. Never documents: they
    # are served by /documents/<id>/<name>, which checks that the document is public (home.documents).
    urlpatterns.append(re_path(r"^media/(?P<path>(?!documents/).*)$", serve, {"document_root": settings.MEDIA_ROOT}))

# Chinese pages at the root, foreign-language mirrors under their language prefix (/en/…).
urlpatterns += i18n_patterns(
    path("search/answer/", answers_views.answer_json, name="answers_json"),
    path("search/ask/", answers_views.ask_page, name="answers_ask"),
    path("search/suggest/", search_views.suggestions, name="search_suggest"),
    path("search/", search_views.search, name="search"),
    path("zhaocuo/", include("feedback.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database that cannot be reached gets a Chinese 503 page with Retry-After, not a 500.
handler500 = "home.views.server_error"
