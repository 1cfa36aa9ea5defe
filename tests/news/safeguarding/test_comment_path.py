"""Each category's path end to end: post → not public, not even to its writer → the writer sees the category's
help → only the leads read it → the case is handled and closed → erased after the retention period."""

import datetime

from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone
from django.utils.html import escape
from django_comments_xtd.models import XtdComment

from home.factories import HelpMessageFactory
from news.comments.factories import CommentFactory
from news.comments.models import CommenterStanding, CommentModeration
from news.factories import NewsArticlePageFactory
from news.safeguarding import selectors, services
from news.safeguarding.categories import Category
from news.safeguarding.models import CaseAction, SafeguardingCase, SafeguardingSettings
from tests.news.comments.helpers import post_comment, run_mail_worker
from tests.news.comments.test_admin_queue import make_user
from tests.utils import build_site_tree, open_comment_rules

SAMPLES = {
    Category.CHILD_DISCLOSURE: "I'm 13 and he keeps asking me to send pictures, he says it's our secret",
    Category.SELF_HARM: "Reading this I just want to die, I can't go on",
    Category.SEXUAL_INTEREST: "I am attracted to children and I'm scared I might offend. Who can help me?",
    Category.ADULT_SURVIVOR: "I was abused by my uncle when I was 9 and I have never told anyone until now.",
    Category.IDENTIFYING: "My neighbour John Smith is the one they arrested, everyone round here knows it.",
    Category.ABUSE_MATERIAL: "where can i find child porn links",
}
WRITER = "writer@family.example"


class SafeguardingPathTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        open_comment_rules(tree.home.get_site())  # even a site that publishes at once never publishes these
        cls.article = NewsArticlePageFactory(parent=tree.news_index, title="Police priorities online")
        rules = selectors.rules()
        cls.help_messages = {}
        for category in Category:
            message = HelpMessageFactory(name=f"Help for {category}", heading=f"Help heading {category.value}")
            rules[category].help_message = message
            rules[category].save()
            cls.help_messages[category] = message
        cls.lead = make_user("lead", groups=["Safeguarding leads"])
        cls.moderator = make_user("moderator", groups=["Comment moderators"])
        cls.admin = make_user("admin", superuser=True)

    def post(self, text, client=None, **fields):
        return post_comment(client or self.client, self.article, comment=text, email=WRITER, name="Sam", **fields)

    def test_each_category_is_held_kept_from_the_page_and_its_writer_sees_its_help(self):
        for category, text in SAMPLES.items():
            with self.subTest(category=category):
                writer = Client()
                response = self.post(text, client=writer)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].endswith("#comments"))
                case = SafeguardingCase.objects.get(text=text)
                self.assertEqual(case.category, category)
                self.assertEqual((case.writer_name, case.writer_email), ("Sam", WRITER))
                comment = case.comment
                self.assertEqual((comment.comment, comment.user_name, comment.user_email), ("", "", ""))
                self.assertFalse(comment.is_public)
                self.assertEqual(CommentModeration.objects.get(comment=comment).decision, "safeguarding")

                shown = writer.get(response["Location"]).content.decode()
                self.assertIn(self.help_messages[category].heading, shown)
                self.assertNotIn("awaiting moderation", shown.lower())
                self.assertNotIn(text[:30], shown)
                again = writer.get(self.article.url).content.decode()  # a reload, or the next person at the computer
                self.assertNotIn(self.help_messages[category].heading, again)
                self.assertNotIn(text[:30], again)
                self.assertNotIn(text[:30], Client().get(self.article.url).content.decode())

    def test_each_categorys_case_is_read_by_a_lead_only_closed_and_erased_after_retention(self):
        later = timezone.now() + datetime.timedelta(days=SafeguardingSettings.load().retention_days + 1)
        for category, text in SAMPLES.items():
            with self.subTest(category=category):
                self.post(text)
                case = SafeguardingCase.objects.get(text=text)
                url = f"/admin/safeguarding/cases/{case.pk}/"
                self.client.force_login(self.moderator)
                self.assertRedirects(self.client.get(url), "/admin/", fetch_redirect_response=False)
                self.client.force_login(self.lead)
                self.assertContains(self.client.get(url), escape(text)[:30])
                self.client.post(url, {"do": "record", "action": "no_action", "note": "checked"})
                self.client.post(url, {"do": "close"})
                self.assertEqual(services.erase_expired_cases(now=later), 1)
                case.refresh_from_db()
                self.assertEqual((case.status, case.text, case.writer_email), ("erased", "", ""))
                self.assertNotContains(self.client.get(url), escape(text)[:30])

    def test_a_trusted_commenter_is_never_published_automatically(self):
        CommenterStanding.objects.create(email=WRITER, standing=CommenterStanding.Standing.TRUSTED)
        self.post(SAMPLES[Category.SELF_HARM])
        self.assertEqual(XtdComment.objects.filter(is_public=True).count(), 0)
        self.assertTrue(SafeguardingCase.objects.exists())

    def test_no_mail_goes_to_the_writer_and_the_leads_get_a_link_without_the_text(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.post(SAMPLES[Category.CHILD_DISCLOSURE], followup="on")
        run_mail_worker()
        case = SafeguardingCase.objects.get()
        self.assertEqual([message.to for message in mail.outbox], [["lead@staff.example"]])
        body = mail.outbox[0].subject + mail.outbox[0].body
        self.assertIn(f"http://testserver/admin/safeguarding/cases/{case.pk}/", body)
        for private in (SAMPLES[Category.CHILD_DISCLOSURE][:20], "Sam", WRITER, "child"):
            self.assertNotIn(private, body)

    def test_moderators_see_that_a_comment_is_held_for_safeguarding_but_not_its_text(self):
        self.post(SAMPLES[Category.ADULT_SURVIVOR])
        case = SafeguardingCase.objects.get()
        self.client.force_login(self.moderator)
        queue = self.client.get("/admin/reader-comments/?status=safeguarding").content.decode()
        self.assertIn("Held for safeguarding", queue)
        screen = self.client.get(f"/admin/reader-comments/comment/{case.comment_id}/").content.decode()
        for shown in (queue, screen):
            self.assertNotIn("uncle", shown)
            self.assertNotIn(WRITER, shown)
        self.assertNotIn('value="approve"', screen)  # nothing to decide: the leads do
        for url in (f"/admin/safeguarding/cases/{case.pk}/", "/admin/safeguarding/cases/"):
            self.assertRedirects(self.client.get(url), "/admin/", fetch_redirect_response=False)  # Wagtail's refusal

    def test_a_moderators_bulk_approve_cannot_publish_it(self):
        from news.comments import services as comment_services

        self.post(SAMPLES[Category.ABUSE_MATERIAL])
        comment = SafeguardingCase.objects.get().comment
        self.assertEqual(comment_services.approve_comments(comments=[comment], user=self.moderator), 0)
        comment.refresh_from_db()
        self.assertFalse(comment.is_public)

    def test_a_superuser_is_not_a_lead_unless_in_the_group(self):
        self.post(SAMPLES[Category.SELF_HARM])
        case = SafeguardingCase.objects.get()
        self.client.force_login(self.admin)
        refused = self.client.get(f"/admin/safeguarding/cases/{case.pk}/")
        self.assertRedirects(refused, "/admin/", fetch_redirect_response=False)

    def test_a_lead_reads_records_closes_and_after_retention_only_the_audit_row_stays(self):
        text = SAMPLES[Category.IDENTIFYING]
        self.post(text)
        case = SafeguardingCase.objects.get()
        self.client.force_login(self.lead)
        queue = self.client.get("/admin/safeguarding/cases/").content.decode()
        self.assertIn(f"Case {case.pk}", queue)
        screen = self.client.get(f"/admin/safeguarding/cases/{case.pk}/").content.decode()
        self.assertIn("My neighbour John Smith", screen)
        self.assertIn(WRITER, screen)
        self.client.post(
            f"/admin/safeguarding/cases/{case.pk}/",
            {"do": "record", "action": "referred", "note": "Passed to the police, ref 123"},
        )
        self.client.post(f"/admin/safeguarding/cases/{case.pk}/", {"do": "close", "note": "Done"})
        case.refresh_from_db()
        self.assertEqual(case.status, "closed")
        self.assertEqual(
            list(case.actions.values_list("action", "note")),
            [("referred", "Passed to the police, ref 123"), ("closed", "Done")],
        )
        retention = SafeguardingSettings.load().retention_days
        self.assertEqual(services.erase_expired_cases(now=timezone.now() + datetime.timedelta(days=retention - 1)), 0)
        self.assertEqual(services.erase_expired_cases(now=timezone.now() + datetime.timedelta(days=retention + 1)), 1)
        case.refresh_from_db()
        self.assertEqual(case.status, "erased")
        self.assertEqual(
            (case.text, case.writer_name, case.writer_email, case.why, case.ip_address), ("", "", "", "", None)
        )
        self.assertEqual(case.category, Category.IDENTIFYING)
        self.assertEqual(
            list(case.actions.values_list("action", "note", "user__username")),
            [("referred", "", "lead"), ("closed", "", "lead"), ("erased", "", None)],
        )
        self.assertFalse(XtdComment.objects.filter(comment__contains="John Smith").exists())
        screen = self.client.get(f"/admin/safeguarding/cases/{case.pk}/").content.decode()
        self.assertNotIn("John Smith", screen)

    def test_an_open_case_is_never_erased(self):
        self.post(SAMPLES[Category.SELF_HARM])
        self.assertEqual(services.erase_expired_cases(now=timezone.now() + datetime.timedelta(days=3650)), 0)

    def test_a_lead_returns_a_case_that_is_not_a_safeguarding_matter_to_moderation(self):
        self.post(SAMPLES[Category.SELF_HARM])
        case = SafeguardingCase.objects.get()
        self.client.force_login(self.moderator)
        refused = self.client.post(f"/admin/reader-comments/safeguarding/{case.pk}/return/")
        self.assertRedirects(refused, "/admin/", fetch_redirect_response=False)
        self.assertEqual(SafeguardingCase.objects.get().status, "open")
        self.client.force_login(self.lead)
        self.client.post(f"/admin/reader-comments/safeguarding/{case.pk}/return/", {"note": "A quote from a film"})
        comment = XtdComment.objects.get(pk=case.comment_id)
        self.assertEqual((comment.comment, comment.user_email, comment.is_public), (case.text, WRITER, False))
        record = CommentModeration.objects.get(comment=comment)
        self.assertEqual(record.decision, "held")
        case.refresh_from_db()
        self.assertEqual(case.status, "closed")
        self.assertEqual(list(case.actions.values_list("action", flat=True)), ["returned", "closed"])

    def test_an_edit_into_a_disclosure_takes_the_comment_off_the_page_into_a_case(self):
        writer = Client()
        response = post_comment(writer, self.article, comment="Thank you for this article.", email=WRITER)
        comment = XtdComment.objects.get(comment="Thank you for this article.")
        self.assertTrue(comment.is_public)
        reader = Client()
        self.assertIn("Thank you for this article.", reader.get(self.article.url).content.decode())  # now cached
        response = writer.post(
            f"{self.article.url}comments/{comment.pk}/edit/", {"comment": SAMPLES[Category.CHILD_DISCLOSURE]}
        )
        self.assertEqual(response.status_code, 302)
        comment.refresh_from_db()
        self.assertEqual((comment.comment, comment.is_public, comment.user_email), ("", False, ""))
        case = SafeguardingCase.objects.get()
        self.assertTrue(case.from_edit)
        self.assertEqual(case.text, SAMPLES[Category.CHILD_DISCLOSURE])
        shown = writer.get(response["Location"]).content.decode()
        self.assertIn(self.help_messages[Category.CHILD_DISCLOSURE].heading, shown)
        self.assertNotIn("our secret", shown)
        for shown in (reader.get(self.article.url), Client().get(self.article.url)):  # the cached copy went too
            self.assertNotIn("Thank you for this article.", shown.content.decode())
            self.assertNotIn("our secret", shown.content.decode())

    def test_a_name_is_checked_too(self):
        post_comment(self.client, self.article, comment="Good article.", name="I want to die", email=WRITER)
        self.assertEqual(SafeguardingCase.objects.get().category, Category.SELF_HARM)


class PersonalDetailsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        open_comment_rules(tree.home.get_site())
        cls.article = NewsArticlePageFactory(parent=tree.news_index)
        CommentFactory(page=cls.article, comment="An earlier comment")

    def test_the_writer_is_warned_first_and_nothing_is_stored(self):
        text = "My number is 07700 900123, call me if your child was targeted too."
        response = post_comment(self.client, self.article, comment=text)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This looks like a phone number (“07700 900123”)")
        self.assertContains(response, 'name="send_personal_details"')
        self.assertContains(response, text)  # kept in the form
        self.assertFalse(XtdComment.objects.filter(comment=text).exists())

    def test_sent_anyway_it_is_held_with_the_reason(self):
        text = "Email me at parent.helper@example.net and I'll share what the school told us."
        response = post_comment(self.client, self.article, comment=text, send_personal_details="on")
        self.assertEqual(response.status_code, 302)
        comment = XtdComment.objects.get(comment=text)
        self.assertFalse(comment.is_public)
        record = CommentModeration.objects.get(comment=comment)
        self.assertEqual((record.decision, record.held_by), ("held", "personal_details"))
        self.assertEqual(record.reason, "held: personal details (an e-mail address)")

    def test_postcodes_and_handles_are_caught_and_plain_numbers_are_not(self):
        for text in ("We live at SW1A 1AA near the school", "add me on snapchat"):
            with self.subTest(text):
                self.assertEqual(post_comment(self.client, self.article, comment=text).status_code, 200)
        for text in ("In 2023, 1,200 offenders were sentenced; section 15 applies.", "It cost £40,000 by 10:30."):
            with self.subTest(text):
                self.assertEqual(post_comment(self.client, self.article, comment=text).status_code, 302)

    def test_an_edit_with_personal_details_is_warned_then_held(self):
        writer = Client()
        post_comment(writer, self.article, comment="A first thought.")
        comment = XtdComment.objects.get(comment="A first thought.")
        url = f"{self.article.url}comments/{comment.pk}/edit/"
        text = "A first thought. Ring 020 7946 0018."
        response = writer.post(url, {"comment": text})
        self.assertContains(response, "This looks like a phone number")
        comment.refresh_from_db()
        self.assertEqual(comment.comment, "A first thought.")
        writer.post(url, {"comment": text, "send_personal_details": "on"})
        comment.refresh_from_db()
        self.assertEqual((comment.comment, comment.is_public), (text, False))
        self.assertEqual(CommentModeration.objects.get(comment=comment).held_by, "personal_details")


class ActionsRecordTests(TestCase):
    def test_a_closed_case_takes_no_more_steps_until_reopened(self):
        tree = build_site_tree()
        case = SafeguardingCase.objects.create(page=tree.home, category=Category.SELF_HARM, text="x")
        lead = make_user("lead", groups=["Safeguarding leads"])
        services.record_action(case=case, action=CaseAction.Action.CLOSED, user=lead)
        with self.assertRaises(services.CaseClosed):
            services.record_action(case=case, action=CaseAction.Action.NOTE, user=lead, note="late")
        services.reopen_case(case=case, user=lead)
        services.record_action(case=case, action=CaseAction.Action.NOTE, user=lead, note="late")
        self.assertEqual(case.actions.count(), 3)
