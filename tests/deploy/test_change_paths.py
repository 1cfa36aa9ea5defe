"""Every way content changes reaches every cached copy, proved on the real stack (issue 13, defects 1, 2, 5, 11).

A throwaway `make stack` (PostgreSQL, two Redis, two gunicorn app servers, the nginx of deploy/) serves the
demo content. Each test first makes both caches hold the page (nginx answers HIT; each app server keeps it
in Redis), then changes it *in another process* (``manage.py shell`` or a management command, as an editor's
or a moderator's action in another worker would), then asks as an anonymous reader through nginx and
through each app server directly. Nothing waits for an expiry: a stale copy would be served at once.
"""

import http.client
import json
import shutil
from pathlib import Path
from unittest import skipUnless

from django.test import SimpleTestCase

from deploy import nginx_conf
from deploy.stack import throwaway_stack

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
REDIS = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
needs_the_stack = skipUnless(
    NGINX and REDIS and nginx_conf.PURGE_MODULE.exists(),
    "needs nginx, its cache purge module and redis-server (apt-get install nginx libnginx-mod-http-cache-purge "
    "redis-server)",
)

ARTICLE = "/news/police-lead-urges-focus-on-highest-risk-offenders/"
# The demo article's comment thread (home/demo_content.py): its first published comment.
FIND_COMMENT = """
import json
from news.comments.queries import PUBLISHED, comments_on
from wagtail.models import Page
page = Page.objects.get(url_path__endswith="/police-lead-urges-focus-on-highest-risk-offenders/").specific
comment = comments_on(page).filter(PUBLISHED).order_by("pk").first()
print(json.dumps({"pk": comment.pk, "name": comment.user_name, "email": comment.user_email, "text": comment.comment}))
"""


