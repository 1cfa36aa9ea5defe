"""Imported comments go through safeguarding like new ones: a disclosure becomes a case (whatever the old site
did with it), personal details hold a comment with the reason, and a second run never brings either back."""

import io
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core import mail
from django.core.management import call_command
from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment

from news.comments.models import CommentModeration
from news.factories import NewsArticlePageFactory
from news.safeguarding.categories import Category
from news.safeguarding.models import SafeguardingCase
from tests.news.comments.helpers import run_mail_worker
from tests.news.comments.test_admin_queue import make_user
from tests.utils import build_site_tree

DISCLOSURE = "I'm 13 and a man on a game keeps asking me to send him pictures, he says it's our secret"
POST = """
  <post dsq:id="{id}">
    <message><![CDATA[<p>{text}</p>]]></message>
    <createdAt>2016-05-02T08:00:00Z</createdAt>
    <isDeleted>false</isDeleted>
    <isSpam>false</isSpam>
    <author><email>{email}</email><name>{name}</name><isAnonymous>true</isAnonymous></author>
    <thread dsq:id="1" />
  </post>"""
EXPORT = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1">
    <id>old-article</id>
    <link>https://old-campaign.example/news/old-article/</link>
    <title>Old article</title>
    <isClosed>false</isClosed>
    <isDeleted>false</isDeleted>
  </thread>{posts}
</disqus>"""


class ImportedSafeguardingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index, title="Old article", slug="old-article")
        make_user("lead", groups=["Safeguarding leads"])
        posts = [
            POST.format(id=1, text="A thoughtful reply about policing.", email="ann@old.example", name="Ann"),
            POST.format(id=2, text=DISCLOSURE, email="sam@family.example", name="Sam"),
            POST.format(id=3, text="Ring me on 020 7946 0018 to help.", email="kim@old.example", name="Kim"),
        ]
        cls.tmp = TemporaryDirectory()
        cls.export = Path(cls.tmp.name) / "disqus.xml"
        cls.export.write_text(EXPORT.format(posts="".join(posts)), encoding="utf-8")
        with cls.captureOnCommitCallbacks(execute=True):
            cls.summary = cls.run_import()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()
        super().tearDownClass()

    @classmethod
    def run_import(cls):
        out = io.StringIO()
        call_command("import_disqus", str(cls.export), stdout=out)
        return out.getvalue()

    def test_a_disclosure_becomes_a_case_and_its_row_keeps_nothing(self):
        case = SafeguardingCase.objects.get()
        self.assertEqual(
            (case.category, case.text, case.writer_email), (Category.CHILD_DISCLOSURE, DISCLOSURE, "sam@family.example")
        )
        self.assertEqual((case.comment.comment, case.comment.user_email, case.comment.is_public), ("", "", False))
        self.assertEqual(CommentModeration.objects.get(comment=case.comment).decision, "safeguarding")
        self.assertNotIn("our secret", Client().get(self.article.url).content.decode())
        self.assertIn("safeguarding case", self.summary)

    def test_the_leads_are_told_with_a_link_and_no_text(self):
        run_mail_worker()
        self.assertEqual([message.to for message in mail.outbox], [["lead@staff.example"]])
        self.assertNotIn("secret", mail.outbox[0].body)

    def test_personal_details_hold_the_comment_with_the_reason(self):
        comment = XtdComment.objects.get(user_name="Kim")
        self.assertFalse(comment.is_public)
        record = CommentModeration.objects.get(comment=comment)
        self.assertEqual(
            (record.held_by, record.reason), ("personal_details", "imported: held: personal details (a phone number)")
        )
        self.assertTrue(XtdComment.objects.get(user_name="Ann").is_public)

    def test_a_second_run_brings_back_neither_the_text_nor_the_writer(self):
        self.run_import()
        self.assertEqual(SafeguardingCase.objects.count(), 1)
        case = SafeguardingCase.objects.get()
        case.comment.refresh_from_db()
        self.assertEqual((case.comment.comment, case.comment.user_name, case.comment.user_email), ("", "", ""))
        self.assertFalse(XtdComment.objects.filter(comment__contains="our secret").exists())
