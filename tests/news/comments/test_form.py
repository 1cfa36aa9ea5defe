"""The comment form: its fields, wording and what happens after a post."""

import json

from bs4 import BeautifulSoup
from django.test import TestCase
from django_comments_xtd.models import XtdComment

from home.factories import StandardPageFactory
from home.models import SiteSettings
from news.comments.forms import BlankWidgetsRenderer, CommentForm
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data, post_comment
from tests.utils import build_site_tree, open_comment_rules


class CommentFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        open_comment_rules(cls.tree.home.get_site())
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="An article")
        privacy = StandardPageFactory(parent=cls.tree.home, title="Privacy policy", slug="privacy-policy")
        settings = SiteSettings.for_site(cls.tree.home.get_site())
        settings.privacy_policy_page = privacy
        settings.save()

    def form(self):
        soup = BeautifulSoup(self.client.get(self.article.url).content, "html.parser")
        return soup.find("form", id="comment-form")

    def test_fields_in_order_with_the_old_sites_wording(self):
        form = self.form()
        labels = [label.get_text(strip=True) for label in form.find_all("label")]
        self.assertEqual(
            labels, ["Your name", "E-mail", "Comment", "Notify me of replies to my comment", "Leave this field empty"]
        )
        self.assertEqual(
            form.find(id="id_email_helptext").get_text(strip=True),
            "The content of this field is kept private and will not be shown publicly.",
        )
        self.assertIsNone(form.find(attrs={"name": "url"}), "no homepage field")
        self.assertEqual(form.find(attrs={"name": "name"})["maxlength"], "50")
        self.assertEqual(form.find(attrs={"name": "email"})["maxlength"], "254")
        self.assertEqual(form.find(attrs={"name": "comment"})["maxlength"], "3000")
        self.assertTrue(form.find("p", class_="comment-form__trap").has_attr("hidden"))

    def test_text_format_note_and_privacy_link_under_the_comment_field(self):
        tips = self.form().find(id="comment-format-tips")
        self.assertEqual(tips.find("p").get_text(strip=True), "Plain text")
        self.assertEqual(
            [li.get_text(strip=True) for li in tips.find_all("li")],
            [
                "No HTML tags allowed.",
                "Lines and paragraphs break automatically.",
                "Web page addresses and email addresses turn into links automatically.",
            ],
        )
        self.assertEqual(tips.find("a")["href"], "/privacy-policy/")

    def test_valid_post_redirects_to_the_new_comment(self):
        response = post_comment(self.client, self.article, comment="Thank you for reporting this.")
        comment = XtdComment.objects.get()
        self.assertRedirects(response, f"{self.article.url}?cpage=1#c{comment.pk}", fetch_redirect_response=False)
        page = self.client.get(response["Location"])
        self.assertContains(page, "Thank you for reporting this.")
        self.assertContains(page, "Your comment is published.")
        self.assertEqual(comment.user_url, "")
        self.assertEqual(comment.ip_address, "127.0.0.1")

    def test_a_comment_held_for_moderation_says_so(self):
        from django_comments.signals import comment_will_be_posted

        def hold(sender, comment, request, **kwargs):
            comment.is_public = False

        comment_will_be_posted.connect(hold)
        self.addCleanup(comment_will_be_posted.disconnect, hold)
        response = post_comment(self.client, self.article, comment="Held text")
        comment = XtdComment.objects.get()
        self.assertRedirects(response, f"{self.article.url}?cpage=1#c{comment.pk}", fetch_redirect_response=False)
        page = self.client.get(response["Location"])
        self.assertContains(page, "Your comment is awaiting moderation")
        self.assertContains(page, "Held text")  # to its author only
        self.assertNotContains(self.client_class().get(response["Location"]), "Held text")

    def test_invalid_input_reshows_the_form_with_messages_and_the_typed_text(self):
        cases = {
            "name": ({"name": ""}, "This field is required."),
            "email": ({"email": "not-an-email"}, "Enter a valid email address."),
            "comment": ({"comment": ""}, "This field is required."),
            "long comment": ({"comment": "x" * 3001}, "at most 3000 characters"),
            "long name": ({"name": "n" * 51}, "at most 50 characters"),
            "long email": ({"email": "a" * 250 + "@example.org"}, "at most 254 characters"),
            "nul": ({"comment": "bad\x00byte"}, "Null characters are not allowed."),
        }
        for label, (fields, message) in cases.items():
            with self.subTest(label):
                data = comment_form_data(self.article, **{"comment": "Keep this text", **fields})
                response = self.client.post(self.article.url + "comments/", data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                if "comment" not in fields:
                    self.assertContains(response, "Keep this text")
        self.assertFalse(XtdComment.objects.exists())

    def test_forged_or_stale_signature_keeps_the_text_and_stores_nothing(self):
        for label, fields in {
            "stale": {"age": 3 * 3600},
            "forged hash": {"security_hash": "0" * 40},
            "other object": {"object_pk": "99999"},
            "missing timestamp": {"timestamp": ""},
            "honeypot": {"honeypot": "I am a bot"},
        }.items():
            with self.subTest(label):
                data = comment_form_data(self.article, comment="My careful words", **fields)
                response = self.client.post(self.article.url + "comments/", data)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "My careful words", status_code=400)
                self.assertContains(response, "please check it and send it again", status_code=400)
        self.assertFalse(XtdComment.objects.exists())

    def test_names_are_one_line(self):
        post_comment(self.client, self.article, name="Ann\r\nBcc: victim@example.org", comment="Line test")
        self.assertEqual(XtdComment.objects.get(comment="Line test").user_name, "Ann Bcc: victim@example.org")

    def test_get_on_the_post_endpoint_is_refused(self):
        self.assertEqual(self.client.get(self.article.url + "comments/").status_code, 405)

    def test_a_post_from_another_site_is_refused(self):
        """The form on cached pages carries no CSRF token; the origin check still stops forged posts."""
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        data = comment_form_data(self.article)
        response = client.post(self.article.url + "comments/", data, headers={"Origin": "https://evil.example"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(XtdComment.objects.exists())


class BlankWidgetsRendererTests(TestCase):
    """Each worker keeps the markup of the form's empty fields and labels, never of what a reader typed."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)

    def setUp(self):
        self.renderer = BlankWidgetsRenderer()

    def markup(self, form):
        return [str(field) + str(field.label_tag()) + str(field.errors) for field in form]

    def test_kept_markup_is_what_django_renders(self):
        form = CommentForm(self.article)
        expected = self.markup(form)
        form.renderer = self.renderer
        self.assertEqual(self.markup(form), expected)
        self.assertTrue(self.renderer.kept, "the empty fields and labels are kept")
        self.assertEqual(self.markup(form), expected, "and come out the same from what was kept")

    def test_what_a_reader_typed_is_never_kept(self):
        typed = {"name": "Nadia Okafor", "email": "nadia.private@example.org", "comment": "My words", "followup": "on"}
        signed_fields = CommentForm(self.article).generate_security_data()
        form = CommentForm(self.article, data={**signed_fields, **typed}, renderer=self.renderer)
        form.is_valid()
        shown = "".join(self.markup(form))
        self.assertIn("nadia.private@example.org", shown)
        kept = json.dumps(list(self.renderer.kept.items()))
        for value in ("Nadia", "nadia.private", "My words"):
            self.assertNotIn(value, kept)
        signed = [str(form[name].value()) for name in ("timestamp", "security_hash")]
        self.assertFalse([value for value in signed if value in kept], "signed fields change with every form")
