from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "网站内容"

    def ready(self):
        from home import documents, page_cache, visibility

        page_cache.connect_signals()
        visibility.connect_signals()
        documents.connect_signals()
