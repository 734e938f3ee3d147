from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    """What every kind of citizen case shares: anti-abuse for public forms, first of all."""

    name = "casework"
    verbose_name = "办件基础"
