"""Every moderation decision is stored as a field (``CommentModeration.decision``), never read back from the
reason's text; an author's edit may hold a published comment but never undoes a moderator's or readers' decision."""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment

from news.comments import services
from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration, CommentSettings
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import post_comment
from tests.utils import build_site_tree, set_comment_rules

Decision = CommentModeration.Decision


class DecisionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        set_comment_rules(cls.site, rate_limit_count=100)
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.moderator = get_user_model().objects.create_superuser("moderator", "moderator@staff.example", "pw")

    def posted(self, text, *, client=None, **fields):
        post_comment(client or self.client, self.article, comment=text, **fields)
        return XtdComment.objects.get(comment=text)

    def record(self, comment):
        return CommentModeration.objects.get(comment=comment)

    def state(self, comment):
        comment.refresh_from_db()
        record = self.record(comment)
        return comment.is_public, record.decision


class DecisionFieldTests(DecisionTestCase):
    def test_every_deciding_service_stores_its_decision(self):
        held = self.posted("Held for a moderator")
        self.assertEqual(self.state(held), (False, Decision.HELD))
        services.approve_comments(comments=[held], user=self.moderator)
        self.assertEqual(self.state(held), (True, Decision.PUBLISHED))
        services.unpublish_comments(comments=[held], user=self.moderator)
        self.assertEqual(self.state(held), (False, Decision.UNPUBLISHED))
        services.remove_comments(comments=[held], user=self.moderator)
        self.assertEqual(self.state(held), (False, Decision.REMOVED))
        reply = services.staff_reply(parent=CommentFactory(page=self.article), text="From us", user=self.moderator)
        self.assertEqual(self.state(reply), (True, Decision.PUBLISHED))

        set_comment_rules(self.site, premoderate_anonymous=False, reports_to_hide=1)
        published = self.posted("Published at once")
        self.assertEqual(self.state(published), (True, Decision.PUBLISHED))
        services.report_comment(
            comment=published,
            reason="abuse",
            note="",
            ip_address="192.0.2.1",
            comment_settings=CommentSettings.for_site(self.site),
        )
        self.assertEqual(self.state(published), (False, Decision.HIDDEN_BY_REPORTS))
        deleted = self.posted("Withdrawn by its author")
        self.client.post(f"{self.article.url}comments/{deleted.pk}/delete/")
        self.assertEqual(self.record(deleted).decision, Decision.DELETED_BY_AUTHOR)

    def test_confirming_by_e_mail_applies_the_pending_decision_not_the_reasons_text(self):
        set_comment_rules(self.site, confirm_anonymous_by_email=True)
        comment = self.posted("Awaiting my confirmation")
        record = self.record(comment)
        self.assertEqual((record.decision, record.pending_decision), (Decision.AWAITING_CONFIRMATION, Decision.HELD))
        # A reason whose words say "published" changes nothing: the decision is the field.
        CommentModeration.objects.filter(pk=record.pk).update(pending_reason="published? no: held by a rule")
        services.confirm_comment(token=record.confirmation_token)
        self.assertEqual(self.state(comment), (False, Decision.HELD))
        self.assertEqual(self.record(comment).pending_decision, "")

    def test_confirming_publishes_when_the_pending_decision_is_to_publish(self):
        set_comment_rules(self.site, confirm_anonymous_by_email=True, premoderate_anonymous=False)
        comment = self.posted("Confirm and publish me")
        record = self.record(comment)
        self.assertEqual(record.pending_decision, Decision.PUBLISHED)
        CommentModeration.objects.filter(pk=record.pk).update(pending_reason="held in words only")
        services.confirm_comment(token=record.confirmation_token)
        self.assertEqual(self.state(comment), (True, Decision.PUBLISHED))

    def test_the_migration_fills_the_decision_of_existing_rows_from_their_state(self):
        migration = importlib.import_module("news.comments.migrations.0006_commentmoderation_decision")
        rows = {
            "published": (CommentFactory(page=self.article), "approved by someone", ""),
            "held": (CommentFactory(page=self.article, is_public=False), "held: 2 links", ""),
            "reported": (CommentFactory(page=self.article, is_public=False), "hidden: reported ×3", ""),
            "unpublished": (CommentFactory(page=self.article, is_public=False), "unpublished by mod", ""),
            "removed": (CommentFactory(page=self.article, is_removed=True), "removed by mod", ""),
            "deleted": (CommentFactory(page=self.article, is_removed=True), "deleted by its author", ""),
            "confirming": (CommentFactory(page=self.article, is_public=False), "awaiting e-mail confirmation", "t"),
        }
        for comment, reason, token in rows.values():
            CommentModeration.objects.create(
                comment=comment,
                reason=reason,
                confirmation_token=token,
                pending_reason="published: pre-moderation is off" if token else "",
            )
        CommentModeration.objects.update(decision="", pending_decision="")
        migration.fill_decisions(apps, None)
        stored = {name: self.record(comment) for name, (comment, _, _) in rows.items()}
        self.assertEqual(
            {name: record.decision for name, record in stored.items()},
            {
                "published": Decision.PUBLISHED,
                "held": Decision.HELD,
                "reported": Decision.HIDDEN_BY_REPORTS,
                "unpublished": Decision.UNPUBLISHED,
                "removed": Decision.REMOVED,
                "deleted": Decision.DELETED_BY_AUTHOR,
                "confirming": Decision.AWAITING_CONFIRMATION,
            },
        )
        self.assertEqual(stored["confirming"].pending_decision, Decision.PUBLISHED)


