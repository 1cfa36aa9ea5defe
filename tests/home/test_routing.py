"""Pages below the site root are found in one query for the whole address, and still the Wagtail way.

home.routing walks the address over rows fetched at once: a routable page on the way answers what it
routes itself, drafts answer 404, and view restrictions anywhere above a page still apply to it.
"""

from django.test import TestCase
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory
from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree


class RoutingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, slug="story")
        cls.comment = CommentFactory(page=cls.article)
        cls.draft = NewsArticlePageFactory(parent=cls.tree.news_index, slug="draft", live=False)
        cls.about = StandardPageFactory(parent=cls.tree.home, slug="about", title="About us", show_in_menus=True)
        cls.team = StandardPageFactory(parent=cls.about, slug="team", title="Our team")

    def test_pages_at_every_depth_are_served_as_what_they_are(self):
        for url, title, kind in [
            ("/news/", "News", "website"),
            ("/news/story/", self.article.title, "article"),
            ("/about/", "About us", "website"),
            ("/about/team/", "Our team", "website"),
        ]:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertContains(response, f"<h1>{title}", status_code=200)
                self.assertContains(response, f'<meta property="og:type" content="{kind}">', html=True)

    def test_routable_pages_answer_their_own_routes(self):
        self.assertEqual(self.client.get("/news/feed/")["Content-Type"], "application/rss+xml; charset=utf-8")
        response = self.client.get(f"/news/story/comments/{self.comment.pk}/")
        self.assertRedirects(response, f"/news/story/?cpage=1#c{self.comment.pk}", fetch_redirect_response=False)

    def test_unknown_addresses_and_drafts_answer_404(self):
        for url in ["/news/missing/", "/missing/story/", "/news/story/missing/", "/news/draft/", "/about/team/x/"]:
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_draft_section_still_serves_its_live_pages(self):
        self.tree.news_index.unpublish()
        self.assertEqual(self.client.get("/news/").status_code, 404)
        self.assertEqual(self.client.get("/news/story/").status_code, 200)

    def test_a_restriction_above_a_page_still_applies_to_it(self):
        for restricted in (self.tree.news_index, self.tree.home):
            with self.subTest(restricted=restricted.title):
                restriction = PageViewRestriction.objects.create(
                    page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
                )
                response = self.client.get("/news/story/")
                self.assertContains(response, 'name="password"')
                self.assertNotContains(response, self.article.standfirst)
                restriction.delete()
        self.assertContains(self.client.get("/news/story/"), self.article.standfirst)

    def test_a_restriction_on_an_aliased_page_applies_to_its_alias(self):
        alias = self.team.create_alias(parent=self.tree.home, update_slug="team-alias")
        PageViewRestriction.objects.create(
            page=self.team, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        self.assertContains(self.client.get(alias.url), 'name="password"')

    def test_the_menu_leaves_out_restricted_sections(self):
        self.assertContains(self.client.get("/news/"), '<a href="/about/">About us</a>', html=True)
        PageViewRestriction.objects.create(page=self.about, restriction_type=PageViewRestriction.LOGIN)
        self.assertNotContains(self.client.get("/news/?again"), '<a href="/about/">About us</a>', html=True)
