"""Newsroom page types: tree rules, creation through the admin form, rendering."""

import datetime

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.factories import HelpMessageFactory, ImageFactory
from home.models import HomePage, SiteSettings
from news.factories import CampaignPageFactory, NewsArticlePageFactory
from news.models import CampaignIndexPage, CampaignPage, NewsArticlePage, NewsIndexPage
from tests.utils import build_site_tree


class TreeRulesTests(WagtailPageTestCase):
    def test_news_index_under_home_only_and_holds_articles_only(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsArticlePage})

    def test_articles_live_under_a_news_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(NewsArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsArticlePage, set())

    def test_campaigns_live_under_the_campaign_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(CampaignIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CampaignIndexPage, {CampaignPage})
        self.assertAllowedParentPageTypes(CampaignPage, {CampaignIndexPage})
        self.assertAllowedSubpageTypes(CampaignPage, set())

    def test_one_index_of_each_kind(self):
        tree = build_site_tree()
        self.assertFalse(NewsIndexPage.can_create_at(tree.home))
        self.assertFalse(CampaignIndexPage.can_create_at(tree.home))
        self.assertTrue(NewsArticlePage.can_create_at(tree.news_index))


class EditorCreatesPagesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.image = ImageFactory(title="Police station at dusk")
        cls.help_message = HelpMessageFactory()
        cls.campaign = CampaignPageFactory(parent=cls.tree.campaign_index, title="Prevention first")

    def setUp(self):
        self.login()

    def test_article_with_every_body_block(self):
        data = nested_form_data(
            {
                "title": "Police call for focus on highest-risk offenders",
                "slug": "police-focus",
                "date": "2026-10-01",
                "standfirst": "A senior police lead says forces cannot keep up.",
                "lead_image": self.image.pk,
                "lead_image_alt_text": "A police station at dusk",
                "lead_image_caption": "Forces face rising caseloads.",
                "lead_image_credit": "Newsroom archive",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Forces say the volume of cases is rising.</p>")),
                        ("heading", {"text": "The debate", "level": "h2"}),
                        ("pull_quote", {"quote": "Every image is a child.", "attribution": "A campaigner"}),
                        ("image", {"image": self.image.pk, "alt_text": "", "caption": "A caption", "credit": "X"}),
                        ("help_message", {"message": self.help_message.pk}),
                    ]
                ),
                "source_name": "The Daily Example",
                "source_url": "https://example.org/story",
                "tags": "policing, prevention",
                "comments_mode": "open",
            }
        )
        data["related_campaigns"] = [self.campaign.pk]  # nested_form_data would number a list's items
        self.assertCanCreate(self.tree.news_index, NewsArticlePage, data)
        article = NewsArticlePage.objects.get(slug="police-focus")
        self.assertEqual(article.get_absolute_url(), "/news/police-focus/")
        response = self.client.get(article.url)
        self.assertContains(response, '<time datetime="2026-10-01">1 October 2026</time>', html=True)
        self.assertContains(response, "Every image is a child.")
        self.assertContains(response, 'alt="A police station at dusk"')
        self.assertContains(response, "The Daily Example")
        self.assertContains(response, "Prevention first")
        self.assertContains(response, self.help_message.heading)

    def test_campaign_with_aims_and_calls_to_action(self):
        data = nested_form_data(
            {
                "title": "Safer platforms",
                "slug": "safer-platforms",
                "status": "active",
                "summary": "Platforms must find and remove abuse material quickly.",
                "aims": inline_formset([{"text": "Report within 24 hours"}, {"text": "Fund prevention"}]),
                "calls_to_action": streamfield(
                    [("call_to_action", {"label": "Sign", "kind": "sign", "page": "", "url": "https://example.org/s"})]
                ),
                "body": streamfield([("paragraph", rich_text("<p>Why it matters.</p>"))]),
                "tags": "online safety",
                "end_date": "2027-03-31",
                "comments_mode": "closed",
            }
        )
        self.assertCanCreate(self.tree.campaign_index, CampaignPage, data)
        campaign = CampaignPage.objects.get(slug="safer-platforms")
        response = self.client.get(campaign.url)
        self.assertContains(response, "Report within 24 hours")
        self.assertContains(response, 'href="https://example.org/s"')
        self.assertContains(response, "runs until")
        self.assertContains(response, "Comments are closed.")

    def test_call_to_action_needs_exactly_one_target(self):
        data = nested_form_data(
            {
                "title": "Broken",
                "status": "active",
                "summary": "S",
                "aims": inline_formset([{"text": "An aim"}]),
                "calls_to_action": streamfield(
                    [("call_to_action", {"label": "Go", "kind": "other", "page": "", "url": ""})]
                ),
                "body": streamfield([]),
            }
        )
        with self.assertRaises(AssertionError):
            self.assertCanCreate(self.tree.campaign_index, CampaignPage, data)
        self.assertFalse(CampaignPage.objects.filter(title="Broken").exists())

    def test_index_pages_are_editable_and_previewable(self):
        for page in (self.tree.news_index, self.tree.campaign_index):
            self.assertPageIsEditable(page)
            self.assertPageIsPreviewable(page)

    def test_article_preview(self):
        article = NewsArticlePageFactory(parent=self.tree.news_index)
        post_data = nested_form_data(
            {
                "title": article.title,
                "slug": article.slug,
                "date": "2026-10-01",
                "standfirst": "Previewed standfirst",
                "body": streamfield([("paragraph", rich_text("<p>Previewed body.</p>"))]),
            }
        )
        self.assertPageIsPreviewable(article, post_data=post_data)


class ArticleDefaultsTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.help_message = HelpMessageFactory(heading="Site-wide help")

    def test_publication_date_defaults_to_today(self):
        self.assertEqual(NewsArticlePage().date, datetime.date.today())

    def test_site_default_help_message_is_used_when_the_page_has_none(self):
        settings = SiteSettings.for_site(self.tree.home.get_site())
        settings.default_help_message = self.help_message
        settings.save()
        article = NewsArticlePageFactory(parent=self.tree.news_index)
        self.assertContains(self.client.get(article.url), "Site-wide help")

    def test_scheduled_article_is_not_live_until_its_time(self):
        article = NewsArticlePageFactory(parent=self.tree.news_index, live=False)
        revision = article.save_revision()
        revision.publish()  # publish now for contrast with the scheduled one
        scheduled = NewsArticlePageFactory(parent=self.tree.news_index, live=False, title="Later")
        scheduled.go_live_at = datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
        scheduled.save_revision().publish()
        scheduled.refresh_from_db()
        self.assertFalse(scheduled.live)
        self.assertEqual(self.client.get("/news/later/").status_code, 404)
        self.assertNotContains(self.client.get("/news/"), "Later")
