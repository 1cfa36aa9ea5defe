"""Every public endpoint, fuzzed: query strings, path segments, Host headers, cookies and POST bodies.

``test_public_inputs`` fuzzes what each form and parameter means; this module makes sure nothing public is
left out: the pages, the comment routes of both commentable page types, both comment feeds, the news feed,
``sitemap.xml``, search, Wagtail's documents and the e-mailed token links. Whatever arrives, the answer is
never a server error. A sweep sends the same hostile requests to every endpoint (so coverage does not depend
on what hypothesis draws); the properties then draw endpoints and inputs (FUZZ_EXAMPLES examples each).
"""

import json
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st
from wagtail.documents import get_document_model

from news.comments.clients import AUTHORSHIP_COOKIE, AUTHORSHIP_SALT, hash_key
from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration
from news.factories import CampaignPageFactory
from tests.fuzz.test_public_inputs import FUZZ, FuzzBase, any_int, any_text, int_or_text, no_server_error

AUTHOR_KEY = "fuzz-endpoints-author-key"
UNSUBSCRIBE_TOKEN, CONFIRM_TOKEN = "u" * 43, "c" * 43
DOCUMENT_BYTES = b"A plain text document.\n"


def wsgi_text(text):
    """What a server hands Django for text a client sent: its UTF-8 bytes, read as ISO-8859-1 (PEP 3333)."""
    return text.encode("utf-8", "surrogatepass").decode("iso-8859-1")


# ---------------------------------------------------------------------------------------------- strategies

PARAMETER_NAMES = ["page", "cpage", "tag", "query", "p", "format", "reply_to", "c", "", "page[]", "utm_source"]
parameter_name = st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(max_size=10))
parameter_value = st.one_of(
    int_or_text,
    st.sampled_from(["1e400", "9" * 5000, "-0", "0x10", "1.5", " 1", "１", "NaN", "%00", "%ff%fe", "%", "%%", "\x00"]),
)


def pair(name, value, style):
    if style == "quoted":
        return f"{quote(name, safe='')}={quote(value, safe='')}"
    if style == "bare":
        return quote(name, safe="")
    return f"{name}={value}"  # as typed: &, =, # and spaces unencoded


query_strings = st.one_of(
    st.lists(st.builds(pair, parameter_name, parameter_value, st.sampled_from(["quoted", "raw", "bare"])), max_size=6)
    .map("&".join)
    .map(wsgi_text),
    st.binary(max_size=300).map(lambda raw: raw.decode("iso-8859-1")),  # any bytes, invalid UTF-8 included
    st.text(alphabet="%0123456789abcdefABCDEFzZ&=;+#?/[] \x00", max_size=80),
    st.builds(lambda n: "&".join(f"page={i}" for i in range(n)), st.integers(0, 1100)),  # past the field limit
)

HOSTILE_HOSTS = [
    "",
    "localhost.",
    "LOCALHOST",
    "127.0.0.1",
    "[::1]",
    "[::1",
    "localhost:99999999999999999999",
    "localhost:-1",
    "localhost:80:80",
    "evil.example",
    "a" * 300,
    "localhost\x00",
    "local host",
    "user@localhost",
    "über.example",
    "localhost/../admin",
]
HOST_LESS = "<no Host header and no server name>"
hosts = st.one_of(st.none(), st.just(HOST_LESS), st.sampled_from(HOSTILE_HOSTS), st.text(max_size=40).map(wsgi_text))

cookie_headers = st.one_of(
    st.none(),
    st.just("<author>"),  # the genuine signed authorship cookie
    st.builds(lambda value: f"{AUTHORSHIP_COOKIE}={value}", st.text(max_size=200).map(wsgi_text)),
    st.builds(lambda name, value: f"{name}={value}", st.sampled_from(["sessionid", "csrftoken", ""]), any_text).map(
        wsgi_text
    ),
    st.text(max_size=200).map(wsgi_text),  # no cookie syntax at all
)

form_value = st.one_of(any_text, st.lists(any_text, max_size=4))
form_bodies = st.dictionaries(
    st.one_of(st.sampled_from(["comment", "reason", "note", "csrfmiddlewaretoken", "name", "email"]), st.text()),
    form_value,
    max_size=6,
)
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded; charset=does-not-exist",
    "",
]
raw_bodies = st.tuples(st.sampled_from(CONTENT_TYPES), st.one_of(st.binary(max_size=2000), query_strings))


# ---------------------------------------------------------------------------------------------- the endpoints

ENDPOINTS = [
    "home",
    "news index",
    "article",
    "campaign index",
    "campaign",
    "article reply",
    "campaign reply",
    "article permalink",
    "campaign permalink",
    "report",
    "edit",
    "delete",
    "article comment feed",
    "campaign comment feed",
    "site comment feed",
    "news feed",
    "sitemap",
    "search",
    "document",
    "unsubscribe",
    "confirm",
]
OWN = {"edit", "delete"}  # need this browser's authorship cookie


