"""What citizens post in public (comments, opinions, interview questions): held for moderation,
shown only once approved, rejected with a stated reason."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from home import personal_data
from home.scoping import SiteOwned, SiteOwnedQuerySet
from interaction.choices import Moderation


class PublicPostQuerySet(SiteOwnedQuerySet):
    def approved(self):
        return self.filter(status=Moderation.APPROVED)


class PublicPost(SiteOwned):
    nickname = models.CharField("昵称", max_length=30, blank=True, help_text="不填写则显示为“网友”")
    content = models.TextField("内容", max_length=1000)
    # What public pages show instead of `content`: the moderator's version with personal data
    # removed, pre-filled by home.personal_data when the post comes in.
    public_content = models.TextField("公开内容", max_length=1000, blank=True)
    status = models.CharField("审核状态", max_length=10, choices=Moderation.choices, default=Moderation.PENDING)
    reason = models.CharField("未通过理由", max_length=200, blank=True)
    flagged_words = models.CharField("命中敏感词", max_length=300, blank=True)
    created_at = models.DateTimeField("提交时间", default=timezone.now)
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="审核人",
    )

    objects = PublicPostQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.content[:30]

    def save(self, *args, **kwargs):
        if not self.public_content:
            self.public_content = personal_data.mask(self.content)
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.nickname or "网友"
