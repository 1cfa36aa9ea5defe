"""The "Comment moderators" group, made by a migration (and again by tests after a database flush)."""

from django.conf import settings

MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("comments", "moderate_comments"),
]


def ensure_moderators_group(*, group_model, permission_model):
    """May use the admin and moderate comments; may not see commenters' contact details."""
    group, _ = group_model.objects.get_or_create(name=settings.COMMENT_MODERATORS_GROUP)
    for app_label, codename in MODERATOR_PERMISSIONS:
        group.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))
    return group
