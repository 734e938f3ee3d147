"""What citizens post in public (comments, opinions, interview questions): held for moderation,
shown only once approved, rejected with a stated reason. The moderation's transition table is
declared here once; the concrete models name the permission that may take its steps
(MODERATE_PERMISSION) and the log their steps go to (a ModerationEvent), and the moderation
screen offers only the steps allowed now."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from casework.models import CaseEvent
from casework.steps import actor_fields
from casework.transitions import FSMField, step, step_labels, transition
from home import personal_data
from home.scoping import SiteOwned, SiteOwnedQuerySet


class Moderation(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已发布"
    REJECTED = "rejected", "未通过"


def may_moderate(post, user):
    return user.has_perm(post.MODERATE_PERMISSION)


class ModeratedPostQuerySet(SiteOwnedQuerySet):
    def approved(self):
        return self.filter(status=Moderation.APPROVED)


class ModeratedPost(SiteOwned):
    MODERATE_PERMISSION = None  # "app.codename" of the permission to moderate, set by the concrete model

    nickname = models.CharField("昵称", max_length=30, blank=True, help_text="不填写则显示为“网友”")
    content = models.TextField("内容", max_length=1000)
    # What public pages show instead of `content`: the moderator's version with personal data
    # removed, pre-filled by home.personal_data when the post comes in.
    public_content = models.TextField("公开内容", max_length=1000, blank=True)
    status = FSMField("审核状态", max_length=10, choices=Moderation.choices, default=Moderation.PENDING)
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

    objects = ModeratedPostQuerySet.as_manager()

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

    def moderated(self, user):
        self.moderated_by, self.moderated_at = user, timezone.now()

    def take(self, name, user, **data):
        """Take step `name` of the table, save the post and record the step (`events`, a relation
        the concrete models declare to their ModerationEvent)."""
        with transaction.atomic():
            note = getattr(self, name)(user, **data) or ""
            self.save()
            label = step_labels(type(self))[name]
            self.events.create(step=name, label=label, note=note, **actor_fields(user, ""))

    # The transition table. A rejected post may be reconsidered and a published one taken down.
    # A step returns the note its record keeps.

    @transition(
        status,
        [Moderation.PENDING, Moderation.REJECTED],
        Moderation.APPROVED,
        permission=may_moderate,
        custom=step("通过并发布"),
    )
    def approve(self, user, public_content=""):
        self.reason = ""
        self.public_content = public_content.strip() or self.public_content
        self.moderated(user)

    @transition(
        status,
        [Moderation.PENDING, Moderation.APPROVED],
        Moderation.REJECTED,
        permission=may_moderate,
        custom=step("不通过"),
    )
    def reject(self, user, reason):
        self.reason = reason
        self.moderated(user)
        return reason


class PublicAnswer:
    """The public answer step of posts staff answer (comments, interview questions): answering a
    pending post publishes it with the answer; a rejected one is not answered."""

    @transition(
        "status",
        [Moderation.PENDING, Moderation.APPROVED],
        Moderation.APPROVED,
        permission=may_moderate,
        custom=step("发布答复"),
    )
    def respond(self, user, text, live=None):
        if self.status == Moderation.PENDING:
            self.moderated(user)
        self.record_answer(user, text, live)

    def record_answer(self, user, text, live):
        """Store the answer on the post's own fields; `live` says it was given on air."""
        raise NotImplementedError


class ModerationEvent(CaseEvent):
    """One recorded moderation step: who took it, when, and its note (the reason of a rejection)."""

    step = models.CharField("步骤", max_length=20)
    label = models.CharField("步骤名称", max_length=60)  # the table's label when it was taken
    at = models.DateTimeField("时间", default=timezone.now)
    note = models.CharField("说明", max_length=400, blank=True)  # a reason, or an adoption note with its verdict

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
