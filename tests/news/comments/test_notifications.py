"""E-mail about comments: held comments to moderators, replies to authors who asked, confirmation links.

Every message travels the real way: the request only queues it on the "mail" task
backend, the real ``db_worker`` sends it with Django's SMTP backend, and a real
SMTP server (aiosmtpd) on loopback receives it. Nothing is read from locmem.
"""

import base64
import binascii
import contextlib
import email
import email.policy
import re
import socket
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, TestCase, override_settings
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from news.comments.models import CommentModeration
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import post_comment, run_mail_worker
from tests.utils import build_site_tree, open_comment_rules, set_comment_rules

HELD_REASON = "held: pre-moderation of a new commenter"
UNSUBSCRIBE_URL = re.compile(r"<(https?://[^/>\s]+/comments/unsubscribe/([^/>\s]+)/)>")
CONFIRM_URL = re.compile(r"https?://[^/\s]+/comments/confirm/([^/\s]+)/")


def free_port():
    """A loopback port nothing listens on (at the moment of asking)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SMTP_PORT = free_port()


@dataclass
class Delivery:
    """One message as the SMTP server received it."""

    mail_from: str
    rcpt_tos: list
    raw: bytes
    message: email.message.EmailMessage

    @property
    def body(self):
        return self.message.get_body(preferencelist=("plain",)).get_content()

    def header_values(self, *, except_names=()):
        skipped = {name.lower() for name in except_names}
        return [str(value) for name, value in self.message.items() if name.lower() not in skipped]


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.deliveries = []

    async def handle_DATA(self, server, session, envelope):
        self.deliveries.append(
            Delivery(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                raw=envelope.content,
                message=email.message_from_bytes(envelope.content, policy=email.policy.default),
            )
        )
        return "250 OK"


def start_smtp_server(port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return inbox, controller


def decoded_forms(token):
    """What the token could carry in encoded form: base64/base32/hex decodings, also zlib-inflated."""
    forms = []
    for offset in range(4):
        chunk = token[offset:]
        chunk = chunk[: len(chunk) - len(chunk) % 4]
        for decode in (base64.urlsafe_b64decode, base64.b64decode):
            with contextlib.suppress(binascii.Error, ValueError):
                forms.append(decode(chunk))
    for decode in (lambda t: base64.b32decode(t + "=" * (-len(t) % 8), casefold=True), bytes.fromhex):
        with contextlib.suppress(binascii.Error, ValueError):
            forms.append(decode(token))
    for data in list(forms):
        for start in range(min(len(data), 3)):
            with contextlib.suppress(zlib.error):
                forms.append(zlib.decompress(data[start:]))
    return [form.lower() for form in forms]


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=SMTP_PORT,
    EMAIL_TIMEOUT=2,
)
class NotificationTestCase(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inbox, controller = start_smtp_server(SMTP_PORT)
        cls.addClassCleanup(controller.stop)

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="Safer routes to school")
        users = get_user_model().objects
        moderators = Group.objects.get(name=settings.COMMENT_MODERATORS_GROUP)
        cls.moderator_addresses = ["mod.one@newsroom.test", "mod.two@newsroom.test"]
        for number, address in enumerate(cls.moderator_addresses, start=1):
            user = users.create_user(f"moderator{number}", email=address, password="x", is_staff=True)
            user.groups.add(moderators)
        cls.staff_address = "editor@newsroom.test"
        users.create_user("editor", email=cls.staff_address, password="x", is_staff=True)

    def setUp(self):
        self.inbox.deliveries.clear()

    def post(self, **fields):
        """Post through the real form; the mail backend's callbacks on commit run as in production."""
        with self.captureOnCommitCallbacks(execute=True):
            return post_comment(Client(), self.article, **fields)

    def delivered_to(self, address):
        return [delivery for delivery in self.inbox.deliveries if address in delivery.rcpt_tos]

    def assert_address_absent(self, delivery, address, *, except_headers=()):
        lowered = address.lower()
        if not except_headers:
            self.assertNotIn(lowered.encode(), delivery.raw.lower(), f"{address} appears in the raw message")
        for value in delivery.header_values(except_names=except_headers):
            self.assertNotIn(lowered, value.lower(), f"{address} appears in a header: {value!r}")
        self.assertNotIn(lowered, delivery.body.lower(), f"{address} appears in the body")
        self.assertNotIn(lowered, delivery.mail_from.lower(), f"{address} is the envelope sender")

    def assert_moderators_mailed_about(self, comment, *, reason):
        recipients = sorted(tuple(delivery.rcpt_tos) for delivery in self.inbox.deliveries)
        self.assertEqual(recipients, [(address,) for address in self.moderator_addresses])
        self.assertEqual(self.delivered_to(self.staff_address), [], "a staff user outside the group got mail")
        for delivery in self.inbox.deliveries:
            self.assertIn(self.article.title, delivery.message["Subject"])
            self.assertIn(reason, delivery.body)
            self.assertIn(comment.user_name, delivery.body)
            self.assertIn(comment.comment, delivery.body)
            self.assert_address_absent(delivery, comment.user_email)


