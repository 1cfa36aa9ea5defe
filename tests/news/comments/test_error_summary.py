"""A refused post answers with the form, an error summary that takes focus, and everything the reader typed."""

from bs4 import BeautifulSoup
from django.test import TestCase
from django_comments_xtd.models import XtdComment

from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data
from tests.utils import build_site_tree, open_comment_rules, set_comment_rules

TYPED = {"name": "Ann Careful", "email": "ann.careful@example.org", "comment": "Words I took an hour to write."}


class RefusedPostTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        open_comment_rules(cls.site)
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="An article")
        cls.parent = CommentFactory(page=cls.article, user_name="Bo", comment="The comment answered.")

    def post(self, **fields):
        data = comment_form_data(self.article, **{**TYPED, **fields})
        data["followup"] = "on"
        return self.client.post(self.article.url + "comments/", data)

    def summary_of(self, response):
        """The comment form's error summary, after checking it is the form's first visible content."""
        form = BeautifulSoup(response.content, "html.parser").find("form", id="comment-form")
        summary = form.find(attrs={"data-error-summary": True})
        self.assertIsNotNone(summary, "no error summary in the form")
        first = form.find(lambda tag: tag.name in ("div", "p") and not tag.get("hidden"))
        self.assertIs(first, summary)
        self.assertEqual(summary["role"], "alert")
        self.assertEqual(summary["tabindex"], "-1")
        self.assertIn("autofocus", summary.attrs)
        self.assertEqual(summary["aria-labelledby"], summary.find(class_="error-summary__title")["id"])
        return form, summary

    def assert_typed_text_kept(self, form, **expected):
        expected = {**TYPED, **expected}
        self.assertEqual(form.find("input", attrs={"name": "name"})["value"], expected["name"])
        self.assertEqual(form.find("input", attrs={"name": "email"})["value"], expected["email"])
        self.assertEqual(form.find("textarea", attrs={"name": "comment"}).get_text().strip(), expected["comment"])
        self.assertIn("checked", form.find("input", attrs={"name": "followup"}).attrs)
        self.assertEqual(form.find("input", attrs={"name": "reply_to"})["value"], str(expected.get("reply_to", 0)))

    def test_a_bad_email_is_listed_with_a_link_to_its_field(self):
        response = self.post(email="ann.careful(at)example")
        self.assertEqual(response.status_code, 200)
        form, summary = self.summary_of(response)
        link = summary.find("a", href="#id_email")
        self.assertIn("E-mail: Enter a valid email address.", link.get_text())
        self.assertIsNotNone(form.find(id="id_email"))
        self.assert_typed_text_kept(form, email="ann.careful(at)example")
        self.assertFalse(XtdComment.objects.filter(comment=TYPED["comment"]).exists())

    def test_every_field_error_is_listed(self):
        response = self.post(name="", email="nope")
        _form, summary = self.summary_of(response)
        self.assertEqual(
            [link["href"] for link in summary.find_all("a")],
            ["#id_name", "#id_email"],
        )

    def test_a_stale_form_comes_back_signed_afresh_with_the_text(self):
        for label, fields in {"expired": {"age": 3 * 3600}, "forged": {"security_hash": "0" * 40}}.items():
            with self.subTest(label):
                response = self.post(**fields)
                self.assertEqual(response.status_code, 400)
                form, summary = self.summary_of(response)
                self.assertIn("please check it and send it again", summary.get_text())
                self.assert_typed_text_kept(form)

    def test_a_stale_reply_comes_back_on_the_reply_page_still_answering_its_comment(self):
        response = self.post(age=3 * 3600, reply_to=self.parent.pk)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Reply to Bo", status_code=400)
        form, _summary = self.summary_of(response)
        self.assert_typed_text_kept(form, reply_to=self.parent.pk)

    def test_a_refused_reply_keeps_its_target(self):
        response = self.post(email="bad", reply_to=self.parent.pk)
        form, _summary = self.summary_of(response)
        self.assert_typed_text_kept(form, email="bad", reply_to=self.parent.pk)

    def test_a_rate_limit_is_a_429_with_the_form_and_the_text(self):
        set_comment_rules(self.site, rate_limit_count=1)
        self.assertEqual(self.post(comment="The first one.").status_code, 302)
        response = self.post()
        self.assertEqual(response.status_code, 429)
        form, summary = self.summary_of(response)
        self.assertIn("Please wait a few minutes", summary.get_text())
        self.assert_typed_text_kept(form)

    def test_banned_words_are_explained_and_the_text_kept(self):
        set_comment_rules(self.site, banned_words="forbiddenword")
        response = self.post(comment="A comment with forbiddenword in it.")
        self.assertEqual(response.status_code, 400)
        form, summary = self.summary_of(response)
        self.assertTrue(summary.find("li"), "the refusal is listed")
        self.assert_typed_text_kept(form, comment="A comment with forbiddenword in it.")

    def test_a_refusal_is_never_what_the_next_reader_gets(self):
        """The answer to a POST is the reader's own; the page others get stays clean."""
        response = self.post(email="bad")
        self.assertNotIn("public", response.get("Cache-Control", ""))
        self.client.cookies.clear()
        page = self.client.get(self.article.url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, TYPED["comment"])
        self.assertNotContains(page, "data-error-summary")

    def test_the_summary_links_lead_to_fields_on_the_report_page(self):
        response = self.client.post(self.article.url + f"comments/{self.parent.pk}/report/", {"reason": ""})
        self.assertEqual(response.status_code, 400)
        soup = BeautifulSoup(response.content, "html.parser")
        summary = soup.find(attrs={"data-error-summary": True})
        href = summary.find("a")["href"]
        self.assertIsNotNone(soup.find(id=href[1:]), f"{href} leads nowhere")
