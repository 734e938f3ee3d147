from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """我为政府网站找错: error reports from the public, handled as cases by each site's editors."""

    name = "feedback"
    verbose_name = "我为政府网站找错"

    def ready(self):
        from feedback import checks  # noqa: F401  registers the monitoring check
