"""What citizens post in public on the interaction pages (comments, opinions, interview
questions): casework's moderated posts, moderated by holders of one permission, with one log of
moderation steps for the three kinds."""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models

from casework.posts import ModeratedPost, ModerationEvent

MODERATE_PERMISSION = "interaction.moderate_posts"  # declared on Comment's Meta


class PostEvent(ModerationEvent):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    post = GenericForeignKey()

    class Meta(ModerationEvent.Meta):
        verbose_name = verbose_name_plural = "审核记录"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.label


class PublicPost(ModeratedPost):
    MODERATE_PERMISSION = MODERATE_PERMISSION

    events = GenericRelation(PostEvent)

    class Meta(ModeratedPost.Meta):
        abstract = True
