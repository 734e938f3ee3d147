from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "interaction"
    verbose_name = "互动交流"

    def ready(self):
        from wagtail import hooks

        from home.subsites import CREATE_SITE_ROLES
        from interaction import timeliness  # noqa: F401  (registers the monitoring sources)
        from interaction.roles import ensure_groups

        hooks.register(CREATE_SITE_ROLES, ensure_groups)
