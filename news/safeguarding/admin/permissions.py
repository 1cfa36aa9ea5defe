"""Who reads disclosures: only people given the permission (the "Safeguarding leads" group). A superuser's
blanket permissions do not count: an administrator who must read cases joins the group, which the history shows."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

HANDLE_CASES = ("safeguarding", "handle_cases")


def is_safeguarding_lead(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_is_safeguarding_lead", None)
    if cached is None:
        app_label, codename = HANDLE_CASES
        cached = (
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            .filter(Q(group__user=user) | Q(user=user))
            .exists()
        )
        user._is_safeguarding_lead = cached
    return cached


class LeadsOnlyPolicy(ModelPermissionPolicy):
    """The model's ``actions`` are the leads' alone; nobody takes any other (cases are never added or edited as
    forms: they change through the steps on the case screen)."""

    def __init__(self, model, *, actions, **kwargs):
        super().__init__(model, **kwargs)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_safeguarding_lead(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        app_label, codename = HANDLE_CASES
        permission = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
        permission |= Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
        return get_user_model().objects.filter(permission, is_active=True).distinct()
