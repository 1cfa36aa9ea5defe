"""After an import: caches show what changed, no address is ever public, and commenters' rights reach imported data."""

from urllib.parse import urlencode

from django.test import Client
from django_comments_xtd.models import XtdComment

from news.comments import data_rights
from news.importers.models import ImportedObject
from news.models import NewsArticlePage
from tests.news.comments.test_privacy import address_traces, crawl
from tests.news.importers.drupal7_site import DrupalSite, days_ago
from tests.news.importers.test_drupal7 import OldSiteTestCase, import_drupal7, reading_the_old_site
from tests.utils import build_site_tree


class ImportedSiteTestCase(OldSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        import_drupal7(cls, cls.url, cls.files_dir)
        mapped = dict(ImportedObject.objects.filter(kind="page").values_list("source_id", "object_id"))
        cls.article = NewsArticlePage.objects.get(pk=mapped["1"])
        cls.busy = NewsArticlePage.objects.get(pk=mapped["7"])


class CachesAfterAnImportTests(ImportedSiteTestCase):
    def read(self, url):
        response = Client().get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode(), response.get("X-Page-Cache", "miss")

    def test_a_cached_page_shows_comments_imported_after_it_was_kept(self):
        urls = [self.article.url, self.article.url + "comments/feed/", "/comments/feed/"]
        for url in urls:
            self.read(url)
            self.assertEqual(self.read(url)[1], "hit", url)
        newer = DrupalSite(self.url)
        newer.comment(500, nid=1, path=[6], created=days_ago(1), body="Posted on the old site after the first run")
        with reading_the_old_site(type(self)):
            newer.add()
        import_drupal7(type(self), self.url, self.files_dir)
        for url in urls:
            body, cached = self.read(url)
            self.assertEqual(cached, "miss", url)
            self.assertIn("Posted on the old site after the first run", body, url)

    def test_a_cached_listing_shows_an_article_changed_by_a_second_run(self):
        self.read(self.tree.news_index.url)
        self.assertEqual(self.read(self.tree.news_index.url)[1], "hit")
        with reading_the_old_site(type(self)):
            DrupalSite(self.url).execute("UPDATE node SET title = %s WHERE nid = 7", ["Busy discussion, renamed"])
        import_drupal7(type(self), self.url, self.files_dir)
        body, cached = self.read(self.tree.news_index.url)
        self.assertEqual(cached, "miss")
        self.assertIn("Busy discussion, renamed", body)


class PrivacyAfterAnImportTests(ImportedSiteTestCase):
    """Everything an anonymous visitor can fetch, after the import: no imported commenter's address, nor its hash."""

    def test_no_public_response_reveals_an_imported_address_or_its_hash(self):
        emails = set(XtdComment.norel_objects.exclude(user_email="").values_list("user_email", flat=True))
        self.assertIn("rita@old-site.example", emails)  # kept on the user in Drupal, on the comment here
        traces = {}
        for email in emails:
            traces.update({t: what for t, what in address_traces(email).items() if "local part" not in what})
        pages = [self.article, self.busy]
        seeds = ["/", "/sitemap.xml", "/news/feed/", "/comments/feed/", "/news/"]
        seeds += [page.url for page in pages] + [f"{page.url}comments/feed/" for page in pages]
        seeds += [f"{self.article.url}comments/{pk}/" for pk in XtdComment.norel_objects.values_list("pk", flat=True)]
        seeds += [f"/search/?{urlencode({'query': query})}" for query in ("Hannah", "readers.example", "Rita")]
        visits = crawl(Client(raise_request_exception=False), seeds)
        self.assertGreater(len(visits), 20)
        leaks = []
        for visit in visits:
            seen = (visit.body + " ".join(value for _header, value in visit.headers)).lower()
            leaks += [f"{visit.request}: {what}" for trace, what in traces.items() if trace in seen]
        self.assertEqual(leaks, [])


class RightsAfterAnImportTests(ImportedSiteTestCase):
    def test_export_finds_imported_comments_whatever_the_case_of_the_address(self):
        exported = data_rights.export_commenter_data(email="hannah@readers.example")
        (entry,) = exported["comments"]
        self.assertEqual(entry["page_title"], self.article.title)
        self.assertEqual(entry["status"], "not published")
        self.assertEqual(entry["moderation_reason"], "imported: unpublished on the old site")

    def test_erasure_anonymises_imported_comments(self):
        self.assertEqual(data_rights.erase_commenter_data(email="rita@old-site.example"), 1)
        self.assertFalse(XtdComment.norel_objects.filter(user_email__iexact="rita@old-site.example").exists())
        self.assertTrue(XtdComment.norel_objects.filter(user_name=data_rights.ANONYMOUS_NAME).exists())

    def test_a_second_run_never_brings_erased_data_back(self):
        data_rights.erase_commenter_data(email="typist@readers.example", remove_text=True)
        import_drupal7(type(self), self.url, self.files_dir)
        self.assertFalse(XtdComment.norel_objects.filter(user_email__iexact="typist@readers.example").exists())
        self.assertFalse(XtdComment.norel_objects.filter(user_name="Typist").exists())
        self.assertEqual(XtdComment.norel_objects.filter(comment=data_rights.REMOVED_TEXT).count(), 1)