class ModeratorMailTests(NotificationTestCase):
    def test_a_held_first_comment_is_mailed_once_to_each_moderator_as_plain_text_without_the_address(self):
        text = "Please fix the <b>bold</b> crossing & the lights."
        response = self.post(name="Nadia Okafor", email="nadia.private@example.org", comment=text)
        self.assertEqual(response.status_code, 302)
        comment = XtdComment.objects.get(user_email="nadia.private@example.org")
        self.assertFalse(comment.is_public)
        self.assertEqual(self.inbox.deliveries, [], "the request itself must not send mail")

        run_mail_worker()

        self.assertEqual(len(self.inbox.deliveries), 2)
        self.assert_moderators_mailed_about(comment, reason=HELD_REASON)
        for delivery in self.inbox.deliveries:
            self.assertIn("From: Nadia Okafor", delivery.body)
            self.assertIn(text, delivery.body, "the comment must be quoted literally, not escaped")
            self.assertNotIn("&lt;", delivery.body)
            self.assertEqual([part.get_content_type() for part in delivery.message.walk()], ["text/plain"])
            link = re.search(r"https?://\S*/(?:django-)?admin/\S*", delivery.body)
            self.assertIsNotNone(link, "no admin link in the message")
            self.assertIn(f"/{comment.pk}/", link.group(0))


