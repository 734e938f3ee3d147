"""Settings shared by every environment. Each optional service is switched on by its own
environment variable (see .env.example)."""

import hashlib
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", ".localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts",
    "home",
    "casework",
    "disclosure",
    "interaction",
    "search",
    "answers",
    "monitoring",
    "mirrors",
    "sharing",
    "feedback",
    "yearly_report",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django_q",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_ratelimit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "home.display_mode.DisplayModeMiddleware",
    # Outside the page cache, so that pages it answers are counted too (in the cache only).
    "home.pageviews.PageViewMiddleware",
    "home.page_cache.PageCacheMiddleware",
    "home.visibility.RestrictionsPerRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Security headers every environment sends; production adds HSTS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
from .csp import CONTENT_SECURITY_POLICY  # noqa: E402, F401

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.display_mode.context",
            ],
        },
    },
]

# Database: SQLite file by default; any DATABASE_URL (postgres://…) otherwise.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE transactions with a busy
    # timeout queue concurrent form posts instead of failing with "database is locked".
    # A 64 MiB page cache and memory-mapped reads halve full-text search time on large sites.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Django's default hashers, and a lighter one for citizens' random query codes (home.submissions).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "home.submissions.QueryCodeHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Simplified Chinese first, English mirrors.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale/wagtail: zh-hans strings missing from Wagtail's own catalogues (kept apart from makemessages).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static and media files. Whitenoise serves static files from the app server.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Django serves MEDIA_ROOT itself only under runserver (settings.dev): never in production.
SERVE_MEDIA = False
# Files citizens upload with requests and letters: never under MEDIA_ROOT, never served directly.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Images and documents on S3-compatible object storage (MinIO, Aliyun OSS, Tencent COS…) when a
# bucket is named, so that any number of web and worker machines share them.
if env("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY", default=None),
            "secret_key": env("S3_SECRET_KEY", default=None),
            "custom_domain": env("S3_CUSTOM_DOMAIN", default=None),
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: Redis when REDIS_URL is set, else directories on the same disk. Every web process and the
# worker need one store: publishing in one must drop cached pages in all, and a site created in one
# (Wagtail keeps the sites' root paths in the default cache) must be served by all.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "home.redis_cache.SharedClientRedisCache", "LOCATION": REDIS_URL},
        "pages": {
            "BACKEND": "home.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
        "limits": {"BACKEND": "home.redis_cache.SharedClientRedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "limits"},
    }
else:
    # The directories are shared by every process of this checkout; keyed by the database, so that a
    # server started on another database (a test, a benchmark) never reads this one's sites or pages.
    DATABASE_KEY = hashlib.sha256(str(DATABASES["default"]["NAME"]).encode()).hexdigest()[:8]
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.path("CACHE_DIR", default=BASE_DIR / "cache" / "default"),
            "KEY_PREFIX": DATABASE_KEY,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.path("PAGE_CACHE_DIR", default=BASE_DIR / "cache" / "pages"),
            "KEY_PREFIX": DATABASE_KEY,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        # Shared by every process: rate-limit counts (casework.limits) and used captchas
        # (casework.captcha, one per form posted; showing a form writes nothing). Past MAX_ENTRIES
        # Django drops the expired entries, then a third in key order: used captchas ("captcha-used:…")
        # before counts ("rl:…"). Each write is one upsert; the table is counted, to cull, once
        # every hundred writes of a process (casework.limits_cache).
        "limits": {
            "BACKEND": "casework.limits_cache.LimitsCache",
            "LOCATION": "casework_limits",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        },
    }

# Anonymous page responses are kept this many seconds (0 switches the page cache off) and
# dropped at once when what they show is published, unpublished or moved (home.page_cache).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# After a publish the worker renders the pages it invalidated into the page cache (home.prerender).
PAGE_CACHE_PRERENDER = env.bool("PAGE_CACHE_PRERENDER", default=True)
# A CDN in front of the sites: Wagtail's frontend cache purges the same pages there.
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        }
    }
elif env("CLOUDFLARE_ZONEID", default=""):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default=""),
            "ZONEID": env("CLOUDFLARE_ZONEID"),
        }
    }