class EndpointsBase(FuzzBase):
    """One article and one campaign with comments, a document, token links, and a comment of "this browser"."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.campaign = CampaignPageFactory(parent=cls.tree.campaign_index, title="Fuzzed campaign")
        cls.campaign_comment = CommentFactory(page=cls.campaign, comment="On the campaign.")
        cls.own = CommentFactory(page=cls.article, comment="Posted from this browser.")
        CommentModeration.objects.create(comment=cls.own, reason="published", author_key_hash=hash_key(AUTHOR_KEY))
        tokened = CommentFactory(page=cls.article, followup=True, is_public=False)
        CommentModeration.objects.create(
            comment=tokened, unsubscribe_token=UNSUBSCRIBE_TOKEN, confirmation_token=CONFIRM_TOKEN, reason="awaiting"
        )
        cls.document = get_document_model().objects.create(
            title="Fuzzed document", file=ContentFile(DOCUMENT_BYTES, name="fuzzed-document.txt")
        )
        cls.addClassCleanup(cls.document.file.delete, save=False)

    def author_cookie(self):
        signer = signing.get_cookie_signer(salt=AUTHORSHIP_COOKIE + AUTHORSHIP_SALT)
        return f"{AUTHORSHIP_COOKIE}={signer.sign(json.dumps([[self.own.pk, AUTHOR_KEY]]))}"

    def endpoints(self):
        """Every public GET endpoint by name (ENDPOINTS); a few also take a POST."""
        article, campaign = self.article.url, self.campaign.url
        own = f"{article}comments/{self.own.pk}/"
        paths = {
            "home": "/",
            "news index": self.tree.news_index.url,
            "article": article,
            "campaign index": self.tree.campaign_index.url,
            "campaign": campaign,
            "article reply": f"{article}comments/reply/{self.comment.pk}/",
            "campaign reply": f"{campaign}comments/reply/{self.campaign_comment.pk}/",
            "article permalink": f"{article}comments/{self.comment.pk}/",
            "campaign permalink": f"{campaign}comments/{self.campaign_comment.pk}/",
            "report": f"{article}comments/{self.comment.pk}/report/",
            "edit": f"{own}edit/",
            "delete": f"{own}delete/",
            "article comment feed": f"{article}comments/feed/",
            "campaign comment feed": f"{campaign}comments/feed/",
            "site comment feed": "/comments/feed/",
            "news feed": f"{self.tree.news_index.url}feed/",
            "sitemap": "/sitemap.xml",
            "search": "/search/",
            "document": self.document.url,
            "unsubscribe": f"/comments/unsubscribe/{UNSUBSCRIBE_TOKEN}/",
            "confirm": f"/comments/confirm/{CONFIRM_TOKEN}/",
        }
        self.assertEqual(list(paths), ENDPOINTS)
        return paths

    def cookie_for(self, name):
        return "<author>" if name in OWN else None

    def request(self, method, path, *, query=None, host=None, cookie=None, data=None, content_type=None, csrf=False):
        """One request as a server would pass it on; a streamed response is read to its end."""
        client = Client(raise_request_exception=False, enforce_csrf_checks=csrf)
        extra = {}
        if query is not None:
            extra["QUERY_STRING"] = query
        if host == HOST_LESS:
            extra["SERVER_NAME"] = ""
        elif host is not None:
            extra["HTTP_HOST"] = host
        if cookie is not None:
            extra["HTTP_COOKIE"] = self.author_cookie() if cookie == "<author>" else cookie
        if content_type is not None:  # raw bytes under any Content-Type (the client would encode them for its own)
            extra["CONTENT_TYPE"] = content_type
            response = getattr(client, method)(path, data, content_type="application/octet-stream", **extra)
        elif data is not None:
            response = getattr(client, method)(path, data, **extra)
        else:
            response = getattr(client, method)(path, **extra)
        if response.streaming:  # read to the end, which closes it (a document's file)
            b"".join(response.streaming_content)
        return response


class EndpointSweepTests(EndpointsBase):
    """The same hostile requests to every endpoint: each must answer, none with a server error."""

    QUERIES = [  # each parameter a page reads, hostile in several ways at once
        f"page=2&cpage=1&page=1e400&cpage=-1&tag=%00&p={'9' * 30}&query=%ff%fe%00",  # the last of a name counts
        f"page={'9' * 5000}&cpage={'9' * 5000}&p=0&tag=%3Cscript%3E&query=<script>&x=" + "a" * 5000,
        wsgi_text("tag=über&query=\u202e\ufeff&cpage=１&page=٣&p=&%&&==&%zz=%"),
    ]
    HOSTS = [HOST_LESS, "localhost:99999999999999999999"]

    def test_every_endpoint_answers_hostile_queries_and_hosts(self):
        endpoints = self.endpoints()
        for name, path in endpoints.items():
            status = self.request("get", path, cookie=self.cookie_for(name)).status_code
            self.assertEqual(status, 302 if name.endswith("permalink") else 200, f"{name}: {path} works")
        errors = []
        for name, path in endpoints.items():
            cookie = self.cookie_for(name)
            for method, query in [("head", self.QUERIES[0])] + [("get", query) for query in self.QUERIES]:
                status = self.request(method, path, query=query, cookie=cookie).status_code
                if status >= 500:
                    errors.append(f"{method.upper()} {path}?{query[:80]} → {status}")
            for host in self.HOSTS:
                status = self.request("get", path, host=host, cookie=cookie).status_code
                if status >= 500:
                    errors.append(f"GET {path} with Host {host[:40]!r} → {status}")
        self.assertEqual(errors, [])

    def test_every_endpoint_answers_hostile_posts(self):
        """A POST to every address, GET-only ones included, with a body of the wrong kind."""
        errors = []
        for name, path in self.endpoints().items():
            cookie = self.cookie_for(name)
            bodies = [
                ({"comment": ["a", "b"], "reason": "\x00", "note": "x" * 100_000}, None),
                (b"\xff\xfe%zz&&==&comment=%00&comment=" + b"x" * 100_000, "application/x-www-form-urlencoded"),
            ]
            for data, content_type in bodies:
                caches["state"].clear()  # the report allowance: every POST here should reach the form
                status = self.request("post", path, cookie=cookie, data=data, content_type=content_type).status_code
                if status >= 500:
                    errors.append(f"POST {path} ({content_type or 'multipart'}) → {status}")
        self.assertEqual(errors, [])


class EndpointFuzzTests(EndpointsBase):
    @FUZZ
    @given(
        name=st.sampled_from(ENDPOINTS),
        method=st.sampled_from(["get", "get", "head", "post", "options", "put", "delete"]),
        query=st.one_of(st.none(), query_strings),
        host=hosts,
        cookie=cookie_headers,
    )
    @example(name="sitemap", method="get", query=f"p={'9' * 5000}", host=None, cookie=None)
    def test_any_endpoint_with_any_query_host_and_cookie(self, name, method, query, host, cookie):
        path = self.endpoints()[name]
        cookie = cookie or self.cookie_for(name)
        caches["state"].clear()
        no_server_error(self, self.request(method, path, query=query, host=host, cookie=cookie))

    @FUZZ
    @given(
        action=st.sampled_from(["edit", "delete", "report"]),
        body=st.one_of(form_bodies, raw_bodies),
        cookie=st.sampled_from(["<author>", "<author>", None, f"{AUTHORSHIP_COOKIE}=forged"]),
        csrf=st.booleans(),
        comment_id=st.one_of(st.none(), any_int.map(str)),
    )
    def test_edit_delete_and_report_posts_with_hostile_bodies(self, action, body, cookie, csrf, comment_id):
        for alias in settings.CACHES:  # rate limits and pages kept from a rolled-back example
            caches[alias].clear()
        path = f"{self.article.url}comments/{comment_id or self.own.pk}/{action}/"
        if isinstance(body, tuple):
            content_type, raw = body
            data = raw if isinstance(raw, bytes) else raw.encode("iso-8859-1")
            response = self.request("post", path, cookie=cookie, data=data, content_type=content_type, csrf=csrf)
        else:
            response = self.request("post", path, cookie=cookie, data=body, csrf=csrf)
        no_server_error(self, response)

    @FUZZ
    @given(
        document_id=st.one_of(st.none(), any_int.map(str), st.sampled_from(["0", "00", "1" + "0" * 4300])),
        filename=st.one_of(st.none(), st.text(), st.sampled_from(["", "..", "../../etc/passwd", "%00", "a/b"])),
        quoted=st.booleans(),
        method=st.sampled_from(["get", "head", "post"]),
    )
    @example(document_id="1" + "0" * 4300, filename=None, quoted=False, method="get")  # see FoundByFuzzingTests
    def test_document_paths(self, document_id, filename, quoted, method):
        document_id = str(self.document.pk) if document_id is None else document_id
        filename = self.document.filename if filename is None else filename
        segment = quote(filename, safe="") if quoted else filename  # as typed: the client encodes it
        response = self.request(method, f"/documents/{document_id}/{segment}")
        no_server_error(self, response)
        if document_id == str(self.document.pk) and filename == self.document.filename and method != "post":
            self.assertEqual(response.status_code, 200)

    @FUZZ
    @given(
        name=st.sampled_from(ENDPOINTS),
        segments=st.lists(st.text(min_size=1), min_size=1, max_size=3),
        quoted=st.booleans(),
        method=st.sampled_from(["get", "post"]),
    )
    def test_any_path_under_any_endpoint(self, name, segments, quoted, method):
        path = self.endpoints()[name]
        path = path if path.endswith("/") else path + "/"
        tail = "/".join(quote(segment, safe="") if quoted else segment for segment in segments)
        no_server_error(self, self.request(method, path + tail, cookie=self.cookie_for(name)))


# ------------------------------------------------------------------------------------ found by fuzzing


class FoundByFuzzingTests(EndpointsBase):
    def test_a_document_id_too_long_for_an_integer_is_404(self):
        """Wagtail's /documents/<digits>/<name> passes any run of digits to the database lookup: 404, not 500."""
        for digits in ("1" + "0" * 4300, "9" * 5000):
            with self.subTest(digits=len(digits)):
                response = self.request("get", f"/documents/{digits}/{self.document.filename}")
                self.assertEqual(response.status_code, 404)
