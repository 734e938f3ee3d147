"""The interaction staff's start-page panels: letters overdue or due within three working days,
and what citizens posted that waits for moderation."""

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from casework.posts import Moderation
from casework.workdays import WorkCalendar, add_working_days, working_days_left
from home.dashboard import SHOWN, WorkPanel
from interaction.admin_views.letters import scoped_letters
from interaction.admin_views.moderation import KINDS, scoped_posts
from interaction.choices import OPEN_LETTER_STATUSES

DUE_SOON = 3  # working days


def letters_due_panel(user, today=None):
    today, calendar = today or timezone.localdate(), WorkCalendar()
    due = scoped_letters(user).filter(
        status__in=OPEN_LETTER_STATUSES, due_on__lte=add_working_days(today, DUE_SOON, calendar)
    )
    rows = []
    for letter in due.order_by("due_on", "pk")[:SHOWN]:
        left = working_days_left(letter.due_on, today, calendar)
        rows.append(
            (
                reverse("interaction_letter", args=[letter.pk]),
                [
                    letter.number,
                    letter.subject,
                    letter.department.name if letter.department_id else "",
                    f"{letter.due_on:%Y-%m-%d}",
                    f"已超期 {-left} 天" if left < 0 else f"剩 {left} 个工作日",
                ],
            )
        )
    return WorkPanel(
        "letters_due",
        "来信办理：即将到期和已超期",
        ["信件编号", "标题", "承办单位", "办理期限", "剩余工作日"],
        rows,
        empty=f"没有已超期或 {DUE_SOON} 个工作日内到期的来信。",
        order=30,
        total=due.count() if len(rows) == SHOWN else len(rows),
        more=(reverse("interaction_letters:index") + "?status=open", "查看全部未办结来信"),
    )


def moderation_panel(user, now=None):
    """The oldest posts of every kind (留言, 意见, 访谈提问) waiting for moderation: one query a kind."""
    now = now or timezone.now()
    waiting, total = [], 0
    for kind, (_, label) in KINDS.items():
        pending = scoped_posts(user, kind).filter(status=Moderation.PENDING)
        total += pending.count()
        waiting += [(post.created_at, kind, label, post) for post in pending.order_by("created_at", "pk")[:SHOWN]]
    waiting.sort(key=lambda item: item[0])
    rows = [
        (
            f"{reverse('interaction_moderation', args=[kind])}?status={Moderation.PENDING}#post-{post.pk}",
            [post.content[:30], label, post.page.title, timesince(post.created_at, now, depth=1)],
        )
        for _, kind, label, post in waiting[:SHOWN]
    ]
    return WorkPanel(
        "posts_to_moderate",
        "互动审核：待审核的留言和意见",
        ["内容", "类别", "所在页面", "已等待"],
        rows,
        empty="没有待审核的留言、意见或访谈提问。",
        order=40,
        total=total,
    )
