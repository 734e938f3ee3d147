"""Local development and `make run`: debug on, console email, an insecure fixed key."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SERVE_MEDIA = True  # the demo (`make run`) runs without DEBUG and still shows its images
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if not env("DEEPL_API_KEY", default=""):
    # The demo's machine translation: wagtail-localize's dummy translator.
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
