"""Posting comments the way a browser does: signed hidden fields from a freshly rendered form."""

import logging
import time
from unittest import mock

from django.core.management import call_command

from news.comments.forms import CommentForm

FORM_AGE_SECONDS = 60  # as if the reader took a minute to write


def comment_form_data(page, *, age=FORM_AGE_SECONDS, **fields):
    """POST data for the comment form on ``page``: validly signed hidden fields plus the given ones."""
    form = CommentForm(page)
    timestamp = str(int(time.time()) - age)
    content_type, object_pk = form.initial["content_type"], form.initial["object_pk"]
    data = {
        "content_type": content_type,
        "object_pk": object_pk,
        "timestamp": timestamp,
        "security_hash": form.generate_security_hash(content_type, object_pk, timestamp),
        "reply_to": "0",
        "name": "Ann Reader",
        "email": "ann@example.org",
        "comment": "A comment.",
        "honeypot": "",
    }
    data.update({key: str(value) for key, value in fields.items() if value is not None})
    return data


def post_comment(client, page, **fields):
    """POST a comment to ``page``'s comment endpoint (fields override the defaults)."""
    return client.post(page.url + "comments/", comment_form_data(page, **fields))


def run_mail_worker():
    """What production runs: the database worker for the "mail" backend, here until the queue is empty.

    The worker calls ``close_old_connections()`` between tasks, which inside a test's transaction
    would mark the connection as broken; only that call is disabled, the worker itself is real.
    """
    loggers = [logging.getLogger("django_tasks"), logging.getLogger("django_tasks_db")]
    kept = [(logger, logger.level, list(logger.handlers)) for logger in loggers]
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command(
                "db_worker",
                "--backend",
                "mail",
                "--queue-name",
                "mail",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                verbosity=0,
            )
    finally:  # the worker sets its loggers' levels and handlers for the process; later tests expect Django's
        for logger, level, handlers in kept:
            logger.setLevel(level)
            logger.handlers[:] = handlers
