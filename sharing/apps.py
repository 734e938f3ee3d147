from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"
    verbose_name = "信息报送与共享"

    def ready(self):
        from sharing import checks, signals  # noqa: F401  (registers the monitoring check and the signal handlers)

        signals.connect()
