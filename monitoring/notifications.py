"""Emailing new findings to the contacts of the responsible department, once per finding."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from monitoring.models import DepartmentContact, Finding, FindingStatus


def notify_new_findings():
    """Send each contact one email listing the open findings of their departments that no
    email has mentioned yet. Returns the number of emails sent."""
    with transaction.atomic():
        findings = list(
            Finding.objects.select_for_update(of=("self",))
            .filter(status=FindingStatus.OPEN, notified_at__isnull=True)
            .select_related("site", "department")
        )
        if not findings:
            return 0
        by_department = defaultdict(list)
        for finding in findings:
            if finding.department_id:
                by_department[finding.department_id].append(finding)
        by_user = defaultdict(list)
        contacts = DepartmentContact.objects.filter(department_id__in=by_department, notify=True).select_related("user")
        for contact in contacts:
            if contact.user.is_active and contact.user.email:
                by_user[contact.user].extend(by_department[contact.department_id])
        Finding.objects.filter(pk__in=[f.pk for f in findings]).update(notified_at=timezone.now())
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("monitoring_findings:index")
    for user, items in by_user.items():
        lines = [f"- [{f.get_severity_display()}] {f.site.site_name}：{f.title}" for f in items]
        send_mail(
            f"网站监测发现 {len(items)} 个新问题",
            "您负责的栏目或信息有以下新问题，请及时处理：\n\n" + "\n".join(lines) + f"\n\n查看与处理：{link}\n",
            None,
            [user.email],
        )
    return len(by_user)
