"""Login lockouts (django-axes) in Wagtail's admin: platform administrators see who or which
address is locked out and lift a lockout by deleting it."""

from axes.models import AccessAttempt
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import ModelPermissionPolicy, register_permission_policy


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Only superusers: the attempts name accounts and addresses of every site. Attempts are
    recorded by logins, never added or edited by hand."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in ("view", "delete")


register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    name = "login_lockouts"
    url_prefix = "login-lockouts"
    menu_label = "登录锁定"
    add_to_settings_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    list_per_page = 50
    search_fields = ["username", "ip_address"]
    inspect_view_enabled = False
    form_fields = ["username"]  # never offered: the policy grants no add or change


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return LockoutViewSet()
