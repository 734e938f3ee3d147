from django.apps import AppConfig


class MirrorsConfig(AppConfig):
    name = "mirrors"
    verbose_name = "外文版"
