from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "信息公开"

    def ready(self):
        from disclosure import timeliness  # noqa: F401  (a source of monitoring's 答复时效 check)
