"""Commenters' e-mail addresses stay private: no public page, feed, header or redirect reveals them.

The form promises "kept private and will not be shown publicly". An address also
leaks as its hash (Gravatar URLs are md5 of the normalised address), so this test
crawls everything an anonymous visitor can reach and looks for the addresses, their
usual digests and any sign of Gravatar.
"""

import hashlib
import uuid
from collections import deque
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment
from wagtail.models import Site

from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration, CommentSettings
from news.factories import CampaignPageFactory, NewsArticlePageFactory
from tests.news.comments.helpers import post_comment
from tests.utils import build_site_tree, open_comment_rules, set_comment_rules

CRAWL_LIMIT = 300
SAME_SITE_HOSTS = {"", "testserver", "localhost", "localhost:80"}
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/")
STALE_FORM_AGE = 3 * 60 * 60  # past the signed form's two-hour window


def private_address(*, shouting=False):
    """A unique commenter address: its random part also finds the address in any encoding."""
    token = uuid.uuid4().hex
    return f"Privacy-{token.upper()}@Example.ORG" if shouting else f"privacy-{token}@example.org"


def address_traces(email):
    """Every form in which an address could leak, lowercase, each with what it is."""
    normalised = email.strip().lower()
    traces = {
        normalised: email,
        normalised.split("@")[0].removeprefix("privacy-"): f"{email} (its unique local part, in any encoding)",
        hashlib.md5(email.encode(), usedforsecurity=False).hexdigest(): f"{email} (md5 as typed)",
    }
    for name in ("md5", "sha1", "sha256"):
        digest = hashlib.new(name, normalised.encode(), usedforsecurity=False).hexdigest()
        traces[digest] = f"{email} ({name} of the normalised address, as Gravatar uses)"
    return traces


@dataclass
class Visit:
    """One response an anonymous visitor got: what was asked, the status, headers and body."""

    request: str
    status: int
    content_type: str
    headers: list
    body: str
    location: str

    @classmethod
    def of(cls, request, response):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        headers = list(response.items()) + [("Set-Cookie", m.OutputString()) for m in response.cookies.values()]
        return cls(
            request=request,
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            headers=headers,
            body=content.decode("utf-8", errors="replace"),
            location=response.get("Location", ""),
        )

    def links(self):
        """Every address this response points to: its redirect, HTML href/src, feed and sitemap links."""
        found = [self.location] if self.location else []
        if "html" in self.content_type:
            for element in BeautifulSoup(self.body, "html.parser").find_all(True):
                found.extend(element[name] for name in ("href", "src", "action") if element.get(name))
        elif "xml" in self.content_type and self.status == 200:
            for element in ET.fromstring(self.body.encode()).iter():
                if element.tag.rsplit("}", 1)[-1] in {"link", "loc", "guid"} and element.text:
                    found.append(element.text.strip())
                if element.get("href"):
                    found.append(element.get("href"))
        return found


def same_site_path(link, *, base):
    """The path and query of a link on this site, or None for other sites, other schemes and skipped areas."""
    parts = urlsplit(urljoin(base, link))
    if parts.scheme not in {"http", "https"} or parts.netloc not in SAME_SITE_HOSTS:
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, seeds):
    """Breadth-first GETs from the seeds along every same-site link, up to CRAWL_LIMIT addresses."""
    queue, seen, visits = deque(seeds), set(seeds), []
    while queue and len(visits) < CRAWL_LIMIT:
        path = queue.popleft()
        visit = Visit.of(path, client.get(path))
        visits.append(visit)
        for link in visit.links():
            target = same_site_path(link, base=f"http://testserver{path}")
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return visits


