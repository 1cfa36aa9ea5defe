"""The moderation decision as a field (``decision``, and ``pending_decision`` for comments awaiting e-mail
confirmation), filled for existing rows from the comments' state. Only here, once, is a reason's text read:
it tells a moderator's unpublishing from readers' reports, and an author's deletion from a removal.

Also, once: the entries of Wagtail's history about comments were labelled with the commenter's name and the
start of the text (``str(comment)``); they are named "Comment N" instead, as new entries are (even those of
comments deleted since, which erasing an address can no longer find).
"""

from django.db import migrations, models
from django.db.models import CharField, Value
from django.db.models.functions import Concat

DECISIONS = [
    ("published", "Published"),
    ("held", "Held for moderation"),
    ("awaiting_confirmation", "Awaiting e-mail confirmation"),
    ("hidden_by_reports", "Hidden by readers' reports"),
    ("unpublished", "Unpublished by a moderator"),
    ("removed", "Removed by a moderator"),
    ("deleted_by_author", "Deleted by its author"),
]


def fill_decisions(apps, schema_editor):
    records = apps.get_model("comments", "CommentModeration").objects
    removed = records.filter(comment__is_removed=True)
    removed.filter(reason__startswith="deleted by its author").update(decision="deleted_by_author")
    removed.exclude(reason__startswith="deleted by its author").update(decision="removed")
    records.filter(comment__is_removed=False, comment__is_public=True).update(decision="published")
    not_shown = records.filter(comment__is_removed=False, comment__is_public=False)
    confirming = not_shown.exclude(confirmation_token="")
    confirming.filter(pending_reason__startswith="published").update(pending_decision="published")
    confirming.exclude(pending_reason__startswith="published").update(pending_decision="held")
    confirming.update(decision="awaiting_confirmation")
    taken_down = not_shown.filter(confirmation_token="")
    taken_down.filter(reason__startswith="hidden: reported").update(decision="hidden_by_reports")
    taken_down.filter(reason__startswith="unpublished by").update(decision="unpublished")
    taken_down.exclude(reason__startswith="hidden: reported").exclude(reason__startswith="unpublished by").update(
        decision="held"
    )


def name_comments_in_log_entries_by_number(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label__in=["django_comments_xtd", "django_comments"], model__in=["xtdcomment", "comment"]
    )
    apps.get_model("wagtailcore", "ModelLogEntry").objects.filter(content_type__in=content_types).update(
        label=Concat(Value("Comment "), "object_id", output_field=CharField())
    )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_comment_email_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0068_log_entry_empty_object"),
    ]

    operations = [
        migrations.AddField(
            model_name="commentmoderation",
            name="decision",
            field=models.CharField(choices=DECISIONS, default="held", max_length=30),
        ),
        migrations.AddField(
            model_name="commentmoderation",
            name="pending_decision",
            field=models.CharField(
                blank=True,
                choices=DECISIONS,
                help_text="What the rules decided, applied once the commenter confirms by e-mail.",
                max_length=30,
            ),
        ),
        migrations.AlterField(
            model_name="commentmoderation",
            name="pending_reason",
            field=models.CharField(
                blank=True,
                help_text="Why the rules decided so, shown once the commenter confirms by e-mail.",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="commentsettings",
            name="approve_returning_commenters",
            field=models.BooleanField(
                default=True,
                help_text="Publish at once a comment from a reader who has proved they commented here before "
                "(unless another rule holds it): a comment sent from the same browser is now approved (the browser "
                "keeps a signed cookie of its own comments), or they confirmed their address by the e-mailed link "
                "and that address has an approved comment. A typed e-mail address alone proves nothing.",
                verbose_name="Approve returning commenters",
            ),
        ),
        migrations.RunPython(fill_decisions, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(name_comments_in_log_entries_by_number, migrations.RunPython.noop, elidable=True),
    ]
