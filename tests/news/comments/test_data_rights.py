"""Export, erase and IP retention on a realistic data set: one implementation behind the commands."""

import datetime
import json
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration, CommentReport
from news.comments.notifications import deliver_email
from news.factories import CampaignPageFactory, NewsArticlePageFactory
from tests.utils import build_site_tree

EMAIL = "Dana.Writer@Example.org"
COMMENT_TABLES = (
    "django_comments",
    "django_comments_xtd_xtdcomment",
    "comments_commentmoderation",
    "comments_commentreport",
)


def text_columns(table):
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
    return [column.name for column in description if column.type_code in (25, 1043)]  # text, varchar


def rows_mentioning(needle):
    """Every row of the comment tables with the needle in any text column (case-insensitive)."""
    found = []
    with connection.cursor() as cursor:
        for table in COMMENT_TABLES:
            for column in text_columns(table):
                cursor.execute(f'SELECT COUNT(*) FROM "{table}" WHERE "{column}" ILIKE %s', [f"%{needle}%"])  # noqa: S608
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column}")
    return found


class DataRightsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index, title="On prevention")
        cls.campaign = CampaignPageFactory(parent=tree.campaign_index, title="Stop it early")
        cls.mine = [
            CommentFactory(page=cls.article, user_email=EMAIL, user_name="Dana", comment="First", followup=True),
            CommentFactory(page=cls.campaign, user_email=EMAIL.lower(), user_name="Dana W", comment="Second"),
        ]
        cls.reply_to_me = CommentFactory(page=cls.article, parent=cls.mine[0], user_email="sam@example.org")
        cls.my_reply = CommentFactory(page=cls.article, parent=cls.reply_to_me, user_email=EMAIL, comment="Third")
        for comment in cls.mine:
            CommentModeration.objects.create(
                comment=comment,
                decision=CommentModeration.Decision.PUBLISHED,
                reason="published: returning commenter",
                author_key_hash="x" * 64,
                unsubscribe_token="t" * 40,
            )
        CommentReport.objects.create(comment=cls.mine[1], reason="spam", ip_address="192.0.2.5")
        cls.others = CommentFactory(page=cls.article, user_email="someone@example.org", comment="Unrelated")

    def test_export_lists_everything_stored_about_the_address(self):
        out = StringIO()
        call_command("export_commenter_data", EMAIL.lower(), stdout=out)
        document = json.loads(out.getvalue())
        self.assertEqual([c["text"] for c in document["comments"]], ["First", "Second", "Third"])
        first = document["comments"][0]
        self.assertEqual(first["page_title"], "On prevention")
        self.assertEqual(first["page_url"], "http://localhost/news/on-prevention/")
        self.assertEqual(first["ip_address"], "192.0.2.10")
        self.assertEqual(
            (first["moderation_decision"], first["moderation_reason"]), ("published", "published: returning commenter")
        )
        self.assertEqual(document["comments"][2]["in_reply_to"], self.reply_to_me.pk)
        self.assertEqual([s["comment_id"] for s in document["notification_subscriptions"]], [self.mine[0].pk])
        self.assertNotIn("Unrelated", out.getvalue())
        self.assertNotIn("someone@example.org", out.getvalue())

    def test_erase_leaves_no_trace_of_the_address_and_keeps_threads(self):
        with self.captureOnCommitCallbacks(execute=True):
            deliver_email.enqueue(subject="Reply", body="Hello", to=[EMAIL])
        self.assertTrue(rows_mentioning(EMAIL))
        out = StringIO()
        call_command("erase_commenter_data", EMAIL, stdout=out)
        self.assertIn("Anonymised 3 comments.", out.getvalue())
        self.assertEqual(rows_mentioning(EMAIL), [])
        self.assertEqual(rows_mentioning("dana.writer"), [])
        erased = XtdComment.objects.get(pk=self.mine[0].pk)
        self.assertEqual((erased.user_name, erased.user_email, erased.ip_address), ("Anonymous", "", None))
        self.assertFalse(erased.followup)
        self.assertEqual(erased.comment, "First")  # text kept unless asked
        self.assertEqual(XtdComment.objects.get(pk=self.my_reply.pk).parent_id, self.reply_to_me.pk)
        self.assertEqual(CommentModeration.objects.get(comment=erased).unsubscribe_token, "")
        self.assertEqual(XtdComment.objects.get(pk=self.others.pk).user_email, "someone@example.org")
        from django_tasks_db.models import DBTaskResult

        self.assertFalse(any(EMAIL.lower() in json.dumps(r.args_kwargs).lower() for r in DBTaskResult.objects.all()))
        page = self.client.get(self.article.url).content.decode()
        self.assertIn("Anonymous", page)
        self.assertNotIn("Dana", page)

    def test_erase_can_remove_the_text_too(self):
        call_command("erase_commenter_data", EMAIL, "--remove-text", stdout=StringIO())
        self.assertEqual(
            set(XtdComment.objects.filter(pk__in=[c.pk for c in self.mine]).values_list("comment", flat=True)),
            {"[removed]"},
        )
        self.assertEqual(rows_mentioning("First"), [])

    def test_purge_clears_ip_addresses_older_than_the_retention_period(self):
        old = timezone.now() - datetime.timedelta(days=31)
        XtdComment.objects.filter(pk=self.mine[0].pk).update(submit_date=old)
        CommentReport.objects.update(created_at=old)
        out = StringIO()
        call_command("purge_comment_ips", stdout=out)
        self.assertIn("Cleared IP addresses of 1 comments and 1 reports.", out.getvalue())
        self.assertIsNone(XtdComment.objects.get(pk=self.mine[0].pk).ip_address)
        self.assertEqual(XtdComment.objects.get(pk=self.mine[1].pk).ip_address, "192.0.2.10")
        self.assertIsNone(CommentReport.objects.get().ip_address)
        call_command("purge_comment_ips", "--days", "0", stdout=StringIO())
        self.assertFalse(XtdComment.objects.exclude(ip_address=None).exists())


