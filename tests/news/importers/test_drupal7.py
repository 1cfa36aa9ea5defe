"""import_drupal7: the old Drupal 7 site's articles, discussions and addresses, from its database (SQLite here)."""

import contextlib
import io
import os
import shutil
import tempfile
import unittest
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import ModelLogEntry, Page, ReferenceIndex

from home.models import StandardPage
from news.comments import services
from news.comments.models import CommentModeration, CommentsMode
from news.importers.drupal7 import ALIAS
from news.importers.models import ImportedObject
from news.models import CampaignPage, NewsArticlePage
from tests.news.importers.drupal7_site import FIXTURE_ALIAS
from tests.news.importers.old_site import DEEP_THREAD, TOP_LEVEL_ON_BUSY_ARTICLE, build_old_site
from tests.utils import build_site_tree


def import_drupal7(test_class, url, files_dir, *extra):
    """Run the command as an operator would; its printed summary."""
    out = io.StringIO()
    with reading_the_old_site(test_class):
        call_command(
            "import_drupal7", "--source", url, "--files", str(files_dir), "--type", "campaign=news.CampaignPage",
            "--prefix", test_class.prefix, *extra, stdout=out,
        )  # fmt: skip
    return out.getvalue()


@contextlib.contextmanager
def reading_the_old_site(test_class):
    """Let the test class open the importer's own connection (Django's TestCase refuses unknown aliases).

    The alias exists only while the command runs, so it cannot be in ``databases`` for the whole class.
    """
    databases = test_class.databases
    test_class.databases = {*databases, ALIAS, FIXTURE_ALIAS}
    try:
        yield
    finally:
        test_class.databases = databases


class OldSiteTestCase(TestCase):
    """The old site in a throwaway SQLite database and files directory, for the whole class."""

    prefix = ""  # Drupal's table prefix

    @classmethod
    def setUpClass(cls):
        cls.workdir = Path(tempfile.mkdtemp(prefix="drupal7-"))
        cls.files_dir = cls.workdir / "files"
        cls.url = cls.database_url()
        build_old_site(cls.url, cls.files_dir, prefix=cls.prefix)
        super().setUpClass()

    @classmethod
    def database_url(cls):
        return f"sqlite:///{cls.workdir / 'drupal7.sqlite'}"

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.workdir, ignore_errors=True)

    @classmethod
    def comments_on(cls, page):
        return list(XtdComment.norel_objects.filter(object_pk=str(page.pk)).order_by("thread_id", "order"))


