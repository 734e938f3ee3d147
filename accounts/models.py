from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Platform user. Kept in its own app so that Wagtail's migrations, which depend on the
    user model, never depend on the apps that hold pages."""

    phone = models.CharField("办公电话", max_length=32, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
