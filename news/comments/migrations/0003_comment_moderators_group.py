from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("comments", "moderate_comments"),
]


def create_moderators_group(apps, schema_editor):
    """The "Comment moderators" group: may use the admin and moderate comments, but not see contact details."""
    for app_config in apps.get_app_configs():  # permissions are normally made after migrate
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=settings.COMMENT_MODERATORS_GROUP)
    for app_label, codename in MODERATOR_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_moderators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=settings.COMMENT_MODERATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_commentmoderation_and_more"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_moderators_group, remove_moderators_group)]
