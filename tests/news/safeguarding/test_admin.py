"""The leads' admin: the menu only they see, the patterns they edit (validated), and "Try a text"."""

from django.test import TestCase

from home.factories import HelpMessageFactory
from news.safeguarding import selectors
from news.safeguarding.categories import PERSONAL_DETAILS, Category
from news.safeguarding.models import SafeguardingCase, SafeguardingRule
from tests.news.comments.test_admin_queue import make_user
from tests.utils import build_site_tree


class SafeguardingAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site_tree()
        cls.lead = make_user("lead", groups=["Safeguarding leads"])
        cls.moderator = make_user("moderator", groups=["Comment moderators"])
        cls.help = HelpMessageFactory(name="Crisis line")

    def test_only_leads_see_the_safeguarding_menu_and_the_open_cases_on_the_dashboard(self):
        SafeguardingCase.objects.create(category=Category.SELF_HARM, text="x")
        self.client.force_login(self.lead)
        self.assertContains(
            self.client.get("/admin/"), '<a href="/admin/safeguarding/cases/">1 open case</a>', html=True
        )
        self.client.force_login(self.moderator)
        home = self.client.get("/admin/").content.decode()
        self.assertNotIn("/admin/safeguarding/", home)
        self.assertNotIn("open case", home)
        for url in ("/admin/safeguarding/patterns/", "/admin/safeguarding/patterns/try/"):
            with self.subTest(url):
                self.assertRedirects(self.client.get(url), "/admin/", fetch_redirect_response=False)

    def test_every_category_is_listed_with_the_shipped_patterns(self):
        self.client.force_login(self.lead)
        listing = self.client.get("/admin/safeguarding/patterns/").content.decode()
        for category in Category:
            self.assertIn(category.label, listing)
        self.assertEqual(SafeguardingRule.objects.count(), len(Category) + 1)
        self.assertIn("Try a text", listing)

    def test_a_lead_edits_a_categorys_patterns_and_help_message(self):
        rule = selectors.rules()[Category.SELF_HARM]
        self.client.force_login(self.lead)
        url = f"/admin/safeguarding/patterns/edit/{rule.pk}/"
        response = self.client.post(
            url, {"patterns": "# Feeling hopeless\n\\bhopeless\\b", "help_message": self.help.pk}
        )
        self.assertEqual(response.status_code, 302)
        rule.refresh_from_db()
        self.assertEqual((rule.patterns, rule.help_message), ("# Feeling hopeless\n\\bhopeless\\b", self.help))

    def test_an_invalid_pattern_is_refused_with_its_line(self):
        rule = selectors.rules()[Category.SELF_HARM]
        self.client.force_login(self.lead)
        response = self.client.post(f"/admin/safeguarding/patterns/edit/{rule.pk}/", {"patterns": "fine\n(unclosed"})
        self.assertContains(response, "Line 2: “(unclosed” is not a valid pattern")
        rule.refresh_from_db()
        self.assertNotIn("unclosed", rule.patterns)

    def test_try_a_text_says_which_category_and_why(self):
        self.client.force_login(self.lead)
        response = self.client.post(
            "/admin/safeguarding/patterns/try/", {"text": "I w\u200bant to d\u200bie", "name": ""}
        )
        self.assertContains(response, Category.SELF_HARM.label)
        self.assertContains(response, "“i want to die”")
        self.assertContains(response, "<code>i want to die</code>", html=False)

    def test_try_a_text_shows_personal_details_and_ordinary_texts(self):
        self.client.force_login(self.lead)
        details = self.client.post("/admin/safeguarding/patterns/try/", {"text": "Text me on 07911 123456"})
        self.assertContains(details, "Personal details.")
        self.assertContains(details, "a phone number: “07911 123456”")
        plain = self.client.post("/admin/safeguarding/patterns/try/", {"text": "Police priorities must change."})
        self.assertContains(plain, "No category.")
        self.assertEqual(SafeguardingRule.objects.filter(category=PERSONAL_DETAILS).count(), 1)

    def test_the_safeguarding_settings_are_in_wagtails_settings(self):
        self.client.force_login(self.lead)
        response = self.client.get("/admin/settings/safeguarding/safeguardingsettings/", follow=True)
        self.assertContains(response, "Closed cases are erased this many days after closing")
