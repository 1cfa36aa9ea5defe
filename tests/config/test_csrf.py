"""CSRF: every form that changes data needs the token, except two.

An anonymous reader's comment form (it sits on cached pages) is checked by origin instead, and one-click
unsubscribe (mail clients post it) by its own token. GET never changes data.
"""

from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment

from news.comments.clients import AUTHORSHIP_COOKIE
from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration, CommentReport
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data, post_comment
from tests.utils import build_site_tree, open_comment_rules, set_comment_rules


def snapshot():
    """Everything a reader's request could change."""
    return (
        list(XtdComment.objects.order_by("pk").values_list("pk", "comment", "is_public", "is_removed", "followup")),
        list(
            CommentModeration.objects.order_by("pk").values_list(
                "pk", "reason", "unsubscribe_token", "confirmation_token", "edited_at"
            )
        ),
        list(CommentReport.objects.order_by("pk").values_list("pk", "reason", "note")),
    )


class CsrfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        open_comment_rules(cls.site)
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.published = CommentFactory(page=cls.article, comment="Someone else's comment.")

    def setUp(self):
        # The author's own comment, posted from a normal browser: its authorship cookie allows edit and delete.
        author = Client()
        post_comment(author, self.article, comment="My own words.", followup="on")
        self.own = XtdComment.objects.get(comment="My own words.")
        self.csrf_client = Client(enforce_csrf_checks=True)
        self.csrf_client.cookies[AUTHORSHIP_COOKIE] = author.cookies[AUTHORSHIP_COOKIE].value
        self.token = CommentModeration.objects.get(comment=self.own).unsubscribe_token
        self.assertTrue(self.token)

    def url(self, route):
        return f"{self.article.url}comments/{route}"

    def test_an_anonymous_reader_posts_a_comment_without_a_token_from_the_same_site(self):
        """Pages are cached for anonymous readers, so their comment form carries no token (as in Drupal)."""
        response = self.csrf_client.post(
            self.url(""),
            comment_form_data(self.article, comment="From a cached page."),
            headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(XtdComment.objects.filter(comment="From a cached page.").exists())

    def test_an_anonymous_comment_posted_from_another_site_is_refused(self):
        before = snapshot()
        forged = [
            {"Origin": "https://attacker.example"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site"},
            {"Sec-Fetch-Site": "same-site"},
            {"Referer": "https://attacker.example/form", "Sec-Fetch-Site": "cross-site"},
        ]
        for headers in forged:
            with self.subTest(headers):
                data = comment_form_data(self.article, comment="Forged.")
                self.assertEqual(self.csrf_client.post(self.url(""), data, headers=headers).status_code, 403)
        self.assertEqual(snapshot(), before)

    def test_a_logged_in_reader_posting_a_comment_without_a_csrf_token_is_refused(self):
        """A session is worth forging a post for: with one, the token is required as everywhere else."""
        user = get_user_model().objects.create_user("reader", password="x")  # noqa: S106
        self.csrf_client.force_login(user)
        page = self.csrf_client.get(self.article.url)
        self.assertContains(page, 'name="csrfmiddlewaretoken"')  # a page of their own, with the token
        before = snapshot()
        data = comment_form_data(self.article, comment="No token.")
        response = self.csrf_client.post(self.url(""), data, headers={"Origin": "http://testserver"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(snapshot(), before)
        data["csrfmiddlewaretoken"] = page.context["csrf_token"]
        self.assertEqual(self.csrf_client.post(self.url(""), data).status_code, 302)

    def test_reporting_without_a_csrf_token_is_refused(self):
        before = snapshot()
        response = self.csrf_client.post(self.url(f"{self.published.pk}/report/"), {"reason": "spam", "note": "x"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(snapshot(), before)

    def test_editing_without_a_csrf_token_is_refused(self):
        self.assertEqual(self.csrf_client.get(self.url(f"{self.own.pk}/edit/")).status_code, 200)  # cookie works
        before = snapshot()
        response = self.csrf_client.post(self.url(f"{self.own.pk}/edit/"), {"comment": "Forged edit."})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(snapshot(), before)

    def test_deleting_without_a_csrf_token_is_refused(self):
        self.assertEqual(self.csrf_client.get(self.url(f"{self.own.pk}/delete/")).status_code, 200)  # cookie works
        before = snapshot()
        response = self.csrf_client.post(self.url(f"{self.own.pk}/delete/"))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(snapshot(), before)

    def test_with_the_csrf_token_the_same_forms_work(self):
        """The control: the 403s above are about the missing token, not about the forms."""
        page = self.csrf_client.get(self.url(f"{self.own.pk}/edit/"))
        token = page.context["csrf_token"]
        response = self.csrf_client.post(
            self.url(f"{self.own.pk}/edit/"), {"comment": "Edited with a token.", "csrfmiddlewaretoken": token}
        )
        self.assertEqual(response.status_code, 302)
        self.own.refresh_from_db()
        self.assertEqual(self.own.comment, "Edited with a token.")

    def test_get_on_the_comment_endpoint_is_not_allowed(self):
        before = snapshot()
        data = comment_form_data(self.article, comment="Sent by GET.")
        response = self.csrf_client.get(self.url(""), data)
        self.assertEqual(response.status_code, 405)
        self.assertEqual(snapshot(), before)

    def test_get_with_form_data_in_the_query_string_changes_nothing(self):
        set_comment_rules(self.site, confirm_anonymous_by_email=True)
        post_comment(Client(), self.article, comment="Waiting for confirmation.", email="wait@example.org")
        confirmation = CommentModeration.objects.get(comment__comment="Waiting for confirmation.").confirmation_token
        self.assertTrue(confirmation)
        before = snapshot()
        cases = [
            (self.url(f"{self.own.pk}/edit/"), {"comment": "Edited by GET."}, 200),
            (self.url(f"{self.own.pk}/delete/"), {"confirm": "yes"}, 200),
            (self.url(f"{self.published.pk}/report/"), {"reason": "spam", "note": "By GET."}, 200),
            (f"/comments/unsubscribe/{self.token}/", {"unsubscribe": "1"}, 200),
            (f"/comments/confirm/{confirmation}/", {"confirm": "1"}, 200),
            ("/comments/unsubscribe/no-such-token/", {"unsubscribe": "1"}, 404),
            ("/comments/confirm/no-such-token/", {"confirm": "1"}, 404),
        ]
        for url, query, status in cases:
            with self.subTest(url):
                self.assertEqual(self.csrf_client.get(url, query).status_code, status)
                self.assertEqual(snapshot(), before, f"GET {url} changed data")

    def test_one_click_unsubscribe_works_without_a_csrf_token(self):
        """RFC 8058: mail clients POST to the List-Unsubscribe address; the token authorises it."""
        response = self.csrf_client.post(f"/comments/unsubscribe/{self.token}/", {"List-Unsubscribe": "One-Click"})
        self.assertEqual(response.status_code, 200)
        self.own.refresh_from_db()
        self.assertFalse(self.own.followup)
        self.assertEqual(CommentModeration.objects.get(comment=self.own).unsubscribe_token, "")

    def test_one_click_unsubscribe_with_an_unknown_token_is_404(self):
        before = snapshot()
        response = self.csrf_client.post("/comments/unsubscribe/no-such-token/", {"List-Unsubscribe": "One-Click"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(snapshot(), before)

    def test_confirm_is_not_exempt(self):
        """Confirming by e-mail link publishes a comment: the page's button carries a CSRF token, a bare POST fails."""
        set_comment_rules(self.site, confirm_anonymous_by_email=True)
        post_comment(Client(), self.article, comment="To confirm.", email="confirm@example.org")
        token = CommentModeration.objects.get(comment__comment="To confirm.").confirmation_token
        before = snapshot()
        self.assertEqual(self.csrf_client.post(f"/comments/confirm/{token}/").status_code, 403)
        self.assertEqual(snapshot(), before)
