from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

from news.safeguarding.groups import ensure_leads_group


def create_leads_group(apps, schema_editor):
    """The "Safeguarding leads" group: reads and handles cases; ordinary moderators never do."""
    for app_config in apps.get_app_configs():  # permissions are normally made after migrate
        kept, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = kept
    ensure_leads_group(group_model=apps.get_model("auth", "Group"), permission_model=apps.get_model("auth", "Permission"))


def remove_leads_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=settings.SAFEGUARDING_LEADS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_leads_group, remove_leads_group)]
