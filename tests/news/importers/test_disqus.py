"""import_disqus: a Disqus export's threads land on the pages they name, by identifier or by address."""

import io
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from django_comments_xtd.models import XtdComment

from news.comments.models import CommentModeration
from news.factories import NewsArticlePageFactory
from news.importers.disqus import match_ids
from news.importers.models import ImportedObject
from tests.utils import build_site_tree

EXPORT = Path(__file__).parent / "data" / "disqus.xml"


def import_disqus(*extra):
    out = io.StringIO()
    call_command("import_disqus", str(EXPORT), *extra, stdout=out)
    return out.getvalue()


class ImportDisqusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.from_drupal = NewsArticlePageFactory(parent=tree.news_index, title="Imported before", slug="imported")
        ImportedObject.objects.create(
            source="drupal7",
            kind="page",
            source_id="12",
            content_type=ContentType.objects.get_for_model(cls.from_drupal),
            object_id=cls.from_drupal.pk,
        )
        cls.by_link = NewsArticlePageFactory(parent=tree.news_index, title="By link", slug="disqus-article")
        cls.summary = import_disqus()

    def comments_on(self, page):
        return list(XtdComment.norel_objects.filter(object_pk=str(page.pk)).order_by("thread_id", "order"))

    def test_threads_are_matched_by_identifier_and_by_link(self):
        self.assertEqual([c.user_name for c in self.comments_on(self.from_drupal)], ["Amira", "Bruno", "Chen", "Dara"])
        self.assertEqual([c.user_name for c in self.comments_on(self.by_link)], ["Farah"])

    def test_a_thread_with_no_page_here_is_reported(self):
        self.assertIn("thread 1003: no page here for the thread 'Nowhere'", self.summary)

    def test_deleted_and_spam_posts_are_skipped(self):
        self.assertIn("comment 5005: deleted on Disqus", self.summary)
        self.assertIn("comment 5006: spam on Disqus", self.summary)
        self.assertFalse(XtdComment.norel_objects.filter(user_name__in=["Erin", "Spammer"]).exists())

    def test_html_messages_become_plain_text(self):
        first = XtdComment.norel_objects.get(user_name="Amira")
        self.assertEqual(
            first.comment, "First on the node.\nSecond line & a source (https://example.org/a)\n\nNext paragraph"
        )
        self.assertEqual(XtdComment.norel_objects.get(user_name="Bruno").comment, "Réponse à Amira 🌍")

    def test_replies_keep_their_thread_flattened_to_the_maximum_depth(self):
        levels = [(c.user_name, c.level) for c in self.comments_on(self.from_drupal)]
        self.assertEqual(levels, [("Amira", 0), ("Bruno", 1), ("Chen", 2), ("Dara", 2)])

    def test_imported_posts_are_published_with_their_reason(self):
        record = CommentModeration.objects.get(comment__user_name="Farah")
        self.assertEqual((record.decision, record.reason), ("published", "imported: published on the old site"))

    def test_a_second_run_updates_and_adds_nothing(self):
        count = XtdComment.norel_objects.count()
        summary = import_disqus()
        self.assertEqual(XtdComment.norel_objects.count(), count)
        self.assertIn("comments           0         5", summary)


class IdentifierTests(SimpleTestCase):
    def test_drupal_and_wordpress_identifiers_name_the_earlier_import(self):
        self.assertEqual(match_ids("node/12"), [("drupal7", "12")])
        self.assertEqual(match_ids("12 https://old.example/?p=12"), [("wordpress", "12")])
        self.assertEqual(match_ids("some-other-thing"), [])
