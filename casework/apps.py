from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CaseworkConfig(AppConfig):
    """What every kind of citizen case shares: the case models, the working-day calendar,
    numbering, anti-abuse for public forms."""

    name = "casework"
    verbose_name = "办件基础"

    def ready(self):
        from casework.deadlines import holidays_changed
        from casework.models import Holiday

        post_save.connect(holidays_changed, sender=Holiday, dispatch_uid="casework-holiday-saved")
        post_delete.connect(holidays_changed, sender=Holiday, dispatch_uid="casework-holiday-deleted")
