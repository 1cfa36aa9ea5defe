"""The "Reader comments" queue in Wagtail's admin: listing, filters, search, actions, logs, permissions."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment
from wagtail.models import ModelLogEntry

from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration, CommentReport
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree

QUEUE = "/admin/reader-comments/"


def bulk_url(action, *comments):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return f"/admin/bulk/django_comments_xtd/xtdcomment/{action}/?{ids}&next={QUEUE}"


def make_user(username, *, groups=(), permissions=(), superuser=False):
    user = get_user_model().objects.create_user(username, f"{username}@staff.example", "pw", is_superuser=superuser)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    for app_label, codename in permissions:
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


class QueueTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index, title="On prevention")
        cls.other_article = NewsArticlePageFactory(parent=tree.news_index, title="On platforms")
        cls.held = CommentFactory(
            page=cls.article, comment="Held words", user_name="Hana", user_email="hana@example.org", is_public=False
        )
        CommentModeration.objects.create(comment=cls.held, reason="held: 3 links")
        cls.published = CommentFactory(page=cls.article, comment="Published words", user_name="Pat")
        cls.reply = CommentFactory(page=cls.article, parent=cls.published, comment="A reply to Pat")
        cls.reported = CommentFactory(page=cls.other_article, comment="Reported words", user_name="Rob")
        for ip in ("192.0.2.1", "192.0.2.2"):
            CommentReport.objects.create(comment=cls.reported, reason="abuse", ip_address=ip)
        cls.removed = CommentFactory(page=cls.other_article, comment="Removed words", is_removed=True)
        cls.moderator = make_user("moderator", groups=["Comment moderators"])
        cls.contact_moderator = make_user(
            "contact", groups=["Comment moderators"], permissions=[("comments", "view_commenter_contact")]
        )
        cls.editor = make_user("editor", permissions=[("wagtailadmin", "access_admin")])
        cls.superuser = make_user("super", superuser=True)

    def setUp(self):
        self.client.force_login(self.moderator)

    def listed(self, query=""):
        response = self.client.get(QUEUE + query)
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        return [title.get_text(strip=True) for title in soup.select('[id^="snippet_"][id$="_title"]')]


class ListingTests(QueueTestCase):
    def test_opens_on_comments_awaiting_moderation(self):
        self.assertEqual(self.listed(), ["Held words"])
        response = self.client.get(QUEUE)
        self.assertContains(response, "held: 3 links")
        self.assertContains(response, f'href="{self.article.url}#c{self.held.pk}"')
        self.assertContains(response, f"/admin/pages/{self.article.pk}/edit/")

    def test_status_filters(self):
        self.assertEqual(set(self.listed("?status=published")), {"Published words", "A reply to Pat", "Reported words"})
        self.assertEqual(self.listed("?status=reported"), ["Reported words"])
        self.assertContains(self.client.get(QUEUE + "?status=reported"), "Abusive or harmful ×2")
        self.assertEqual(self.listed("?status=removed"), ["Removed words"])
        self.assertEqual(len(self.listed("?status=all")), 5)

    def test_page_and_date_filters(self):
        self.assertEqual(
            set(self.listed(f"?status=all&page_id={self.other_article.pk}")), {"Reported words", "Removed words"}
        )
        self.assertEqual(self.listed("?status=all&submit_date_from=2099-01-01"), [])

    def test_search_by_text_and_name(self):
        self.assertEqual(self.listed("?status=all&q=reply+to"), ["A reply to Pat"])
        self.assertEqual(self.listed("?status=all&q=Rob"), ["Reported words"])

    def test_contact_details_need_their_own_permission(self):
        response = self.client.get(QUEUE)
        self.assertNotContains(response, "hana@example.org")
        self.assertNotContains(response, "192.0.2.10")
        self.assertEqual(self.listed("?status=all&q=hana@example.org"), [])
        edit = self.client.get(f"{QUEUE}edit/{self.held.pk}/")
        self.assertNotContains(edit, "hana@example.org")
        self.client.force_login(self.contact_moderator)
        response = self.client.get(QUEUE)
        self.assertContains(response, "hana@example.org")
        self.assertContains(response, "192.0.2.10")
        self.assertEqual(self.listed("?status=all&q=hana@example.org"), ["Held words"])


class ActionTests(QueueTestCase):
    def act(self, action, *comments):
        url = bulk_url(action, *comments)
        confirm = self.client.get(url)
        self.assertEqual(confirm.status_code, 200)
        response = self.client.post(url, follow=True)
        self.assertEqual(response.status_code, 200)
        return confirm, response

    def logged(self, comment, action):
        return ModelLogEntry.objects.filter(object_id=str(comment.pk), action=action, user=self.moderator).exists()

    def test_approve_one_publishes_it_on_the_page_and_logs(self):
        self.assertNotContains(Client().get(self.article.url), "Held words")
        _, response = self.act("approve", self.held)
        self.assertContains(response, "Approved 1 comment.")
        self.assertTrue(XtdComment.objects.get(pk=self.held.pk).is_public)
        self.assertContains(Client().get(self.article.url), "Held words")
        self.assertTrue(self.logged(self.held, "comments.approve"))

    def test_approve_in_bulk_clears_reports(self):
        XtdComment.objects.filter(pk=self.reported.pk).update(is_public=False)
        _, response = self.act("approve", self.held, self.reported)
        self.assertContains(response, "Approved 2 comments.")
        self.assertFalse(CommentReport.objects.filter(resolved=False).exists())
        self.assertContains(Client().get(self.other_article.url), "Reported words")

    def test_unpublish(self):
        _, response = self.act("unpublish", self.published)
        self.assertContains(response, "Unpublished 1 comment.")
        page = Client().get(self.article.url)
        self.assertNotContains(page, "Published words")
        self.assertContains(page, "A reply to Pat")  # the reply stays, under a placeholder
        self.assertTrue(self.logged(self.published, "comments.unpublish"))

    def test_remove_keeps_the_thread_shape(self):
        self.act("remove", self.published)
        page = Client().get(self.article.url)
        self.assertContains(page, "This comment is not shown.")
        self.assertContains(page, "A reply to Pat")
        self.assertTrue(XtdComment.objects.get(pk=self.published.pk).is_removed)
        self.assertTrue(self.logged(self.published, "comments.remove"))

    def test_delete_asks_first_and_says_replies_go_too(self):
        confirm, response = self.act("hard-delete", self.published)
        self.assertContains(confirm, "Their 1 reply will be deleted too.")
        self.assertContains(response, "Deleted 1 comment and 1 reply to them.")
        self.assertFalse(XtdComment.objects.filter(pk__in=[self.published.pk, self.reply.pk]).exists())
        self.assertTrue(self.logged(self.published, "comments.delete"))
        self.assertNotContains(Client().get(self.article.url), "A reply to Pat")

    def test_delete_without_replies(self):
        confirm, _ = self.act("hard-delete", self.held)
        self.assertContains(confirm, "They have no replies.")
        self.assertFalse(XtdComment.objects.filter(pk=self.held.pk).exists())

    def test_mark_reports_as_dealt_with(self):
        _, response = self.act("resolve-reports", self.reported)
        self.assertContains(response, "Dealt with the reports on 1 comment.")
        self.assertFalse(CommentReport.objects.filter(resolved=False).exists())
        self.assertEqual(self.listed("?status=reported"), [])
        self.assertTrue(self.logged(self.reported, "comments.resolve_reports"))

    def test_get_on_an_action_changes_nothing(self):
        self.client.get(bulk_url("approve", self.held))
        self.assertFalse(XtdComment.objects.get(pk=self.held.pk).is_public)

    def test_reply_as_staff_is_published_at_once_and_marked(self):
        url = f"{QUEUE}reply/{self.published.pk}/"
        self.assertContains(self.client.get(url), "Published words")
        self.client.post(url, {"comment": "Thank you, we have passed this on."})
        reply = XtdComment.objects.get(comment="Thank you, we have passed this on.")
        self.assertTrue(reply.is_public)
        self.assertEqual(reply.parent_id, self.published.pk)
        page = BeautifulSoup(Client().get(self.article.url).content, "html.parser")
        element = page.find(id=f"c{reply.pk}")
        self.assertIn("From the site's team", element.get_text())
        self.assertIsNotNone(page.find(id=f"c{self.published.pk}").find(id=f"c{reply.pk}"))
        self.assertTrue(self.logged(reply, "comments.reply"))

    def test_moderator_edit_shows_edited_by_moderators(self):
        response = self.client.post(f"{QUEUE}edit/{self.published.pk}/", {"comment": "Published words, trimmed"})
        self.assertEqual(response.status_code, 302)
        page = Client().get(self.article.url)
        self.assertContains(page, "Published words, trimmed")
        self.assertContains(page, "edited by moderators")
        self.assertTrue(self.logged(self.published, "comments.edit"))


class PermissionMatrixTests(QueueTestCase):
    """Who may open each moderation URL: anonymous, editor, moderator, moderator with contact, superuser."""

    def urls(self):
        return [
            QUEUE,
            f"{QUEUE}?status=all",
            f"{QUEUE}results/",
            f"{QUEUE}edit/{self.held.pk}/",
            f"{QUEUE}reply/{self.held.pk}/",
            *[
                bulk_url(action, self.held)
                for action in ("approve", "unpublish", "remove", "hard-delete", "resolve-reports")
            ],
        ]

    def test_matrix(self):
        people = {
            "editor": (self.editor, False),
            "moderator": (self.moderator, True),
            "moderator with contact details": (self.contact_moderator, True),
            "superuser": (self.superuser, True),
        }
        for label, (user, allowed) in people.items():
            client = Client()
            client.force_login(user)
            for url in self.urls():
                with self.subTest(who=label, url=url):
                    status = client.get(url).status_code
                    self.assertEqual(status, 200 if allowed else 403, f"{label} got {status} on {url}")
        for url in self.urls():
            with self.subTest(who="anonymous", url=url):
                response = Client().get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/admin/login/", response["Location"])

    def test_non_moderators_cannot_post_actions(self):
        client = Client()
        client.force_login(self.editor)
        for action in ("approve", "hard-delete"):
            self.assertEqual(client.post(bulk_url(action, self.held)).status_code, 403)
        self.assertEqual(client.post(f"{QUEUE}reply/{self.held.pk}/", {"comment": "Sneaky"}).status_code, 403)
        self.assertTrue(XtdComment.objects.filter(pk=self.held.pk, is_public=False).exists())
        self.assertFalse(XtdComment.objects.filter(comment="Sneaky").exists())

    def test_wagtails_generic_snippet_delete_is_not_available_for_reader_comments(self):
        """Only the queue's own Delete, which deals with replies, may delete."""
        self.client.post(bulk_url("delete", self.held))
        self.assertIn(self.client.get(f"{QUEUE}delete/{self.held.pk}/").status_code, (302, 403))
        self.assertTrue(XtdComment.objects.filter(pk=self.held.pk).exists())
