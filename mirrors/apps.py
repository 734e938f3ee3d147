from django.apps import AppConfig


class MirrorsConfig(AppConfig):
    name = "mirrors"
    verbose_name = "外文版"

    def ready(self):
        from mirrors import checks  # noqa: F401  (registers the monitoring check)
