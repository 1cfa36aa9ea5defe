"""Hostile comment text and names stay inert where moderators see them: the queue, its edit, reply and
confirmation views, and the e-mails sent about comments (plain text only)."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import TestCase
from django_comments_xtd.models import XtdComment

from news.comments import notifications
from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import run_mail_worker
from tests.news.comments.test_xss import VECTORS, active_census, attribute_problems
from tests.utils import build_site_tree

QUEUE = "/admin/reader-comments/"


def injected(soup):
    """Event handlers and script URLs anywhere, and counts of script-capable elements."""
    return attribute_problems(soup), active_census(soup)


class ModeratorViewsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index)
        cls.comments = [
            CommentFactory(page=cls.article, comment=f"benign {n}", user_name=f"Reader {n}", is_public=n % 2 == 0)
            for n in range(len(VECTORS))
        ]
        user = get_user_model().objects.create_user("mod", "mod@staff.example", "pw")
        user.groups.add(Group.objects.get(name="Comment moderators"))
        user.user_permissions.add(Permission.objects.get(codename="view_commenter_contact"))
        cls.moderator = user

    def setUp(self):
        self.client.force_login(self.moderator)

    def snapshot(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return injected(BeautifulSoup(response.content, "html.parser"))

    def make_hostile(self):
        for comment, vector in zip(self.comments, VECTORS, strict=True):
            XtdComment.objects.filter(pk=comment.pk).update(comment=vector, user_name=vector[:50])

    def test_queue_pages_and_comment_views_show_hostile_input_as_text(self):
        pages = [f"{QUEUE}?status=all&p={n}" for n in (1, 2, 3)]
        views = [
            f"{QUEUE}edit/{self.comments[0].pk}/",
            f"{QUEUE}reply/{self.comments[1].pk}/",
            f"/admin/bulk/django_comments_xtd/xtdcomment/approve/?{'&'.join(f'id={c.pk}' for c in self.comments[:60])}",
        ]
        baseline = {url: self.snapshot(url) for url in pages + views}
        self.make_hostile()
        for url in pages + views:
            with self.subTest(url=url):
                problems, census = self.snapshot(url)
                self.assertEqual(problems, [])
                self.assertEqual(census, baseline[url][1], "hostile input added script-capable elements")
        for comment, vector in zip(self.comments[:5], VECTORS[:5], strict=True):
            response = self.client.get(f"{QUEUE}edit/{comment.pk}/")
            textarea = BeautifulSoup(response.content, "html.parser").find("textarea", attrs={"name": "comment"})
            self.assertEqual(textarea.get_text().strip(), vector.strip())


class MailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index)
        moderator = get_user_model().objects.create_user("mod", "mod@staff.example", "pw")
        moderator.groups.add(Group.objects.get(name="Comment moderators"))

    def test_mail_about_hostile_comments_is_plain_text_only(self):
        parent = CommentFactory(page=self.article, followup=True)
        from news.comments.models import CommentModeration

        CommentModeration.objects.create(comment=parent, unsubscribe_token="t" * 40)
        with self.captureOnCommitCallbacks(execute=True):
            for vector in VECTORS[:20]:
                held = CommentFactory(page=self.article, comment=vector, user_name=vector[:50], is_public=False)
                notifications.notify_moderators_of_held_comment(comment=held, page=self.article, reason="held")
                reply = CommentFactory(page=self.article, parent=parent, comment=vector, user_name=vector[:50])
                notifications.notify_author_of_reply(
                    reply=reply, parent=parent, page=self.article, unsubscribe_token="t" * 40
                )
        run_mail_worker()
        self.assertEqual(len(mail.outbox), 40)
        for message in mail.outbox:
            with self.subTest(subject=message.subject[:40]):
                self.assertEqual(message.content_subtype, "plain")
                self.assertEqual(getattr(message, "alternatives", []), [])
                self.assertFalse(message.attachments)