class ErasureAndTheAuditLogTests(TestCase):
    """Wagtail's history of moderators' actions (Reports → Site history) keeps who did what and when, but never
    the commenter's name, address or text."""

    NAME, ADDRESS, TEXT = "Quinn Featherstone", "quinn.f@example.org", "Zebra crossings near Oakfield school"
    SECRETS = ("Quinn", "Featherstone", "quinn.f", "Zebra crossings", "Oakfield")

    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index, title="On crossings")
        cls.superuser = get_user_model().objects.create_superuser("boss", "boss@staff.example", "pw")
        cls.comment = CommentFactory(
            page=cls.article, user_name=cls.NAME, user_email=cls.ADDRESS, comment=cls.TEXT, is_public=False
        )
        CommentModeration.objects.create(comment=cls.comment, reason="held: pre-moderation of a new commenter")

    def act_as_moderators(self):
        from news.comments import services

        services.approve_comments(comments=[self.comment], user=self.superuser)
        services.moderator_edit(comment=self.comment, text=self.TEXT + ", edited", user=self.superuser)
        services.unpublish_comments(comments=[self.comment], user=self.superuser)
        services.staff_reply(parent=self.comment, text="Thank you", user=self.superuser)

    def log_entries(self):
        from wagtail.models import ModelLogEntry

        return list(ModelLogEntry.objects.filter(object_id__in=[str(c.pk) for c in XtdComment.objects.all()]))

    def assert_nothing_of_the_commenter_in(self, text, where):
        for secret in self.SECRETS:
            self.assertNotIn(secret.lower(), text.lower(), f"{secret!r} in {where}")

    def test_log_entries_of_comments_never_carry_the_name_or_the_text(self):
        self.act_as_moderators()
        entries = self.log_entries()
        self.assertEqual(len(entries), 4)
        for entry in entries:
            self.assertEqual(entry.label, f"Comment {entry.object_id}")
            self.assert_nothing_of_the_commenter_in(entry.label + json.dumps(entry.data), "a new log entry")

    def test_a_migration_names_comments_in_earlier_log_entries_by_number(self):
        import importlib

        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import ModelLogEntry

        migration = importlib.import_module("news.comments.migrations.0006_commentmoderation_decision")
        entry = ModelLogEntry.objects.create(  # as entries were written before, e.g. of a comment deleted since
            content_type=ContentType.objects.get_for_model(XtdComment),
            object_id="123456",
            label=f"{self.NAME}: {self.TEXT}",
            action="comments.delete",
            user=self.superuser,
            timestamp=timezone.now(),
        )
        migration.name_comments_in_log_entries_by_number(apps, None)
        entry.refresh_from_db()
        self.assertEqual((entry.label, entry.action, entry.user), ("Comment 123456", "comments.delete", self.superuser))

    def test_erasure_scrubs_the_log_and_site_history_keeps_who_did_what_when(self):
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import ModelLogEntry

        self.act_as_moderators()
        ModelLogEntry.objects.create(  # as entries were written before: the comment's str() and some data
            content_type=ContentType.objects.get_for_model(XtdComment),
            object_id=str(self.comment.pk),
            label=f"{self.NAME}: {self.TEXT}",
            action="comments.remove",
            user=self.superuser,
            timestamp=timezone.now(),
            data={"name": self.NAME, "email": self.ADDRESS, "text": self.TEXT},
        )
        before = {(e.pk, e.action, e.user_id, e.timestamp) for e in self.log_entries()}
        self.client.force_login(self.superuser)
        self.assertContains(self.client.get("/admin/reports/site-history/"), "Featherstone")

        call_command("erase_commenter_data", self.ADDRESS, stdout=StringIO())

        entries = self.log_entries()
        self.assertEqual({(e.pk, e.action, e.user_id, e.timestamp) for e in entries}, before)
        mine = [entry for entry in entries if entry.object_id == str(self.comment.pk)]
        self.assertEqual({entry.label for entry in mine}, {f"Comment {self.comment.pk} (erased)"})
        for entry in entries:
            self.assert_nothing_of_the_commenter_in(entry.label + json.dumps(entry.data), f"log entry {entry.pk}")
        response = self.client.get("/admin/reports/site-history/")
        self.assertContains(response, f"Comment {self.comment.pk} (erased)")
        self.assert_nothing_of_the_commenter_in(response.content.decode(), "the site history")
        self.assertContains(self.client.get("/admin/reports/site-history/?label=Featherstone"), "No log entries found")

    def test_erasure_leaves_no_mail_task_carrying_the_name_or_the_text(self):
        """Moderators' mail about a held comment and reply mail to another commenter carry the name and the text
        but not the address: erasing the address deletes them too (queued or already sent)."""
        from django_tasks_db.models import DBTaskResult

        from news.comments import notifications

        other = CommentFactory(page=self.article, user_email="sam@example.org", comment="Sam's question")
        reply = CommentFactory(
            page=self.article, parent=other, user_name=self.NAME, user_email=self.ADDRESS, comment=self.TEXT + "!"
        )
        unrelated = CommentFactory(page=self.article, user_name="Sam", user_email="sam@example.org", comment="More")
        with self.captureOnCommitCallbacks(execute=True):
            notifications.notify_moderators_of_held_comment(comment=self.comment, page=self.article, reason="held")
            notifications.notify_author_of_reply(
                reply=reply, parent=other, page=self.article, unsubscribe_token="t" * 40
            )
            notifications.notify_moderators_of_held_comment(comment=unrelated, page=self.article, reason="held")
        self.assertTrue(any("Featherstone" in json.dumps(r.args_kwargs) for r in DBTaskResult.objects.all()))

        call_command("erase_commenter_data", self.ADDRESS, stdout=StringIO())

        kept = [json.dumps(result.args_kwargs, ensure_ascii=False) for result in DBTaskResult.objects.all()]
        for args in kept:
            self.assert_nothing_of_the_commenter_in(args, "a mail task")
        self.assertEqual(len(kept), 1, "mail about someone else's comment stays")
