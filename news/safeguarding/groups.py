"""The "Safeguarding leads" group, made by a migration (and again by tests after a database flush)."""

from django.conf import settings

LEAD_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("safeguarding", "handle_cases"),
    ("safeguarding", "view_safeguardingrule"),
    ("safeguarding", "change_safeguardingrule"),
    ("safeguarding", "change_safeguardingsettings"),
    ("safeguarding", "view_helpmessagecount"),
]


def ensure_leads_group(*, group_model, permission_model):
    """Read and handle cases, edit the patterns and the safeguarding settings, see the help messages' counts;
    nothing else."""
    group, _ = group_model.objects.get_or_create(name=settings.SAFEGUARDING_LEADS_GROUP)
    for app_label, codename in LEAD_PERMISSIONS:
        group.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))
    return group
