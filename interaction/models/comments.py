"""网民留言 on articles: editors open comments per article; comments wait for moderation and
staff may answer them publicly."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from casework.posts import PublicAnswer
from interaction.models.posts import PublicPost


class ArticleComments(models.Model):
    """Whether an article takes comments. Kept beside the article rather than on it, so that
    opening comments needs no new revision of the page."""

    page = models.OneToOneField(
        "home.ArticlePage", on_delete=models.CASCADE, related_name="comment_settings", verbose_name="文章"
    )
    enabled = models.BooleanField("开放留言", default=True)
    changed_at = models.DateTimeField("修改时间", auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="修改人",
    )

    class Meta:
        verbose_name = "文章留言设置"
        verbose_name_plural = "文章留言设置"

    def __str__(self):
        return f"{self.page.title}：{'开放' if self.enabled else '关闭'}留言"


def comments_open(page):
    return ArticleComments.objects.filter(page_id=page.pk, enabled=True).exists()


class Comment(PublicAnswer, PublicPost):
    page = models.ForeignKey("home.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name="文章")
    reply = models.TextField("回复", max_length=2000, blank=True)
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="回复人",
    )

    class Meta(PublicPost.Meta):
        verbose_name = "网民留言"
        verbose_name_plural = "网民留言"
        permissions = [("moderate_posts", "审核网民留言、征集意见和访谈提问")]

    def record_answer(self, user, text, live):
        self.reply, self.replied_at, self.replied_by = text, timezone.now(), user
