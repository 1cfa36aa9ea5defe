from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

from news.comments.groups import ensure_moderators_group

def create_moderators_group(apps, schema_editor):
    """The "Comment moderators" group: may use the admin and moderate comments, but not see contact details."""
    for app_config in apps.get_app_configs():  # permissions are normally made after migrate
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_moderators_group(group_model=apps.get_model("auth", "Group"), permission_model=apps.get_model("auth", "Permission"))


def remove_moderators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=settings.COMMENT_MODERATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_commentmoderation_and_more"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_moderators_group, remove_moderators_group)]
