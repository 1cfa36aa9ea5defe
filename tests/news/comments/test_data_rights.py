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