class AnEditKeepsModerationTests(DecisionTestCase):
    """Inside the edit window the author's edit goes through the rules: it may hold a published comment, but
    never publishes one that a moderator or readers' reports took down, nor one still awaiting moderation."""

    def edit(self, comment, text, *, client=None):
        return (client or self.client).post(f"{self.article.url}comments/{comment.pk}/edit/", {"comment": text})

    def assert_not_shown(self, text):
        self.assertNotContains(Client().get(self.article.url), text)

    def test_an_edit_does_not_republish_a_comment_a_moderator_unpublished(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        comment = self.posted("Published, then unpublished")
        services.unpublish_comments(comments=[comment], user=self.moderator)
        response = self.edit(comment, "Edited after a moderator unpublished it")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.state(comment), (False, Decision.UNPUBLISHED))
        self.assertEqual(comment.comment, "Edited after a moderator unpublished it")
        self.assert_not_shown("Edited after a moderator")
        self.assertContains(self.client.get(self.article.url), "Your edited comment is awaiting moderation.")

    def test_an_edit_does_not_republish_a_comment_that_reports_hid(self):
        set_comment_rules(self.site, premoderate_anonymous=False, reports_to_hide=2)
        comment = self.posted("Published, then reported")
        for address in ("192.0.2.1", "192.0.2.2"):
            Client().post(f"{self.article.url}comments/{comment.pk}/report/", {"reason": "abuse"}, REMOTE_ADDR=address)
        self.assertEqual(self.state(comment), (False, Decision.HIDDEN_BY_REPORTS))
        self.edit(comment, "Edited after readers reported it")
        self.assertEqual(self.state(comment), (False, Decision.HIDDEN_BY_REPORTS))
        self.assert_not_shown("Edited after readers")

    def test_an_edit_of_a_held_comment_stays_held(self):
        set_comment_rules(self.site, approve_returning_commenters=True)
        first = self.posted("My first comment", email="ria@example.org")
        services.approve_comments(comments=[first], user=self.moderator)
        held = self.posted("See https://a.example and https://b.example", email="ria@example.org")
        self.assertEqual(self.state(held), (False, Decision.HELD))
        self.edit(held, "Without the links now")
        self.assertEqual(self.state(held), (False, Decision.HELD))
        self.assert_not_shown("Without the links now")

    def test_an_edit_can_still_hold_a_published_comment(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        comment = self.posted("Published at once")
        self.edit(comment, "Now with https://a.example and https://b.example")
        self.assertEqual(self.state(comment), (False, Decision.HELD))
        self.assertEqual(self.record(comment).reason, "edited; held: 2 links")

    def test_an_edit_of_a_comment_awaiting_e_mail_confirmation_cannot_turn_a_hold_into_publishing(self):
        set_comment_rules(self.site, confirm_anonymous_by_email=True, premoderate_anonymous=False)
        comment = self.posted("To confirm, see https://a.example and https://b.example")
        self.assertEqual(self.record(comment).pending_decision, Decision.HELD)
        self.edit(comment, "To confirm, without links")
        record = self.record(comment)
        self.assertEqual((record.decision, record.pending_decision), (Decision.AWAITING_CONFIRMATION, Decision.HELD))
        services.confirm_comment(token=record.confirmation_token)
        self.assertEqual(self.state(comment), (False, Decision.HELD))
