"""Comment ids in addresses and forms: any number beyond what the database can store is "no such comment"."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import TestCase
from django_comments_xtd.models import XtdComment

from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data, post_comment
from tests.utils import build_site_tree, open_comment_rules

ROOT = Path(__file__).resolve().parents[3]
HUGE_IDS = ("99999999999999999999", "9223372036854775808", "2147483648")  # 20 digits, past 64 and 32 bits
# Every public route of a commentable page that takes a comment id, and the methods it answers.
COMMENT_ROUTES = (
    ("comments/{id}/", ("get",)),
    ("comments/reply/{id}/", ("get",)),
    ("comments/{id}/edit/", ("get", "post")),
    ("comments/{id}/delete/", ("get", "post")),
    ("comments/{id}/report/", ("get", "post")),
)


class HugeCommentIdTests(TestCase):
    """On the suite's database (PostgreSQL)."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        open_comment_rules(cls.tree.home.get_site())
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.comment = CommentFactory(page=cls.article, comment="An existing comment")

    def test_every_comment_route_answers_404_for_an_id_beyond_the_database_integer(self):
        post_comment(self.client, self.article, comment="Mine, so this browser holds an authorship cookie")
        for huge in HUGE_IDS:
            for route, methods in COMMENT_ROUTES:
                url = self.article.url + route.format(id=huge)
                for method in methods:
                    with self.subTest(url=url, method=method):
                        data = {"comment": "x", "reason": "spam"} if method == "post" else {}
                        self.assertEqual(getattr(self.client, method)(url, data).status_code, 404)

    def test_a_reply_to_an_id_beyond_the_database_integer_is_refused_not_an_error(self):
        for huge in HUGE_IDS:
            with self.subTest(huge):
                data = comment_form_data(self.article, reply_to=huge, comment="Replying to nothing")
                response = self.client.post(self.article.url + "comments/", data)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "Replying to nothing", status_code=400)
        self.assertFalse(XtdComment.objects.filter(comment="Replying to nothing").exists())

    def test_the_admins_reply_and_edit_forms_answer_404_for_an_id_beyond_the_database_integer(self):
        from django.contrib.auth import get_user_model

        self.client.force_login(get_user_model().objects.create_superuser("boss", "boss@staff.example", "pw"))
        for huge in HUGE_IDS:
            for url in (f"/admin/reader-comments/reply/{huge}/", f"/admin/reader-comments/edit/{huge}/"):
                with self.subTest(url):
                    self.assertEqual(self.client.get(url).status_code, 404)


SQLITE_SCRIPT = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment
from django.test import Client

setup_test_environment()
settings.DATABASES["default"]["TEST"] = {"MIGRATE": False, "NAME": sys.argv[1]}
connection.creation.create_test_db(verbosity=0, autoclobber=True)

from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data
from tests.utils import build_site_tree, open_comment_rules

tree = build_site_tree()
open_comment_rules(tree.home.get_site())
article = NewsArticlePageFactory(parent=tree.news_index)
CommentFactory(page=article)
routes = json.loads(sys.argv[2])
client = Client(raise_request_exception=False)
answers = {}
for huge in json.loads(sys.argv[3]):
    for route, methods in routes:
        for method in methods:
            url = article.url + route.format(id=huge)
            answers[f"{method.upper()} {url}"] = getattr(client, method)(url, {"comment": "x"}).status_code
    data = comment_form_data(article, reply_to=huge)
    answers[f"POST comments/ reply_to={huge}"] = client.post(article.url + "comments/", data).status_code

from django.contrib.auth import get_user_model

admin = Client(raise_request_exception=False)
admin.force_login(get_user_model().objects.create_superuser("boss", "boss@staff.example", "pw"))
for huge in json.loads(sys.argv[3]):
    for url in (f"/admin/reader-comments/reply/{huge}/", f"/admin/reader-comments/edit/{huge}/"):
        answers[f"GET {url}"] = admin.get(url).status_code
print(json.dumps(answers))
"""


class HugeCommentIdOnSQLiteTests(TestCase):
    """The same addresses (and the admin's) on SQLite, the default database of ``make run``, whose driver raises
    OverflowError for integers past 64 bits: run in a child process with its own SQLite database."""

    def test_every_comment_route_answers_404_on_sqlite(self):
        with tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "ids.sqlite3"
            env = {
                key: value
                for key, value in os.environ.items()
                if key not in ("REDIS_URL", "STATE_REDIS_URL", "DJANGO_SETTINGS_MODULE")
            }
            env.update(
                DATABASE_URL=f"sqlite:///{database}",
                DJANGO_SETTINGS_MODULE="config.settings.test",
                CACHE_DIR=str(Path(folder) / "cache"),
                PYTHONPATH=os.pathsep.join([str(ROOT / "site"), str(ROOT)]),
            )
            result = subprocess.run(  # noqa: S603 - our own interpreter and script
                [sys.executable, "-c", SQLITE_SCRIPT, str(database), json.dumps(COMMENT_ROUTES), json.dumps(HUGE_IDS)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
        self.assertEqual(result.returncode, 0, result.stderr[-3000:])
        answers = json.loads(result.stdout.strip().splitlines()[-1])
        self.assertEqual(len(answers), len(HUGE_IDS) * 11)
        wrong = {
            request: status
            for request, status in answers.items()
            if status != (400 if request.startswith("POST comments/ reply_to=") else 404)
        }
        self.assertEqual(wrong, {}, "\n".join(f"{request}: {status}" for request, status in wrong.items()))