@needs_the_stack
class ChangePathTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._stack = throwaway_stack(log=lambda message: None)
        cls.stack = cls._stack.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls._stack.__exit__(None, None, None)
        super().tearDownClass()

    # ------------------------------------------------------------------ helpers

    def get(self, path, *, port=None, host=None):
        """An anonymous GET through nginx (or an app server's port): status, cache status and body."""
        connection = http.client.HTTPConnection("127.0.0.1", port or self.stack.nginx_port, timeout=20)
        try:
            connection.request("GET", path, headers={"Host": host or self.stack.host})
            response = connection.getresponse()
            return response.status, response.getheader("X-Cache-Status"), response.read().decode()
        finally:
            connection.close()

    def through_every_cache(self, path):
        """The answers of nginx and of each app server, in that order."""
        return [self.get(path)] + [self.get(path, port=port) for port in self.stack.app_ports]

    def cache_everywhere(self, *paths):
        for path in paths:
            self.get(path)
            status, cache_status, _body = self.get(path)
            self.assertEqual((status, cache_status), (200, "HIT"), path)
            for port in self.stack.app_ports:
                self.assertEqual(self.get(path, port=port)[0], 200)

    def change(self, code):
        return self.stack.shell(code)

    def assert_nowhere(self, path, text, *, status=None):
        for n, (answered, _cache_status, body) in enumerate(self.through_every_cache(path)):
            with self.subTest(path=path, via=["nginx", "app_a", "app_b"][n]):
                self.assertNotIn(text, body)
                if status is not None:
                    self.assertEqual(answered, status)

    # ------------------------------------------------------------------ privacy (defect 1)

    def restrict(self, slug, restriction):
        self.change(
            "from wagtail.models import Page, PageViewRestriction\n"
            "from django.contrib.auth.models import Group\n"
            f"page = Page.objects.get(slug='{slug}')\n"
            f"{restriction}\n"
        )

    def test_a_page_restricted_to_logged_in_readers_is_never_served_from_a_cache(self):
        path = "/news/guidance-urges-sober-reporting-of-child-abuse-cases/"
        self.cache_everywhere(path, "/news/")
        title = "New guidance urges sober reporting"
        self.assertIn(title, self.get("/news/")[2])
        self.restrict(
            "guidance-urges-sober-reporting-of-child-abuse-cases",
            "PageViewRestriction.objects.create(page=page, restriction_type='login')",
        )
        for status, _cache, _body in self.through_every_cache(path):
            self.assertEqual(status, 302)  # to the login page
        self.assert_nowhere("/news/", title)  # listings leave out private pages
        self.change(
            "from wagtail.models import PageViewRestriction\n"
            "PageViewRestriction.objects.filter(page__slug='guidance-urges-sober-reporting-of-child-abuse-cases')"
            ".delete()\n"
        )
        for status, _cache, body in self.through_every_cache(path):
            self.assertEqual(status, 200)
            self.assertIn(title, body)

    def test_a_page_restricted_by_password_or_to_groups_is_never_served_from_a_cache(self):
        for slug, restriction in [
            (
                "draft-codes-set-out-platform-duties",
                "PageViewRestriction.objects.create(page=page, restriction_type='password', password='s3cret')",
            ),
            (
                "regional-pilot-pools-digital-investigators",
                "r = PageViewRestriction.objects.create(page=page, restriction_type='groups')\n"
                "r.groups.set(Group.objects.all())",
            ),
        ]:
            with self.subTest(slug):
                path = f"/news/{slug}/"
                self.cache_everywhere(path)
                body_text = self.get(path)[2]
                self.assertIn('<p class="lead">', body_text)
                self.restrict(slug, restriction)
                for _status, _cache, body in self.through_every_cache(path):
                    self.assertNotIn('<p class="lead">', body)

    # ------------------------------------------------------------------ the tree (defect 1's other shapes)

    def test_a_moved_or_renamed_page_is_gone_from_its_old_address(self):
        """Wagtail's redirects module sends readers on from the old address; no cache answers it any more."""
        self.cache_everywhere("/about/", "/schools-receive-new-online-safety-lessons/".join(["/news", ""]))
        self.change(
            "from wagtail.models import Page\n"
            "about = Page.objects.get(slug='about')\n"
            "about.move(Page.objects.get(slug='privacy-policy'), pos='last-child')\n"
        )
        for status, _cache, _body in self.through_every_cache("/about/"):
            self.assertEqual(status, 301)  # Wagtail's redirect to the new address, never the page kept from before
        self.assertEqual(self.get("/privacy-policy/about/")[0], 200)

        old = "/news/schools-receive-new-online-safety-lessons/"
        self.change(
            "from wagtail.models import Page\n"
            "page = Page.objects.get(slug='schools-receive-new-online-safety-lessons').specific\n"
            "page.slug = 'online-safety-lessons-for-schools'\n"
            "page.save_revision().publish()\n"
        )
        for status, _cache, _body in self.through_every_cache(old):
            self.assertEqual(status, 301)
        self.assertEqual(self.get("/news/online-safety-lessons-for-schools/")[0], 200)

    def test_an_unpublished_or_deleted_page_is_gone_from_every_cache(self):
        unpublished = "/news/mps-call-for-long-term-funding-for-prevention/"
        deleted = "/news/confidential-helpline-records-busiest-year/"
        self.cache_everywhere(unpublished, deleted, "/news/", "/news/feed/", "/")
        self.change(
            "from wagtail.models import Page\n"
            "Page.objects.get(slug='mps-call-for-long-term-funding-for-prevention').specific.unpublish()\n"
            "Page.objects.get(slug='confidential-helpline-records-busiest-year').delete()\n"
        )
        for path in (unpublished, deleted):
            for status, _cache, _body in self.through_every_cache(path):
                self.assertEqual(status, 404, path)
        for listing in ("/news/", "/news/feed/", "/"):
            self.assert_nowhere(listing, "MPs call for long-term funding")
            self.assert_nowhere(listing, "Confidential helpline records busiest year")

    # ------------------------------------------------------------------ comments (defects 2, 5, 11)

    def test_a_removed_comment_is_gone_from_every_copy_a_reader_could_be_served(self):
        comment = json.loads(self.change(FIND_COMMENT))
        text = comment["text"][:40]
        spellings = [ARTICLE, ARTICLE + "?", ARTICLE.replace("/police-", "/%70olice-"), ARTICLE + "?cpage=1"]
        feeds = [ARTICLE + "comments/feed/", "/comments/feed/"]
        for path in [*spellings, *feeds]:
            self.get(path)
        self.assertEqual(self.get(ARTICLE.replace("/police-", "/%70olice-"))[1], "HIT")
        self.assertIn(text, self.get(ARTICLE)[2])
        self.change(
            "from django.contrib.auth import get_user_model\n"
            "from django_comments_xtd.models import XtdComment\n"
            "from news.comments.services import remove_comments\n"
            f"remove_comments(comments=[XtdComment.objects.get(pk={comment['pk']})], "
            "user=get_user_model().objects.get(username='stack-moderator'))\n"
        )
        for path in [*spellings, *feeds]:
            self.assert_nowhere(path, text)
        localhost_by_ip = f"127.0.0.1:{self.stack.nginx_port}"
        self.assertNotIn(text, self.get(ARTICLE, host=localhost_by_ip)[2])

    def test_hidden_comments_leave_the_page_and_both_feeds(self):
        slug = "safer-platforms-sooner"
        path = f"/campaigns/{slug}/"
        self.change(
            "from django.contrib.auth import get_user_model\n"
            "from wagtail.models import Page\n"
            "from news.comments.factories import CommentFactory\n"
            f"CommentFactory(page=Page.objects.get(slug='{slug}').specific, comment='Visible until hidden.')\n"
        )
        self.cache_everywhere(path, path + "comments/feed/", "/comments/feed/")
        self.assertIn("Visible until hidden.", self.get("/comments/feed/")[2])
        self.change(
            "from wagtail.models import Page\n"
            f"page = Page.objects.get(slug='{slug}').specific\n"
            "page.comments_mode = 'hidden'\n"
            "page.save_revision().publish()\n"
        )
        self.assert_nowhere(path, "Visible until hidden.")
        self.assert_nowhere(path + "comments/feed/", "Visible until hidden.", status=404)
        self.assert_nowhere("/comments/feed/", "Visible until hidden.")

    def test_erasure_and_approval_made_from_another_process_are_seen_at_once(self):
        comment = json.loads(self.change(FIND_COMMENT))
        self.cache_everywhere(ARTICLE, ARTICLE + "comments/feed/")
        self.assertIn(comment["name"], self.get(ARTICLE)[2])
        self.stack.manage("erase_commenter_data", comment["email"], "--remove-text")
        for path in (ARTICLE, ARTICLE + "comments/feed/", "/comments/feed/"):
            self.assert_nowhere(path, comment["text"][:40])
        held = self.change(
            "from news.comments.factories import CommentFactory\n"
            "from wagtail.models import Page\n"
            "page = Page.objects.get(slug='police-lead-urges-focus-on-highest-risk-offenders').specific\n"
            "print(CommentFactory(page=page, comment='Held, then approved elsewhere.', is_public=False).pk)\n"
        ).strip()
        self.cache_everywhere(ARTICLE)
        self.assert_nowhere(ARTICLE, "Held, then approved elsewhere.")
        self.change(
            "from django.contrib.auth import get_user_model\n"
            "from django_comments_xtd.models import XtdComment\n"
            "from news.comments.services import approve_comments\n"
            f"approve_comments(comments=[XtdComment.objects.get(pk={held})], "
            "user=get_user_model().objects.get(username='stack-moderator'))\n"
        )
        for _status, _cache, body in self.through_every_cache(ARTICLE):
            self.assertIn("Held, then approved elsewhere.", body)
