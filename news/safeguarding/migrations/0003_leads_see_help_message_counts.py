from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    """The Safeguarding leads see Reports → Help messages (``safeguarding.view_helpmessagecount``)."""
    app_config = apps.get_app_config("safeguarding")
    kept, app_config.models_module = getattr(app_config, "models_module", None), True  # permissions are normally made after migrate
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = kept
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=settings.SAFEGUARDING_LEADS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="safeguarding", codename="view_helpmessagecount")
    )


def revoke(apps, schema_editor):
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=settings.SAFEGUARDING_LEADS_GROUP).first()
    permission = Permission.objects.filter(
        content_type__app_label="safeguarding", codename="view_helpmessagecount"
    ).first()
    if group and permission:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0002_safeguarding_leads_group")]

    operations = [migrations.RunPython(grant, revoke)]
