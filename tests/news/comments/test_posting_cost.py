"""Posting a comment costs a fixed, small number of queries (many readers may post at once)."""

from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment
from wagtail.models.reference_index import ReferenceIndex

from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data
from tests.utils import build_site_tree, set_comment_rules


class PostingCostTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        set_comment_rules(cls.tree.home.get_site(), min_seconds_to_write=0)
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)

    def post(self, number):
        data = comment_form_data(self.article, comment=f"Comment {number}.", email=f"reader{number}@example.org")
        with CaptureQueriesContext(connection) as queries:
            response = Client().post(self.article.url + "comments/", data)
        self.assertEqual(response.status_code, 302)
        return [query["sql"] for query in queries]

    def test_comments_stay_out_of_wagtails_reference_index(self):
        """They reference only users and sites; indexing them cost four queries and a task per save."""
        self.assertFalse(ReferenceIndex.is_indexed(XtdComment))
        self.post(0)
        self.assertFalse(any("wagtailcore_referenceindex" in sql for sql in self.post(1)))

    def test_a_held_anonymous_comment_costs_the_same_few_queries_every_time(self):
        # Per-process caches (content types, site root paths, home.structure) are warm after the first posts;
        # the very first makes the site's settings rows, which starts a new structure generation.
        self.post(0)
        self.post(-1)
        posts = [self.post(number) for number in range(1, 4)]
        counts = {len(queries) for queries in posts}
        self.assertEqual(len(counts), 1, counts)
        # Wagtail's own routing finds the page (8, as for any page: tests/news/comments/test_query_counts.py);
        # the post itself: the rules (2), the duplicate check, the insert (5 with the savepoint), the
        # moderation record, one queued mail task and the page number of the new comment.
        self.assertLessEqual(counts.pop(), 8 + 11, "\n".join(q[:150] for q in posts[0]))

    def test_a_published_comment_asks_once_which_pages_show_the_discussion(self):
        """Which listings and feeds show a page's comments is kept until the site's structure changes, so a
        burst of published comments on one page does not look the related pages up again for each."""
        set_comment_rules(self.tree.home.get_site(), min_seconds_to_write=0, premoderate_anonymous=False)
        self.article.tags.add("policing")
        self.article.save_revision().publish()
        self.post(0)
        self.post(-1)
        posts = [self.post(number) for number in range(1, 4)]
        self.assertEqual(len({len(queries) for queries in posts}), 1)
        self.assertFalse(any("taggit" in sql for sql in posts[-1]), "the page's topics were read for the purge")
        self.assertLessEqual(len(posts[-1]), 8 + 10, "\n".join(q[:150] for q in posts[-1]))