# Per-address limits on public forms; a load test switches them off (FORM_RATE_LIMITS=false).
FORM_RATE_LIMITS = env.bool("FORM_RATE_LIMITS", default=True)
RATELIMIT_ENABLE = FORM_RATE_LIMITS
RATELIMIT_USE_CACHE = "limits"
# django-ratelimit names only django-redis and memcached: Django's own Redis cache increments
# atomically too (W001); the database cache of the embedded setup does not (E003), which can let a
# few concurrent requests past a limit on one small server, never one process's worth per worker.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]

# Background jobs: django-q2 on the ORM broker by default, on Redis when REDIS_URL is set.
# retry must exceed timeout, or a long task is handed out a second time while it still runs.
Q_CLUSTER = {
    "name": "govportal",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": env.int("Q_TIMEOUT", default=600),
    "retry": env.int("Q_RETRY", default=720),
    "max_attempts": 3,
    "catch_up": False,
    "label": "后台任务",
    **({"redis": REDIS_URL} if REDIS_URL else {"orm": "default"}),
}
# wagtail-localize's jobs (updating translations) go to the django-q2 worker.
WAGTAILLOCALIZE_JOBS = {"BACKEND": "mirrors.jobs.DjangoQJobBackend"}
# Machine translation only when configured; no key lives in the repository.
if env("DEEPL_API_KEY", default=""):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env("DEEPL_API_KEY")},
    }
# 智能问答's optional generative restatement (docs/answers.md): an OpenAI-compatible endpoint; off when empty.
ANSWERS_LLM_URL = env("ANSWERS_LLM_URL", default="")
ANSWERS_LLM_MODEL = env("ANSWERS_LLM_MODEL", default="")
ANSWERS_LLM_KEY = env("ANSWERS_LLM_KEY", default="")
# Wagtail's own background tasks (search index updates, reference index) run inline.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Search: Wagtail's database backend by default, Elasticsearch 9 when ELASTICSEARCH_URL is set.
# Both analyse Chinese (see home.segment and search.elasticsearch).
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    from search.elasticsearch import index_settings

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": env("ELASTICSEARCH_INDEX_PREFIX", default="govportal_"),
            "TIMEOUT": 10,
            "INDEX_SETTINGS": index_settings(env("ELASTICSEARCH_ANALYZER", default="cjk")),
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}

# Email: console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="政府网站集约化平台")
# Links in the admin's e-mails; the demo is served on PORT (make run).
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=f"http://localhost:{env('PORT', default='8000')}")
WAGTAILIMAGES_IMAGE_MODEL = "home.PortalImage"
WAGTAILDOCS_DOCUMENT_MODEL = "home.PortalDocument"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "wps",
    "ofd",
    "txt",
    "csv",
    "zip",
]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.document_forms.PortalDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "home.workflows.publish_after_review"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars from gravatar.com are unreachable on a government intranet and leak e-mail hashes: initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILSEARCH_HITS_MAX_AGE = 30

LOGIN_URL = "wagtailadmin_login"

# Login throttling (django-axes): five wrong passwords for one account, or from one address,
# lock that account or address for 30 minutes. Attempts are kept in the database, shared by all
# web processes on SQLite and PostgreSQL, and administrators see and lift lockouts under
# 设置 → 登录锁定 (accounts.wagtail_hooks). The address is REMOTE_ADDR only, as for the public forms' limits.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_ENABLE_ADMIN = False  # no Django admin site: the lockouts are shown in Wagtail's admin
AXES_SENSITIVE_PARAMETERS = []  # staff account names and addresses: what the log is read for

# Monitoring reaches every site through this address when set (e.g. http://127.0.0.1:8000 under
# `make run`, whose sub-site names such as sport.localhost need not resolve outside a browser);
# else by their registered addresses.
MONITORING_ORIGIN = env("MONITORING_ORIGIN", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Citizens' words can reach a log line (an error message quoting a form): personal data masked.
    "filters": {"personal_data": {"()": "home.personal_data.MaskingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["personal_data"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per page edit and per inline task is noise in a server log.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
