"""`load_demo_content` builds the demo site once; running it again changes nothing."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django_comments_xtd.models import XtdComment
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from home.models import HelpMessage, SiteSettings
from news.models import CampaignPage, NewsArticlePage
from news.safeguarding import selectors as safeguarding_selectors
from news.safeguarding.models import SafeguardingSettings


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "help_messages": HelpMessage.objects.count(),
        "articles": NewsArticlePage.objects.live().count(),
        "campaigns": CampaignPage.objects.live().count(),
        "comments": XtdComment.objects.count(),
    }


class LoadDemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())
        cls.after_first_run = counts()

    def test_second_run_changes_nothing(self):
        call_command("load_demo_content", stdout=StringIO())
        self.assertEqual(counts(), self.after_first_run)

    def test_builds_the_promised_site(self):
        self.assertGreaterEqual(self.after_first_run["articles"], 6)
        self.assertGreaterEqual(self.after_first_run["campaigns"], 2)
        self.assertEqual(self.after_first_run["help_messages"], 5)  # two on pages, three for safeguarding
        # every safeguarding category's writers, and deterrent searches, are shown a help message
        self.assertTrue(
            all(
                rule.help_message_id
                for rule in safeguarding_selectors.rules().values()
                if rule.category != "personal_details"
            )
        )
        self.assertIsNotNone(SafeguardingSettings.load().search_help_message)
        tags = {tag.name for article in NewsArticlePage.objects.all() for tag in article.tags.all()}
        self.assertGreaterEqual(len(tags), 3)
        site = Site.objects.get(is_default_site=True)
        self.assertEqual(site.root_page.specific_class.__name__, "HomePage")
        settings = SiteSettings.for_site(site)
        self.assertIsNotNone(settings.default_help_message)
        self.assertEqual(settings.privacy_policy_page.slug, "privacy-policy")
        for slug in ("about", "privacy-policy"):
            self.assertTrue(Page.objects.live().filter(slug=slug).exists())

    def test_has_a_conversation_and_a_comment_awaiting_moderation(self):
        self.assertTrue(XtdComment.objects.filter(level=1, is_public=True).exists())
        self.assertTrue(XtdComment.objects.filter(is_public=False).exists())
        article = NewsArticlePage.objects.get(slug="police-lead-urges-focus-on-highest-risk-offenders")
        response = self.client.get(article.url)
        self.assertContains(response, "3 comments")
        self.assertNotContains(response, "new.reader@example.org")

    def test_has_an_article_on_police_priorities(self):
        text = " ".join(f"{a.title} {a.standfirst}" for a in NewsArticlePage.objects.all()).lower()
        self.assertIn("offenders", text)

    def test_every_demo_page_renders(self):
        for page in Page.objects.live().filter(depth__gt=1):
            with self.subTest(url=page.url):
                self.assertEqual(self.client.get(page.url).status_code, 200)
        self.assertEqual(self.client.get("/news/feed/").status_code, 200)
        self.assertEqual(self.client.get("/sitemap.xml").status_code, 200)