class ReplyMailTests(NotificationTestCase):
    def setUp(self):
        super().setUp()
        open_comment_rules(self.site)

    def test_a_reply_is_mailed_only_to_the_parent_author_who_asked_naming_only_the_replier(self):
        self.post(name="Ada Parent", email="ada.parent@example.org", comment="First thoughts.", followup="on")
        self.post(name="Cy Bystander", email="cy.bystander@example.org", comment="Other thoughts.", followup="on")
        parent = XtdComment.objects.get(user_email="ada.parent@example.org")
        run_mail_worker()
        self.assertEqual(self.inbox.deliveries, [], "published top-level comments send no mail")

        self.post(name="Bo Replier", email="bo.replier@example.org", comment="I disagree.", reply_to=parent.pk)
        reply = XtdComment.objects.get(user_email="bo.replier@example.org")
        self.assertTrue(reply.is_public)
        run_mail_worker()

        self.assertEqual(len(self.inbox.deliveries), 1)
        delivery = self.inbox.deliveries[0]
        self.assertEqual(delivery.rcpt_tos, ["ada.parent@example.org"])
        self.assertEqual(delivery.message["To"], "ada.parent@example.org")
        self.assertEqual(self.delivered_to("cy.bystander@example.org"), [])
        self.assertIn("Bo Replier", delivery.message["Subject"])
        self.assertIn("Bo Replier", delivery.body)
        self.assertIn("I disagree.", delivery.body)
        self.assert_address_absent(delivery, "bo.replier@example.org")
        self.assert_address_absent(delivery, "cy.bystander@example.org")
        self.assert_address_absent(delivery, "ada.parent@example.org", except_headers=("To",))

        # A long header is folded onto a continuation line; unfolded, its leading space means nothing.
        unsubscribe = UNSUBSCRIBE_URL.fullmatch(delivery.message["List-Unsubscribe"].strip())
        self.assertIsNotNone(unsubscribe, f"bad List-Unsubscribe: {delivery.message['List-Unsubscribe']!r}")
        self.assertEqual(unsubscribe.group(2), CommentModeration.objects.get(comment=parent).unsubscribe_token)
        self.assertIn(unsubscribe.group(1), delivery.body)
        self.assertEqual(delivery.message["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")

    def test_no_mail_for_a_reply_to_oneself_or_to_an_author_who_did_not_ask(self):
        self.post(name="Ada Parent", email="ada.parent@example.org", comment="First thoughts.", followup="on")
        self.post(name="Dee Quiet", email="dee.quiet@example.org", comment="No mail for me.")
        asked = XtdComment.objects.get(user_email="ada.parent@example.org")
        did_not_ask = XtdComment.objects.get(user_email="dee.quiet@example.org")
        self.assertFalse(did_not_ask.followup)

        self.post(name="Ada Parent", email="ada.parent@example.org", comment="Adding to myself.", reply_to=asked.pk)
        self.post(name="Bo Replier", email="bo.replier@example.org", comment="Hello Dee.", reply_to=did_not_ask.pk)
        self.assertEqual(XtdComment.objects.filter(parent_id__in=[asked.pk, did_not_ask.pk], level=1).count(), 2)
        run_mail_worker()

        self.assertEqual(self.inbox.deliveries, [])


class UnsubscribeTests(NotificationTestCase):
    def setUp(self):
        super().setUp()
        open_comment_rules(self.site)

    def reply_to(self, parent, text):
        self.post(name="Bo Replier", email="bo.replier@example.org", comment=text, reply_to=parent.pk)
        run_mail_worker()

    def test_the_link_asks_first_then_a_one_click_post_stops_reply_mail(self):
        self.post(name="Ada Parent", email="ada.parent@example.org", comment="First thoughts.", followup="on")
        self.post(name="Ada Parent", email="ada.parent@example.org", comment="Second thoughts.", followup="on")
        self.post(name="Cy Bystander", email="cy.bystander@example.org", comment="Keep me posted.", followup="on")
        first = XtdComment.objects.get(comment="First thoughts.")
        self.reply_to(first, "A reply.")
        [delivery] = self.inbox.deliveries
        url = UNSUBSCRIBE_URL.fullmatch(delivery.message["List-Unsubscribe"].strip()).group(1)
        path = urlsplit(url).path

        response = Client().get(path)
        self.assertEqual(response.status_code, 200)
        form = BeautifulSoup(response.content, "html.parser").find("form", method="post")
        self.assertIsNotNone(form, "the confirmation page has no form")
        self.assertEqual(form["action"], path)
        self.assertIsNotNone(form.find("button", type="submit"))
        self.assertEqual(
            XtdComment.objects.filter(user_email="ada.parent@example.org", followup=True).count(),
            2,
            "GET must not unsubscribe (link scanners open links)",
        )
        self.assertTrue(CommentModeration.objects.filter(unsubscribe_token=urlsplit(url).path.split("/")[-2]).exists())

        response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(XtdComment.objects.filter(user_email="ada.parent@example.org", followup=True).exists())
        self.assertTrue(XtdComment.objects.get(user_email="cy.bystander@example.org").followup)

        self.inbox.deliveries.clear()
        self.reply_to(first, "Another reply.")
        self.reply_to(XtdComment.objects.get(comment="Second thoughts."), "A reply to the second.")
        self.assertEqual(self.inbox.deliveries, [])

    def test_an_unknown_token_is_not_found(self):
        path = "/comments/unsubscribe/no-such-token-0123456789abcdefghijklmnop/"
        self.assertEqual(Client().get(path).status_code, 404)
        self.assertEqual(Client(enforce_csrf_checks=True).post(path).status_code, 404)


class MailServerOutageTests(NotificationTestCase):
    def test_an_outage_delays_moderator_mail_without_slowing_or_losing_anything(self):
        down_port = free_port()
        with self.settings(EMAIL_PORT=down_port):
            started = time.monotonic()
            response = self.post(name="Nadia Okafor", email="nadia.private@example.org", comment="While it is down.")
            elapsed = time.monotonic() - started
            self.assertEqual(response.status_code, 302)
            self.assertLess(elapsed, 2, "posting must only queue the mail, not wait for the server")
            comment = XtdComment.objects.get(user_email="nadia.private@example.org")
            queued_by_post = set(DBTaskResult.objects.values_list("id", flat=True))
            self.assertEqual(len(queued_by_post), 1, "one task for the moderators, queued while the reader waited")

            with self.assertLogs("news.comments.notifications", "WARNING") as logs:
                run_mail_worker()  # must not raise
            self.assertTrue(any(record.levelname == "WARNING" for record in logs.records))
            retries = DBTaskResult.objects.exclude(id__in=queued_by_post).filter(
                backend_name="mail", status=TaskResultStatus.READY
            )
            self.assertEqual(
                retries.count(),
                2,
                "after one worker pass with the server down, each message must still be queued (READY) for a "
                "later retry, not retried back to back until MAX_ATTEMPTS and given up (retry_delay() is zero "
                "when COMMENTS_MAIL_RETRY_SECONDS is 0). Tasks as (status, attempt): "
                f"{sorted(DBTaskResult.objects.values_list('status', 'args_kwargs__kwargs__attempt'), key=str)}",
            )
            self.assertFalse(DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists())

            # Time passes: the retries fall due (whatever the delay), and the server is back.
            retries.filter(run_after__gt=timezone.now()).update(run_after=timezone.now())
            inbox, controller = start_smtp_server(down_port)
            self.addCleanup(controller.stop)
            run_mail_worker()

        self.inbox = inbox
        self.assertEqual(len(inbox.deliveries), 2, "the delayed messages never arrived once the server was back")
        self.assert_moderators_mailed_about(comment, reason=HELD_REASON)


class ConfirmationTests(NotificationTestCase):
    def confirm_link_for(self, address, *, name):
        run_mail_worker()
        self.assertEqual(
            [delivery.rcpt_tos for delivery in self.inbox.deliveries],
            [[address]],
            "only the commenter is mailed before confirming",
        )
        delivery = self.inbox.deliveries.pop()
        self.assertIn(self.article.title, delivery.message["Subject"])
        match = CONFIRM_URL.search(delivery.body)
        self.assertIsNotNone(match, f"no confirmation link in:\n{delivery.body}")
        token = match.group(1)
        self.assertGreaterEqual(len(token), 32)
        private = [address, address.split("@")[0], name, *name.split()]
        for secret in private:
            self.assertNotIn(secret.lower(), token.lower(), f"the token carries {secret!r}")
            for form in decoded_forms(token):
                self.assertNotIn(secret.lower().encode(), form, f"the token carries {secret!r} encoded")
        return urlsplit(match.group(0)).path

    def confirm(self, path):
        client = Client(enforce_csrf_checks=True)
        response = client.get(path)
        self.assertEqual(response.status_code, 200)
        form = BeautifulSoup(response.content, "html.parser").find("form", method="post")
        self.assertIsNotNone(form, "the confirmation page has no form")
        self.assertIsNotNone(form.find("button", type="submit"))
        data = {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}
        with self.captureOnCommitCallbacks(execute=True):
            return client.post(form["action"], data)

    def test_confirmed_comment_is_published_when_premoderation_is_off(self):
        set_comment_rules(self.site, confirm_anonymous_by_email=True, premoderate_anonymous=False)
        response = self.post(name="Ines Hartley", email="ines.hartley@example.org", comment="Confirm me, please.")
        self.assertEqual(response.status_code, 302)
        comment = XtdComment.objects.get(user_email="ines.hartley@example.org")
        self.assertFalse(comment.is_public)
        path = self.confirm_link_for("ines.hartley@example.org", name="Ines Hartley")

        self.assertNotContains(Client().get(self.article.url), "Confirm me, please.")
        comment.refresh_from_db()
        self.assertFalse(comment.is_public, "opening the link (GET) must not confirm")

        response = self.confirm(path)
        self.assertEqual(response.status_code, 302)
        comment.refresh_from_db()
        self.assertTrue(comment.is_public)
        page = BeautifulSoup(Client().get(self.article.url).content, "html.parser")
        self.assertIn("Confirm me, please.", page.find(id=f"c{comment.pk}").get_text())
        run_mail_worker()
        self.assertEqual(self.inbox.deliveries, [])
        self.assertEqual(Client().get(path).status_code, 404, "a used confirmation link must not work again")

    def test_confirmed_comment_is_held_and_moderators_mailed_when_premoderation_is_on(self):
        set_comment_rules(self.site, confirm_anonymous_by_email=True)
        self.post(name="Ines Hartley", email="ines.hartley@example.org", comment="Confirm me, please.")
        comment = XtdComment.objects.get(user_email="ines.hartley@example.org")
        path = self.confirm_link_for("ines.hartley@example.org", name="Ines Hartley")

        response = self.confirm(path)
        self.assertEqual(response.status_code, 302)
        comment.refresh_from_db()
        self.assertFalse(comment.is_public)
        self.assertEqual(CommentModeration.objects.get(comment=comment).reason, HELD_REASON)
        run_mail_worker()
        self.assert_moderators_mailed_about(comment, reason=HELD_REASON)