class CommenterPrivacyTests(TestCase):
    """A realistic set of comments, then everything an anonymous visitor can fetch."""

    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        open_comment_rules(tree.home.get_site())
        site = Site.objects.get(is_default_site=True)
        CommentSettings.objects.update_or_create(site=site, defaults={"comments_per_page": 5})  # so pages of comments
        cls.campaign = CampaignPageFactory(parent=tree.campaign_index, title="Keep addresses private")
        cls.article = NewsArticlePageFactory(parent=tree.news_index, title="Privacy matters")
        cls.article.related_campaigns.add(cls.campaign)
        cls.article.save()
        cls.commenters = {}  # e-mail address → name, for every stored comment
        cls.posts = []  # what posting answered, checked like any crawled page
        cls.own = []  # (page, comment id) of every comment the posting browser may still edit or delete
        client = Client(raise_request_exception=False)

        a1 = cls.post(client, cls.article, "Ann", followup="on")
        a2 = cls.post(client, cls.article, "Ben", reply_to=a1)
        cls.post(client, cls.article, "Cat", reply_to=a2, followup="on", shouting=True)
        cls.post(client, cls.article, "Dan")
        c1 = cls.post(client, cls.campaign, "Eve", followup="on")
        cls.post(client, cls.campaign, "Fay", reply_to=c1, followup="on")
        c3 = cls.post(client, cls.campaign, "Gus")
        cls.post(client, cls.campaign, "Hal", reply_to=c3)
        cls.disclosure(client, cls.article, "Pia")  # held for safeguarding: its text and writer are in a case

        cls.make(page=cls.article, name="Ivy")
        cls.make(page=cls.campaign, name="Jon", parent=XtdComment.objects.get(pk=c3))
        cls.make(page=cls.article, name="Kim", is_public=False)  # awaiting moderation: never shown
        removed = cls.make(page=cls.article, name="Lou", is_removed=True)  # shown as a placeholder
        cls.make(page=cls.article, name="Max", parent=removed)
        cls.make(page=cls.article, name="Ned")
        cls.make(page=cls.article, name="Oda")  # the sixth conversation, on the second page of comments

        cls.refused_form_posts(client, reply_to=a1)
        cls.edits_and_reports(client, edited=a1, reported=c1, reported_once=a2)
        cls.author_visits = cls.authors_own_pages(client, site=site)

        cls.pages = [cls.article, cls.campaign]
        comment_ids = [
            (page, pk)
            for page in cls.pages
            for pk in XtdComment.objects.filter(object_pk=str(page.pk)).values_list("pk", flat=True)
        ]
        seeds = ["/", "/sitemap.xml", "/news/feed/", "/comments/feed/", "/news/?page=1"]
        seeds += [f"{page.url}comments/feed/" for page in cls.pages]
        seeds += [f"{page.url}comments/{pk}/" for page, pk in comment_ids]
        seeds += [f"{page.url}comments/reply/{pk}/" for page, pk in comment_ids]
        seeds += [f"{page.url}comments/{pk}/report/" for page, pk in comment_ids]
        seeds += [f"/search/?{urlencode({'query': name})}" for name in ("Ann Privacyreader", "Privacyreader")]
        cls.visits = crawl(Client(raise_request_exception=False), seeds)
        cls.permalinks = {f"{page.url}comments/{pk}/" for page, pk in comment_ids}
        cls.address_searches = cls.search_for_addresses(Client(raise_request_exception=False))

    @classmethod
    def post(cls, client, page, name, *, reply_to=None, followup=None, shouting=False):
        """Post through the real form as a reader would, keep what came back; the new comment's id."""
        email = private_address(shouting=shouting)
        name = f"{name} Privacyreader"
        response = post_comment(
            client, page, name=name, email=email, comment=f"{name} says hello.", reply_to=reply_to, followup=followup
        )
        cls.commenters[email] = name
        cls.record_post(client, f"POST {page.url}comments/ as {name}", response)
        pk = int(response["Location"].rsplit("#c", 1)[1])
        cls.own.append((page, pk))
        return pk

    DISCLOSURE = "I'm 12 and a man I met in a game keeps asking me to send pictures. He says it is our secret."

    @classmethod
    def disclosure(cls, client, page, name):
        email, name = private_address(), f"{name} Privacyreader"
        response = post_comment(client, page, name=name, email=email, comment=cls.DISCLOSURE)
        cls.commenters[email] = name
        cls.record_post(client, f"POST {page.url}comments/ as {name} (a disclosure)", response)

    @classmethod
    def make(cls, *, page, name, **fields):
        email = private_address()
        name = f"{name} Privacyreader"
        cls.commenters[email] = name
        return CommentFactory(page=page, user_name=name, user_email=email, comment=f"{name} was here.", **fields)

    @classmethod
    def refused_form_posts(cls, client, *, reply_to):
        """Forms shown again echo the sender's own typed address to them; never anyone else's."""
        for label, fields in (
            ("empty comment", {"comment": ""}),
            ("empty reply", {"comment": "", "reply_to": reply_to}),
            ("stale form", {"age": STALE_FORM_AGE}),
        ):
            email = private_address()  # not a commenter's: nothing was stored
            response = post_comment(client, cls.article, name="Not Yet A Commenter", email=email, **fields)
            cls.posts.append(Visit.of(f"POST {cls.article.url}comments/ ({label})", response))

    @classmethod
    def edits_and_reports(cls, client, *, edited, reported, reported_once):
        """The author edits from the same browser; readers report (three reports hide a comment)."""
        response = client.post(f"{cls.article.url}comments/{edited}/edit/", {"comment": "Ann, edited."})
        assert response.status_code == 302, response.status_code
        cls.record_post(client, "POST edit", response)
        for n in range(3):
            url = f"{cls.campaign.url}comments/{reported}/report/"
            response = client.post(url, {"reason": "personal", "note": "x"}, REMOTE_ADDR=f"192.0.2.{n + 1}")
            cls.record_post(client, f"POST report {n}", response)
        response = client.post(f"{cls.article.url}comments/{reported_once}/report/", {"reason": "spam"})
        cls.record_post(client, "POST report once", response)

    @classmethod
    def authors_own_pages(cls, client, *, site):
        """What only a commenter is shown: the edit and delete pages of their comments (from the browser that
        posted them) and the pages of the links they are e-mailed (unsubscribe; confirm, for a comment posted
        while anonymous comments need confirming)."""
        visits = []
        set_comment_rules(site, confirm_anonymous_by_email=True)
        email, name = private_address(), "Pat Privacyreader"
        response = post_comment(client, cls.article, name=name, email=email, comment="Pat, to be confirmed.")
        set_comment_rules(site, confirm_anonymous_by_email=False)
        cls.commenters[email] = name
        visits.append(Visit.of(f"POST {cls.article.url}comments/ as {name} (to be confirmed)", response))
        cls.own.append((cls.article, XtdComment.objects.get(user_email=email).pk))
        for page, pk in cls.own:
            for action in ("edit", "delete"):
                url = f"{page.url}comments/{pk}/{action}/"
                visits.append(Visit.of(url, client.get(url)))
        moderation = CommentModeration.objects.filter(
            comment__object_pk__in=[str(cls.article.pk), str(cls.campaign.pk)]
        )
        for token in moderation.exclude(unsubscribe_token="").values_list("unsubscribe_token", flat=True):
            visits.append(Visit.of(f"/comments/unsubscribe/{token}/", client.get(f"/comments/unsubscribe/{token}/")))
        for token in moderation.exclude(confirmation_token="").values_list("confirmation_token", flat=True):
            visits.append(Visit.of(f"/comments/confirm/{token}/", client.get(f"/comments/confirm/{token}/")))
        return visits

    @classmethod
    def search_for_addresses(cls, client):
        """Site search for each commenter's address, and for an address nobody used, of the same shape."""
        unused = {shouting: private_address(shouting=shouting) for shouting in (False, True)}
        answers = {}
        for email in [*cls.commenters, *unused.values()]:
            url = f"/search/?{urlencode({'query': email})}"
            answers[email] = Visit.of(url, client.get(url))
        return [
            (email, answers[email], unused[email != email.lower()], answers[unused[email != email.lower()]])
            for email in cls.commenters
        ]

    @classmethod
    def record_post(cls, client, label, response):
        cls.posts.append(Visit.of(label, response))
        if response.has_header("Location"):
            cls.posts.append(Visit.of(f"{label} → GET {response['Location']}", client.get(response["Location"])))

    def test_the_crawl_reaches_every_place_comments_are_shown(self):
        """So the privacy checks below cannot pass by looking at nothing."""
        self.assertLess(len(self.visits), CRAWL_LIMIT, "the crawl stopped at its limit")
        requested = {visit.request: visit for visit in self.visits}
        for path in ("/", self.article.url, self.campaign.url, "/sitemap.xml", "/news/feed/"):
            with self.subTest(path=path):
                self.assertIn(path, requested)
                self.assertEqual(requested[path].status, 200)
        for page in self.pages:
            feed = requested[f"{page.url}comments/feed/"]
            self.assertEqual(feed.status, 200)
            self.assertIn("rss", feed.content_type)
        self.assertIn(requested["/comments/feed/"].status, {200, 404}, "the site-wide comment feed may not exist yet")
        targets = {
            same_site_path(visit.location, base="http://testserver/")
            for visit in self.visits
            if visit.request in self.permalinks and visit.status == 302
        }
        self.assertTrue(targets, "permalinks redirect to the page of comments holding them")
        for target in targets:
            self.assertEqual(requested[target].status, 200, target)
        self.assertTrue(any("/comments/reply/" in visit.request and visit.status == 200 for visit in self.visits))
        self.assertTrue(any(visit.request.startswith("/search/?") for visit in self.visits))
        self.assertEqual(requested[f"{self.article.url}?cpage=2"].status, 200, "the second page of comments")

    def test_published_commenters_are_shown_by_name_and_hidden_ones_nowhere(self):
        """The comments really are on the crawled pages (their names are public, their addresses not)."""
        # held, removed, reported ×3, awaiting its author's confirmation
        hidden = {
            "Kim Privacyreader",
            "Lou Privacyreader",
            "Eve Privacyreader",
            "Pat Privacyreader",
            "Pia Privacyreader",
        }
        for name in self.commenters.values():
            with self.subTest(name=name):
                shown_on = [visit.request for visit in self.visits if name in visit.body]
                self.assertEqual(bool(shown_on), name not in hidden, shown_on)

    def test_no_response_shows_a_disclosure_held_for_safeguarding(self):
        """Not to the public, and not to its writer's browser either (its own pages are crawled too)."""
        shown = [
            visit.request
            for visit in self.visits + self.posts + self.author_visits
            if "our secret" in visit.body or "keeps asking me" in visit.body
        ]
        self.assertEqual(shown, [])

    def test_no_response_reveals_a_commenter_address_or_its_hash(self):
        """Neither body nor header, on any page, feed, redirect or answer to a post."""
        traces = {}
        for email in self.commenters:
            traces.update(address_traces(email))
        leaks = []
        for visit in self.visits + self.posts + self.author_visits:
            body = visit.body.lower()
            leaks += [f"{visit.request} (body): {what}" for trace, what in traces.items() if trace in body]
            for header, value in visit.headers:
                value = value.lower()
                leaks += [
                    f"{visit.request} ({header} header): {what}" for trace, what in traces.items() if trace in value
                ]
        self.assertEqual(leaks, [])

    def test_no_response_mentions_gravatar(self):
        """No avatar service gets told who commented."""
        mentions = [
            visit.request
            for visit in self.visits + self.posts + self.author_visits
            if "gravatar" in visit.body.lower() or any("gravatar" in value.lower() for _, value in visit.headers)
        ]
        self.assertEqual(mentions, [])

    def test_the_author_is_shown_their_edit_delete_and_e_mailed_link_pages(self):
        """So the privacy checks of those pages cannot pass by looking at error pages."""
        statuses = {visit.request: visit.status for visit in self.author_visits}
        for page, pk in self.own:
            for action in ("edit", "delete"):
                self.assertEqual(statuses[f"{page.url}comments/{pk}/{action}/"], 200, (action, pk))
        for kind in ("unsubscribe", "confirm"):
            pages = [status for request, status in statuses.items() if request.startswith(f"/comments/{kind}/")]
            self.assertTrue(pages, f"no {kind} link")
            self.assertEqual(set(pages), {200}, kind)

    def test_searching_for_a_commenters_address_finds_what_an_unused_address_finds(self):
        """The search page echoes its query; beyond that echo, searching for a commenter's address answers
        exactly what searching for an address nobody used answers: no page, comment, name or hash of theirs."""
        for email, visit, unused, unused_visit in self.address_searches:
            with self.subTest(email=email):
                self.assertEqual(visit.status, 200)
                self.assertIn(email, visit.body, "the query is echoed (else this test looks at nothing)")
                self.assertEqual(visit.body.replace(email, unused), unused_visit.body)
                self.assertNotIn(self.commenters[email], visit.body)
                traces = address_traces(email)
                leaks = [
                    f"{header}: {traces[t]}" for header, value in visit.headers for t in traces if t in value.lower()
                ]
                self.assertEqual(leaks, [])

    def test_posting_answers_redirect_or_show_the_form_again(self):
        """The checked POST answers are the real ones: redirects after posting, the form after refusals."""
        statuses = [(visit.request, visit.status) for visit in self.posts]
        redirected = sum(1 for _, status in statuses if status == 302)
        self.assertEqual(redirected, 8 + 1 + 1 + 4)  # posts, a disclosure, an edit, reports
        self.assertIn(200, [status for request, status in statuses if request.endswith("(empty comment)")])
        self.assertIn(400, [status for request, status in statuses if request.endswith("(stale form)")])

    def test_crawled_pages_answer_without_server_errors(self):
        """An error page would hide what the page it replaces shows."""
        errors = [(visit.request, visit.status) for visit in self.visits if visit.status >= 500]
        self.assertEqual(errors, [])
