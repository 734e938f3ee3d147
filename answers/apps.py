from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "answers"
    verbose_name = "智能问答"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from answers import signals

        signals.connect()
