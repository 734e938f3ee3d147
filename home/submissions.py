"""What citizens' submissions (disclosure requests, letters) share: the secret query code the
submitter tracks them with, the tracking session it opens, and notification emails that never
fail the step they report."""

import logging
import secrets
import smtplib
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password
from django.core.mail import send_mail
from django.template.loader import render_to_string

from home.scoping import user_manages_site

logger = logging.getLogger(__name__)

# Tracking signs the visitor in to one request or letter, often on a shared computer: that ends
# with the browser, after half an hour without a visit to the tracking page, or at 退出.
TRACKING_IDLE_SECONDS = 30 * 60


def remember_tracked(request, key, pk):
    request.session.set_expiry(0)  # a cookie that the browser drops when it closes
    request.session[key] = {"pk": pk, "seen": int(time.time())}


def tracked_pk(request, key):
    """The pk the visitor tracks, or None (forgetting it) once they have been idle too long."""
    entry = request.session.get(key)
    if not isinstance(entry, dict):
        return None
    now = int(time.time())
    if now - entry["seen"] > TRACKING_IDLE_SECONDS:
        del request.session[key]
        return None
    request.session[key] = {**entry, "seen": now}
    return entry["pk"]


def forget_tracked(request, *keys):
    for key in keys:
        request.session.pop(key, None)


# No 0/O, 1/I/L: the submitter copies the code by hand.
QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
QUERY_CODE_LENGTH = 10


class QueryCodeHasher(PBKDF2PasswordHasher):
    """Query codes are drawn at random (about 50 bits), not chosen by people, and tracking is rate
    limited: far fewer rounds than a password needs leave a stolen hash just as unguessable while
    a submission no longer spends a second of CPU on it. Codes hashed before keep verifying."""

    algorithm = "pbkdf2_querycode"
    iterations = 20_000


class QueryCodeMixin:
    """For a model with a `query_code_hash` field: only a hash of the code is stored."""

    def set_new_query_code(self):
        code = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))
        self.query_code_hash = make_password(code, hasher=QueryCodeHasher.algorithm)
        return code

    def check_query_code(self, code):
        return check_password((code or "").strip().upper(), self.query_code_hash)


def staff_emails(permission, site_id):
    """Addresses of the staff of a site who hold a case permission (superusers are not staff)."""
    # Permissions come from Django's own backend; the login-throttling one grants none.
    users = get_user_model().objects.with_perm(
        permission, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    )
    return sorted({u.email for u in users.exclude(email="") if user_manages_site(u, site_id)})


def send_logged(template, subject, recipients, **context):
    """Send, logging failures: the step is recorded and shown on the tracking page either way."""
    recipients = [r for r in recipients if r]
    if recipients:
        body = render_to_string(template, context)
        try:
            send_mail(subject, body, None, recipients)
        except (OSError, smtplib.SMTPException):
            logger.exception("发送邮件失败：%s", subject)
