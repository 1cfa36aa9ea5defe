"""import_wordpress: a real WordPress export (data/wordpress.xml, see data/README.md) becomes pages and comments."""

import io
import shutil
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment
from wagtail.contrib.redirects.models import Redirect

from home.models import StandardPage
from news.comments.models import CommentModeration
from news.importers.models import ImportedObject
from news.importers.wordpress import WordPressSource
from news.models import NewsArticlePage
from tests.utils import build_site_tree

WXR = Path(__file__).parent / "data" / "wordpress.xml"


def import_wordpress(path, *extra):
    out = io.StringIO()
    call_command("import_wordpress", str(path), *extra, stdout=out)
    return out.getvalue()


def summary_rows(summary):
    return {line.split()[0]: line.split()[1:] for line in summary.splitlines()[2:] if line[:1] not in (" ", "S")}


class ImportWordPressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.summary = import_wordpress(WXR)
        mapped = dict(
            ImportedObject.objects.filter(source="wordpress", kind="page").values_list("source_id", "object_id")
        )
        cls.post = NewsArticlePage.objects.get(pk=mapped["5"])
        cls.about = StandardPage.objects.get(title="About us")

    def comments(self):
        return list(XtdComment.norel_objects.filter(object_pk=str(self.post.pk)).order_by("thread_id", "order"))

    def test_posts_become_articles_and_pages_standard_pages(self):
        self.assertEqual(summary_rows(self.summary)["pages"], ["7", "0", "0"])
        self.assertEqual(NewsArticlePage.objects.count(), 4)
        self.assertEqual(StandardPage.objects.count(), 3)
        self.assertEqual(self.post.title, "Schools must report – ‘now’")
        self.assertEqual(self.post.slug, "schools-must-report")
        self.assertEqual(self.post.standfirst, "Schools must report abuse at once.")
        self.assertEqual(self.post.byline, "admin")
        self.assertEqual(self.about.body[0].value.source, "<p>We protect children.</p>\n\n<p>Second paragraph.</p>")
        self.assertFalse(NewsArticlePage.objects.get(title="Draft post").live)

    def test_the_body_keeps_its_formatting_and_loses_scripts_and_handlers(self):
        html = self.post.body[0].value.source
        self.assertIn("<strong>must</strong>", html)
        self.assertIn("<p>Last words.</p>", html)
        for dangerous in ("script", "stolen", "onclick"):
            self.assertNotIn(dangerous, html)

    def test_categories_and_tags_become_tags(self):
        self.assertEqual(sorted(tag.name for tag in self.post.tags.all()), ["Campaign news", "schools", "Écoles"])

    def test_threads_are_rebuilt_and_flattened_with_held_comments_awaiting_moderation(self):
        rows = [(c.user_name, c.level, c.is_public) for c in self.comments()]
        self.assertEqual(
            rows,
            [
                ("Ann Reader", 0, True),
                ("Ben Reader", 1, True),
                ("Cat Reader", 2, True),
                ("Dan Reader", 2, True),  # four levels on WordPress, three here
                ("Held Hannah", 0, False),
                ("Zoë Ünicode", 0, True),
            ],
        )
        held = CommentModeration.objects.get(comment__user_name="Held Hannah")
        self.assertEqual(held.reason, "imported: unpublished on the old site")

    def test_comment_html_becomes_plain_text_and_homepages_are_dropped(self):
        by_name = {c.user_name: c for c in self.comments()}
        self.assertEqual(by_name["Ann Reader"].comment, "I agree.\nSee https://example.org/report")
        self.assertEqual(by_name["Ann Reader"].user_url, "")
        self.assertEqual(by_name["Ann Reader"].user_email, "ann@readers.example")
        self.assertIsNone(by_name["Ann Reader"].ip_address)  # years old
        self.assertEqual(by_name["Dan Reader"].comment, "Four levels down: bold & a link (https://example.org/deep).")
        self.assertEqual(by_name["Zoë Ünicode"].comment, "Комментарий 🌍")

    def test_trashed_comments_are_skipped_with_the_reason(self):
        self.assertIn("comment 100106: trash on the old site", self.summary)
        self.assertFalse(XtdComment.norel_objects.filter(user_name="Trashed Tom").exists())

    def test_old_permalinks_redirect_where_the_address_changed(self):
        client = Client()
        response = client.get("/schools-must-report/")
        self.assertEqual((response.status_code, response["Location"]), (301, self.post.url))
        self.assertEqual(client.get("/about-us/").status_code, 200)  # the same address here: no redirect needed
        self.assertFalse(Redirect.objects.filter(old_path="/about-us").exists())

    def test_a_second_run_updates(self):
        comments = XtdComment.norel_objects.count()
        summary = import_wordpress(WXR)
        self.assertEqual(summary_rows(summary)["pages"], ["0", "7", "0"])
        self.assertEqual(XtdComment.norel_objects.count(), comments)


class SpamTests(TestCase):
    """WordPress leaves spam out of its exports; a file from elsewhere may still carry some."""

    def test_spam_comments_are_skipped(self):
        workdir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, workdir)
        spam = workdir / "spam.xml"
        spam.write_text(
            WXR.read_text().replace("<![CDATA[trash]]></wp:comment_approved>", "<![CDATA[spam]]></wp:comment_approved>")
        )
        records = list(WordPressSource(spam).records())
        skipped = [(r.source_id, r.reason) for r in records if getattr(r, "reason", "")]
        self.assertEqual(skipped, [("100106", "spam on the old site")])


class OptionTests(TestCase):
    def test_a_type_must_name_a_page_model(self):
        for wrong in ("post", "post=news.Nothing", "post=taggit.Tag"):
            with self.assertRaisesMessage(CommandError, "--type takes SOURCE_TYPE=app.PageModel"):
                import_wordpress(WXR, "--type", wrong)
