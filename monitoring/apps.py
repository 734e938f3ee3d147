from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "网站监测"

    def ready(self):
        from monitoring import checks  # noqa: F401  (registers the checks)