class ImportDrupal7Tests(OldSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.summary = import_drupal7(cls, cls.url, cls.files_dir)
        mapped = dict(ImportedObject.objects.filter(kind="page").values_list("source_id", "object_id"))
        cls.article = NewsArticlePage.objects.get(pk=mapped["1"])
        cls.standard = StandardPage.objects.get(pk=mapped["2"])
        cls.draft = NewsArticlePage.objects.get(pk=mapped["3"])
        cls.campaign = CampaignPage.objects.get(pk=mapped["5"])
        cls.busy = NewsArticlePage.objects.get(pk=mapped["7"])

    def test_articles_become_news_articles_with_their_dates_byline_and_summary(self):
        self.assertEqual(self.article.title, "Schools must report – ‘now’")
        self.assertEqual(self.article.get_parent().pk, self.tree.news_index.pk)
        self.assertEqual(self.article.standfirst, "Schools must report.")
        self.assertEqual(self.article.byline, "Ed Itor")
        self.assertTrue(self.article.live)
        self.assertEqual(self.article.date, self.article.first_published_at.date())
        self.assertLess(self.article.first_published_at, self.article.last_published_at)

    def test_html_bodies_keep_their_formatting_and_lose_scripts(self):
        html = self.article.body[0].value.source
        self.assertEqual(self.article.body[0].block_type, "paragraph")
        self.assertIn("<strong>must</strong>", html)
        self.assertIn('<a href="https://example.org/guidance">the guidance</a>', html)
        for dangerous in ("script", "stolen", "javascript:", "onerror", "<img"):
            self.assertNotIn(dangerous, html)

    def test_plain_text_bodies_become_paragraphs_and_keep_non_ascii(self):
        self.assertEqual(self.standard.title, "Über uns")
        self.assertEqual(
            self.standard.body[0].value.source,
            "<p>Über uns: wir schützen Kinder.</p>\n\n<p>Zweiter Absatz,<br>mit Zeilenumbruch.</p>",
        )
        self.assertEqual(self.standard.get_parent().pk, self.tree.home.pk)

    def test_unpublished_nodes_are_drafts(self):
        self.assertFalse(self.draft.live)
        self.assertIsNone(self.draft.first_published_at)

    def test_other_content_types_are_mapped_by_option_or_reported(self):
        self.assertEqual(self.campaign.get_parent().pk, self.tree.campaign_index.pk)
        self.assertEqual(self.campaign.summary, "What we want.")
        self.assertIn("page 6: no page type for the content type 'event'", self.summary)

    def test_a_broken_node_is_reported_and_skipped_and_the_rest_imported(self):
        self.assertIn("page 4: invalid: title:", self.summary)
        self.assertEqual(ImportedObject.objects.filter(kind="page").count(), 5)

    def test_terms_become_tags_and_the_image_a_wagtail_image_with_alt_text(self):
        self.assertEqual(sorted(tag.name for tag in self.article.tags.all()), ["Schools", "Écoles"])
        self.assertEqual(self.article.lead_image.title, "A school")
        self.assertEqual(self.article.lead_image_alt_text, "Children")
        self.assertEqual((self.article.lead_image.width, self.article.lead_image.height), (1, 1))

    def test_the_node_comment_setting_sets_the_page_mode(self):
        self.assertEqual(self.article.comments_mode, CommentsMode.OPEN)
        self.assertEqual(self.draft.comments_mode, CommentsMode.CLOSED)
        hidden = NewsArticlePage(comments_mode=CommentsMode.HIDDEN)
        self.assertEqual(hidden.comments_mode, "hidden")  # 0 maps to hidden (see drupal7.COMMENT_MODES)

    def test_every_alias_and_node_path_redirects_to_the_new_page(self):
        client = Client()
        for old, page in (
            ("/news/schools-report", self.article),
            ("/node/1", self.article),
            ("/node/2", self.standard),
            ("/node/7/", self.busy),
        ):
            response = client.get(old)
            self.assertEqual((response.status_code, response["Location"]), (301, page.url), old)

    def test_the_newest_alias_names_the_page_and_needs_no_redirect(self):
        self.assertEqual(self.article.url, "/news/%C3%A9coles-signalent/")
        self.assertEqual(Client().get("/news/%C3%A9coles-signalent/").status_code, 200)
        self.assertFalse(Redirect.objects.filter(redirect_page=self.standard, old_path="/about").exists())

    def test_a_shared_alias_belongs_to_the_node_drupal_sent_it_to_last(self):
        self.assertEqual(self.draft.url_path.rstrip("/").rsplit("/", 1)[-1], "duplicate")
        self.assertFalse(Redirect.objects.filter(old_path="/news/duplicate").exists())

    def test_deep_threads_are_flattened_to_the_maximum_depth_in_order(self):
        comments = [c for c in self.comments_on(self.article) if c.user_name.startswith(("Deep", "Later"))]
        self.assertEqual(
            [(c.user_name, c.level) for c in comments],
            [(f"Deep {d}", min(d, 2)) for d in range(DEEP_THREAD)] + [("Later", 2)],
        )
        second = comments[1]
        self.assertTrue(all(c.parent_id == second.pk for c in comments[2:]))
        self.assertEqual(comments[0].nested_count, DEEP_THREAD)
        self.assertEqual([c.order for c in comments], list(range(1, DEEP_THREAD + 2)))

    def test_vancodes_past_0z_keep_drupals_order(self):
        names = [c.user_name for c in self.comments_on(self.busy)]
        self.assertEqual(names, [f"Busy {n}" for n in range(1, TOP_LEVEL_ON_BUSY_ARTICLE + 1)])

    def test_an_orphaned_reply_starts_its_own_conversation(self):
        orphan = XtdComment.norel_objects.get(user_name="Orphan")
        self.assertEqual((orphan.level, orphan.parent_id, orphan.thread_id), (0, orphan.pk, orphan.pk))

    def test_unpublished_comments_await_moderation_with_the_reason(self):
        held = XtdComment.norel_objects.get(user_name="Held Hannah")
        self.assertFalse(held.is_public)
        record = CommentModeration.objects.get(comment=held)
        self.assertEqual(record.decision, CommentModeration.Decision.HELD)
        self.assertEqual(record.reason, "imported: unpublished on the old site")
        self.assertEqual(record.held_by, CommentModeration.HeldBy.OTHER)
        published = CommentModeration.objects.get(comment__user_name="Deep 0")
        self.assertEqual((published.decision, published.reason), ("published", "imported: published on the old site"))

    def test_comment_html_becomes_plain_text_with_breaks_and_link_addresses(self):
        held = XtdComment.norel_objects.get(user_name="Held Hannah")
        self.assertEqual(
            held.comment, "A question\n\nHello here (https://example.org/x)\nnext line\n\nSecond paragraph & more"
        )

    def test_plain_text_comments_stay_as_typed_and_a_subject_that_starts_the_text_goes(self):
        typed = XtdComment.norel_objects.get(user_name="Typist")
        self.assertEqual(typed.comment, "<script>alert('typed')</script> is what I typed")
        page = Client().get(self.article.url).content.decode()
        self.assertIn("<p>&lt;script&gt;alert('typed')&lt;/script&gt; is what I typed</p>", page)
        self.assertNotIn("<script>alert('typed')", page)

    def test_name_email_and_date_are_kept_homepage_dropped_ip_only_while_recent(self):
        held = XtdComment.norel_objects.get(user_name="Held Hannah")
        self.assertEqual(held.user_email, "Hannah@Readers.example")
        self.assertEqual(held.user_url, "")
        self.assertIsNone(held.ip_address)  # 1,200 days old: past the 30 days kept
        self.assertEqual(XtdComment.norel_objects.get(user_name="Typist").ip_address, "198.51.100.7")
        registered = XtdComment.norel_objects.get(user_name="Rita Registered")
        self.assertEqual(registered.user_email, "rita@old-site.example")
        self.assertEqual(registered.comment, "Комментарий на русском 🌍")
        self.assertIsNone(registered.user_id)

    def test_the_article_page_shows_the_published_discussion(self):
        page = Client().get(self.article.url).content.decode()
        self.assertIn("Depth 5", page)
        self.assertIn("Комментарий на русском 🌍", page)
        self.assertNotIn("Hello here", page)  # held

    def test_imported_pages_are_in_the_search_and_reference_indexes(self):
        page = Client().get("/search/?query=guidance").content.decode()
        self.assertIn(self.article.title, page)
        self.assertTrue(ReferenceIndex.get_references_to(self.article.lead_image).exists())

    def test_the_summary_counts_what_was_created_and_skipped(self):
        self.assertIn("Import from drupal7", self.summary)
        lines = {line.split()[0]: line.split()[1:] for line in self.summary.splitlines()[2:] if line[:1] != " "}
        self.assertEqual(lines["pages"], ["5", "0", "2"])
        self.assertEqual(lines["comments"], [str(6 + 5 + TOP_LEVEL_ON_BUSY_ARTICLE), "0", "0"])
        self.assertEqual(lines["images"], ["1", "0", "2"])
        self.assertIn("image 3: not an image: not-an-image.png", self.summary)  # the campaign came without it
        self.assertIsNone(self.campaign.hero_image)
        self.assertIn("image 2: no file for it in the --files copy", self.summary)
        self.assertIsNone(self.busy.lead_image)

    def test_the_run_is_in_the_site_history_with_counts_and_no_addresses(self):
        entry = ModelLogEntry.objects.get(action="importers.run")
        self.assertEqual(entry.data["counts"]["page"], {"created": 5, "skipped": 2})
        self.assertNotIn("@", str(entry.data) + entry.label)

    def test_a_second_run_updates_and_duplicates_nothing(self):
        counts = (Page.objects.count(), XtdComment.norel_objects.count(), Redirect.objects.count())
        summary = import_drupal7(type(self), self.url, self.files_dir)
        self.assertEqual((Page.objects.count(), XtdComment.norel_objects.count(), Redirect.objects.count()), counts)
        lines = {line.split()[0]: line.split()[1:] for line in summary.splitlines()[2:] if line[:1] != " "}
        self.assertEqual(lines["pages"], ["0", "5", "2"])
        self.assertEqual(lines["comments"][:2], ["0", str(6 + 5 + TOP_LEVEL_ON_BUSY_ARTICLE)])
        self.assertEqual(self.comments_on(self.busy)[0].user_name, "Busy 1")


class ModeratorsDecisionsTests(OldSiteTestCase):
    """A second run brings the old site's changes, never undoing what moderators decided here since."""

    @classmethod
    def setUpTestData(cls):
        build_site_tree()
        import_drupal7(cls, cls.url, cls.files_dir)
        cls.held = XtdComment.norel_objects.get(user_name="Held Hannah")
        cls.moderator = get_user_model().objects.create_superuser("moderator", "moderator@example.org", "x")

    def test_a_comment_approved_here_stays_approved_after_a_second_run(self):
        services.approve_comments(comments=[self.held], user=self.moderator)
        import_drupal7(type(self), self.url, self.files_dir)
        self.held.refresh_from_db()
        self.assertTrue(self.held.is_public)
        self.assertEqual(
            CommentModeration.objects.get(comment=self.held).decision, CommentModeration.Decision.PUBLISHED
        )


class ImportDrupal7FromMariaDBTests(ImportDrupal7Tests):
    """The same site on MariaDB (tests/servers.py starts one), its tables under a prefix."""

    prefix = "d7_"

    @classmethod
    def database_url(cls):
        url = os.environ.get("DRUPAL7_MARIADB_URL")
        if not url:
            shutil.rmtree(cls.workdir, ignore_errors=True)
            raise unittest.SkipTest(
                "DRUPAL7_MARIADB_URL is unset: run through tests/servers.py with Debian's mariadb-server installed"
            )
        return url


class ImportDrupal7FromPostgreSQLTests(ImportDrupal7Tests):
    """The same site on PostgreSQL: a database of its own on the server the suite runs on."""

    @classmethod
    def database_url(cls):
        url = urlsplit(os.environ.get("DATABASE_URL", ""))
        if not url.scheme.startswith("postgres"):
            shutil.rmtree(cls.workdir, ignore_errors=True)
            raise unittest.SkipTest("the suite is not on PostgreSQL (DATABASE_URL): run it through tests/servers.py")
        with _postgres_server(url) as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {PG_SOURCE}")
            cursor.execute(f"CREATE DATABASE {PG_SOURCE}")
        return url._replace(path=f"/{PG_SOURCE}").geturl()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        with _postgres_server(urlsplit(cls.url)) as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {PG_SOURCE}")


PG_SOURCE = "drupal7_source"


@contextlib.contextmanager
def _postgres_server(url):
    import psycopg2

    connection = psycopg2.connect(
        host=url.hostname, port=url.port, user=url.username, password=url.password, dbname="postgres"
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


class DryRunTests(OldSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        build_site_tree()
        cls.pages_before = Page.objects.count()
        cls.summary = import_drupal7(cls, cls.url, cls.files_dir, "--dry-run")

    def test_a_dry_run_prints_the_same_summary_and_writes_nothing(self):
        self.assertIn("dry run: nothing was written", self.summary)
        lines = {line.split()[0]: line.split()[1:] for line in self.summary.splitlines()[2:] if line[:1] != " "}
        self.assertEqual(lines["pages"], ["5", "0", "2"])
        self.assertEqual(lines["images"], ["1", "0", "2"])
        self.assertEqual(Page.objects.count(), self.pages_before)
        self.assertFalse(XtdComment.norel_objects.exists())
        self.assertFalse(Redirect.objects.exists())
        self.assertFalse(ImportedObject.objects.exists())


class SourceErrorTests(OldSiteTestCase):
    def test_an_unreadable_source_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "--source is not a database address"):
            import_drupal7(type(self), "nonsense://x", self.files_dir)
        with self.assertRaisesMessage(CommandError, "Cannot read the Drupal database"):
            import_drupal7(type(self), f"sqlite:///{self.workdir / 'empty.sqlite'}", self.files_dir)
