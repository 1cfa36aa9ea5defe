"""Two indexes that posting a comment needs, on the comments library's table (so made here, in SQL).

- Commenters' addresses as the rules compare them (case-insensitively): posting asks whether the address
  already has an approved comment and whether the same text came from it on this page minutes ago.
- Each page's published comments in order: posting asks which page of comments the new one is on.

Without them each question reads every comment stored, held ones included.
"""

from django.db import migrations

EMAIL_INDEX = "comments_user_email_upper"
PUBLISHED_INDEX = "comments_published_on_page"


def create_indexes(apps, schema_editor):
    cast = "::text" if schema_editor.connection.vendor == "postgresql" else ""  # as Django writes iexact there
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {EMAIL_INDEX} ON django_comments (UPPER(user_email{cast}))")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {PUBLISHED_INDEX} ON django_comments (object_pk, content_type_id, id) "
        "WHERE is_public AND NOT is_removed"
    )


def drop_indexes(apps, schema_editor):
    for name in (EMAIL_INDEX, PUBLISHED_INDEX):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_staff_reply"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
