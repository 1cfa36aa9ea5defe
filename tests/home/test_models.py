"""Home app page types: where they may live, and that editors can create and publish them."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.factories import HelpMessageFactory, StandardPageFactory
from home.models import HomeFeaturedCampaign, HomePage, SiteSettings, StandardPage
from news.factories import CampaignPageFactory
from news.models import CampaignIndexPage, NewsIndexPage
from tests.utils import build_site_tree


class HomePageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(HomePage, {NewsIndexPage, CampaignIndexPage, StandardPage})

    def test_only_one_home_page(self):
        tree = build_site_tree()
        self.assertFalse(HomePage.can_create_at(tree.home.get_parent()))

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


class HomePageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.campaign = CampaignPageFactory(parent=cls.tree.campaign_index, title="Stop the trade")
        HomeFeaturedCampaign.objects.create(page=cls.tree.home, campaign=cls.campaign)
        cls.help_message = HelpMessageFactory(heading="Help is here")

    def test_renders_hero_featured_campaign_and_help_message(self):
        settings = SiteSettings.for_site(self.tree.home.get_site())
        settings.default_help_message = self.help_message
        settings.save()
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Protecting children, online and off</h1>", html=True)
        self.assertContains(response, "Stop the trade")
        self.assertContains(response, "Help is here")

    def test_exactly_one_h1_and_landmarks(self):
        html = self.client.get("/").content.decode()
        self.assertEqual(html.count("<h1"), 1)
        for landmark in ("<header", "<main", "<footer", '<nav class="main-nav" aria-label="Main"'):
            self.assertIn(landmark, html)

    def test_menu_lists_pages_shown_in_menus(self):
        response = self.client.get("/")
        self.assertContains(response, 'href="/news/"')
        self.assertContains(response, 'href="/campaigns/"')


class StandardPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()

    def setUp(self):
        self.login()

    def test_editor_can_create_a_standard_page(self):
        data = nested_form_data(
            {
                "title": "Privacy policy",
                "slug": "privacy-policy",
                "intro": "How we treat what you tell us.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Comments", "level": "h2"}),
                        ("paragraph", rich_text("<p>Your e-mail address is never shown.</p>")),
                        ("pull_quote", {"quote": "Private by default.", "attribution": "Us"}),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.tree.home, StandardPage, data)
        page = StandardPage.objects.get(slug="privacy-policy")
        response = self.client.get(page.url)
        self.assertContains(response, "Your e-mail address is never shown.")
        self.assertContains(response, "<h2>Comments</h2>", html=True)

    def test_home_page_is_editable_and_previewable(self):
        self.assertPageIsEditable(self.tree.home)
        self.assertPageIsPreviewable(self.tree.home)

    def test_standard_page_preview(self):
        page = StandardPageFactory(parent=self.tree.home, title="About")
        post_data = nested_form_data(
            {
                "title": "About",
                "slug": page.slug,
                "intro": "",
                "body": streamfield([("paragraph", rich_text("<p>Hi</p>"))]),
            }
        )
        self.assertPageIsPreviewable(page, post_data=post_data)

    def test_home_page_creation_form_with_featured_campaigns_inline(self):
        # The only home page exists, so editing it through the form proves the inline works.
        campaign = CampaignPageFactory(parent=self.tree.campaign_index)
        self.assertPageIsEditable(
            self.tree.home,
            post_data=nested_form_data(
                {
                    "title": "Home",
                    "slug": "home",
                    "hero_heading": "New heading",
                    "hero_intro": "",
                    "featured_campaigns": inline_formset([{"campaign": campaign.pk}]),
                }
            ),
        )
