"""`make run`'s server: the address and admin login are its last lines; logs and printed mail go to a file."""

import logging
import sys
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core import mail
from django.core.mail.backends.console import EmailBackend
from django.test import TestCase
from wagtail.models import Site

from home.management.commands.runserver_with_login import Command
from tests.utils import build_site_tree


class RunserverWithLoginTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site_tree()

    def setUp(self):
        loggers = [logging.getLogger(), logging.getLogger("django.server"), logging.getLogger("django")]
        kept = [(logger, list(logger.handlers)) for logger in loggers]
        stdout = sys.stdout

        def restore():
            sys.stdout.close() if sys.stdout is not stdout else None
            sys.stdout = stdout
            for logger, handlers in kept:
                logger.handlers[:] = handlers

        self.addCleanup(restore)

    def bind(self, tmp, port=8123):
        command = Command(stdout=StringIO())
        command.addr, command._raw_ipv6, command.protocol = "127.0.0.1", False, "http"
        command.log_file, command.password_file = tmp / "log" / "run.log", tmp / "admin-password.txt"
        command.on_bind(port)
        return command

    def test_the_address_and_login_come_last_and_logs_go_to_the_file(self):
        with TemporaryDirectory() as name:
            tmp = Path(name)
            command = self.bind(tmp)
            lines = command.stdout._out.getvalue().strip().splitlines()
            password = (tmp / "admin-password.txt").read_text().strip()
            self.assertEqual(
                lines[-3:],
                [
                    "Default site: http://127.0.0.1:8123/",
                    f"Admin login: http://127.0.0.1:8123/admin/  username: admin  password: {password}",
                    f"Request and task logs: {tmp / 'log' / 'run.log'}",
                ],
            )
            self.assertIn("Starting development server at http://127.0.0.1:8123/", "\n".join(lines[:-3]))
            self.assertEqual(Site.objects.get(is_default_site=True).root_url, "http://127.0.0.1:8123")

            logging.getLogger("django.server").info('"GET /news/ HTTP/1.1" 200 512')
            logging.getLogger("django_tasks").warning("Task send_mail failed, retrying")
            EmailBackend().send_messages([mail.EmailMessage("A reply to your comment", "Hello", to=["a@example.org"])])
            log = (tmp / "log" / "run.log").read_text()
            self.assertIn('django.server: "GET /news/ HTTP/1.1" 200 512', log)
            self.assertIn("Task send_mail failed, retrying", log)
            self.assertIn("Subject: A reply to your comment", log)
            self.assertNotIn("GET /news/", command.stdout._out.getvalue())

            again = self.bind(tmp)  # a second run (or a reload) keeps the same login
            self.assertIn(password, again.stdout._out.getvalue())
