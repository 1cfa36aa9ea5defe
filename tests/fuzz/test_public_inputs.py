"""Property-based fuzzing of every public input: whatever a client sends, no 5xx and nothing bad stored.

The number of examples per property comes from FUZZ_EXAMPLES (small in the default suite; ``make fuzz``
runs thousands). The site tree is built once per class (setUpTestData); each example runs inside its own
savepoint, rolled back afterwards, so examples are cheap and independent of each other.
"""

import json
import os
import string
from urllib.parse import quote

from django.core import signing
from django.core.cache import cache
from django.test import Client
from django_comments_xtd.models import XtdComment
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from news.comments.clients import AUTHORSHIP_COOKIE, AUTHORSHIP_SALT, hash_key
from news.comments.factories import CommentFactory
from news.comments.forms import COMMENT_MAX_LENGTH, NAME_MAX_LENGTH
from news.comments.models import CommentModeration, CommentReport
from news.comments.text import strip_control_characters
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data
from tests.utils import build_site_tree, open_comment_rules, set_comment_rules

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)

# ---------------------------------------------------------------------------------------------- strategies

CONTROL = "".join(chr(code) for code in range(32)) + "\x7f\x85\u200b\u200e\u202e\u2028\u2029\ufeff"
WHITESPACE = " \t\n\r\x0b\x0c\xa0\u1680\u2003\u3000"
URL_SAFE = string.ascii_letters + string.digits + "-_.~"


def repeated(piece, times):
    return (piece * times)[:10_000]


any_text = st.one_of(
    st.text(),  # any unicode (no surrogates: they cannot be sent)
    st.text(alphabet=CONTROL, max_size=20),
    st.text(alphabet=WHITESPACE, min_size=1, max_size=20),
    st.builds(lambda a, b: f"{a}\x00{b}", st.text(max_size=10), st.text(max_size=10)),
    st.builds(repeated, st.text(min_size=1, max_size=8), st.integers(min_value=40, max_value=10_000)),
    st.sampled_from(["", "0", "-1", "1e400", "9" * 30, "<script>alert(1)</script>", "'; DROP TABLE x; --"]),
)
any_int = st.one_of(st.integers(min_value=-(10**40), max_value=10**40), st.integers(), st.integers(-3, 20))
int_or_text = st.one_of(any_int.map(str), any_text)

KEEP, DROP = "<keep>", "<drop>"


def field(alternatives):
    """Keep the genuine value (most often), drop the field, or replace it."""
    return st.one_of(st.just(KEEP), st.just(KEEP), st.just(DROP), alternatives)


visible_fields = {
    "name": field(any_text),
    "email": field(st.one_of(any_text, st.emails().map(str))),
    "comment": field(any_text),
    "followup": field(st.one_of(st.sampled_from(["on", "true", "1", "0", "false"]), any_text)),
}
hidden_fields = {
    "honeypot": field(any_text),
    "content_type": field(st.one_of(st.sampled_from(["news.newsarticlepage", "auth.user", "x.y"]), any_text)),
    "object_pk": field(int_or_text),
    "timestamp": field(int_or_text),
    "security_hash": field(st.one_of(st.text(alphabet="0123456789abcdef", min_size=40, max_size=40), any_text)),
    "reply_to": field(int_or_text),
}
# Most examples keep the genuine signed fields (so the visible fields reach validation and storage),
# the others forge or drop some of them as well.
comment_mutations = st.one_of(
    st.fixed_dictionaries(visible_fields),
    st.fixed_dictionaries(visible_fields),
    st.fixed_dictionaries({**visible_fields, **hidden_fields}),
)


def mutate(base, mutations):
    data = dict(base)
    for name, change in mutations.items():
        if change == DROP:
            data.pop(name, None)
        elif change != KEEP:
            data[name] = change
    return data


def assert_clean_text(case, value, *, max_length):
    """A stored text is what the form promises: not blank, no control characters, within its length."""
    case.assertTrue(value.strip(), f"stored a blank value: {value!r}")
    case.assertEqual(strip_control_characters(value), value, f"stored control characters: {value!r}")
    case.assertLessEqual(len(value), max_length)


def no_server_error(case, response):
    event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
    case.assertLess(response.status_code, 500, f"server error {response.status_code}")
    case.assertGreaterEqual(response.status_code, 200)


class FuzzBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        open_comment_rules(cls.site)
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="Fuzzed article")
        cls.article.tags.add("water")
        cls.article.save()
        cls.comment = CommentFactory(page=cls.article, comment="A published comment.")
        cls.reply = CommentFactory(page=cls.article, parent=cls.comment, comment="A reply.")
        cls.held = CommentFactory(page=cls.article, comment="A held comment.", is_public=False)
        cls.ids = [cls.comment.pk, cls.reply.pk, cls.held.pk]

    def client_(self):
        return Client(raise_request_exception=False)


# ---------------------------------------------------------------------------------------------- (a) comment form


class CommentFormFuzzTests(FuzzBase):
    @FUZZ
    @given(mutations=comment_mutations)
    @example(mutations={"comment": "\x08"})  # found by fuzzing: see FoundByFuzzingTests
    @example(mutations={"name": "\x1b"})
    def test_comment_post_never_5xx_and_stores_only_what_it_accepts(self, mutations):
        cache.clear()
        data = mutate(comment_form_data(self.article, comment="A fuzzed comment."), mutations)
        before = XtdComment.objects.count()
        response = self.client_().post(self.article.url + "comments/", data)
        no_server_error(self, response)
        after = XtdComment.objects.count()
        if response.status_code != 302:
            self.assertEqual(after, before, f"answered {response.status_code} but stored a comment")
            return
        self.assertIn(after - before, (0, 1))
        if after == before:  # a duplicate of a recent comment: the existing one is shown
            self.assertTrue(XtdComment.objects.filter(user_email__iexact=data["email"].strip()).exists())
            return
        stored = XtdComment.objects.latest("pk")
        assert_clean_text(self, stored.user_name, max_length=NAME_MAX_LENGTH)
        assert_clean_text(self, stored.comment, max_length=COMMENT_MAX_LENGTH)
        self.assertEqual(stored.object_pk, str(self.article.pk))


class EditFormFuzzTests(FuzzBase):
    def own_comment(self):
        """A comment with this browser's authorship cookie, as if just posted from it."""
        comment = CommentFactory(page=self.article, comment="My own words.")
        key = "fuzz-author-key"
        CommentModeration.objects.create(comment=comment, reason="published", author_key_hash=hash_key(key))
        client = self.client_()
        value = signing.get_cookie_signer(salt=AUTHORSHIP_COOKIE + AUTHORSHIP_SALT).sign(
            json.dumps([[comment.pk, key]])
        )
        client.cookies[AUTHORSHIP_COOKIE] = value
        return client, comment

    @FUZZ
    @given(text=field(any_text))
    @example(text="\x08")  # found by fuzzing: see FoundByFuzzingTests
    def test_edit_post_never_5xx_and_keeps_the_text_unless_accepted(self, text):
        client, comment = self.own_comment()
        data = {} if text == DROP else {"comment": "Edited words." if text == KEEP else text}
        response = client.post(f"{self.article.url}comments/{comment.pk}/edit/", data)
        no_server_error(self, response)
        comment.refresh_from_db()
        if response.status_code != 302:
            self.assertEqual(comment.comment, "My own words.", f"answered {response.status_code} but changed it")
            return
        assert_clean_text(self, comment.comment, max_length=COMMENT_MAX_LENGTH)


# ---------------------------------------------------------------------------------------------- (b) query and path


class QueryParameterFuzzTests(FuzzBase):
    @FUZZ
    @given(page=st.one_of(st.just(None), int_or_text), tag=st.one_of(st.just(None), any_text, st.just("water")))
    def test_news_index_page_and_tag(self, page, tag):
        params = {name: value for name, value in {"page": page, "tag": tag}.items() if value is not None}
        response = self.client_().get(self.tree.news_index.url, params)
        no_server_error(self, response)
        self.assertIn(response.status_code, (200, 404))

    @FUZZ
    @given(cpage=int_or_text)
    def test_article_comment_page(self, cpage):
        response = self.client_().get(self.article.url, {"cpage": cpage})
        no_server_error(self, response)
        self.assertIn(response.status_code, (200, 404))

    @FUZZ
    @given(query=st.one_of(st.just(None), any_text), page=st.one_of(st.just(None), int_or_text))
    def test_search_query_and_page(self, query, page):
        params = {name: value for name, value in {"query": query, "page": page}.items() if value is not None}
        response = self.client_().get("/search/", params)
        no_server_error(self, response)
        self.assertIn(response.status_code, (200, 404))

    @FUZZ
    @given(
        route=st.sampled_from(
            ["comments/{}/", "comments/reply/{}/", "comments/{}/report/", "comments/{}/edit/", "comments/{}/delete/"]
        ),
        comment_id=st.one_of(
            any_int.map(str), st.sampled_from(["0", "2147483647", "2147483648", str(2**63), "1" + "0" * 4300])
        ),
        real=st.booleans(),
        method=st.sampled_from(["get", "post"]),
    )
    def test_comment_ids_in_the_path(self, route, comment_id, real, method):
        if real:
            comment_id = self.ids[len(comment_id) % len(self.ids)]
        before = XtdComment.objects.count(), CommentReport.objects.count()
        response = getattr(self.client_(), method)(self.article.url + route.format(comment_id))
        no_server_error(self, response)
        if response.status_code != 302:
            self.assertEqual((XtdComment.objects.count(), CommentReport.objects.count()), before)

    @FUZZ
    @given(segment=st.text(min_size=1))
    def test_any_text_after_comments_in_the_path(self, segment):
        response = self.client_().get(self.article.url + "comments/" + quote(segment, safe="") + "/")
        no_server_error(self, response)


# ---------------------------------------------------------------------------------------------- (c) report form

reasons = st.one_of(st.sampled_from([choice for choice, _label in CommentReport.Reason.choices]), any_text)


class ReportFormFuzzTests(FuzzBase):
    @FUZZ
    @given(reason=field(reasons), note=field(any_text))
    def test_report_post_never_5xx_and_stores_only_valid_reports(self, reason, note):
        cache.clear()  # the report allowance per address is counted in the cache
        data = {}
        if reason != DROP:
            data["reason"] = "spam" if reason == KEEP else reason
        if note != DROP:
            data["note"] = "Looks like spam." if note == KEEP else note
        before = CommentReport.objects.count()
        response = self.client_().post(f"{self.article.url}comments/{self.comment.pk}/report/", data)
        no_server_error(self, response)
        after = CommentReport.objects.count()
        if response.status_code != 302:
            self.assertEqual(after, before, f"answered {response.status_code} but stored a report")
            return
        self.assertEqual(after, before + 1)
        stored = CommentReport.objects.latest("pk")
        self.assertIn(stored.reason, CommentReport.Reason.values)
        self.assertEqual(strip_control_characters(stored.note), stored.note, "stored control characters")
        self.assertLessEqual(len(stored.note), 500)


# ---------------------------------------------------------------------------------------------- (d) token links


class TokenFuzzTests(FuzzBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        set_comment_rules(cls.site, confirm_anonymous_by_email=True)
        cls.tokened = CommentFactory(page=cls.article, followup=True, is_public=False)
        CommentModeration.objects.create(
            comment=cls.tokened, unsubscribe_token="u" * 43, confirmation_token="c" * 43, reason="awaiting"
        )

    def assert_unknown_token_is_404(self, url):
        client = self.client_()
        for method in (client.get, client.post):
            response = method(url)
            no_server_error(self, response)
            self.assertEqual(response.status_code, 404, url)
        moderation = CommentModeration.objects.get(comment=self.tokened)
        self.assertEqual((moderation.unsubscribe_token, moderation.confirmation_token), ("u" * 43, "c" * 43))

    @FUZZ
    @given(token=st.text(alphabet=URL_SAFE, min_size=1, max_size=200).filter(lambda t: t not in ("u" * 43, "c" * 43)))
    def test_unknown_url_safe_tokens_are_404(self, token):
        self.assert_unknown_token_is_404(f"/comments/unsubscribe/{token}/")
        self.assert_unknown_token_is_404(f"/comments/confirm/{token}/")

    @FUZZ
    @example(token="\x00")  # found by fuzzing: see FoundByFuzzingTests
    @given(token=st.text(min_size=1).filter(lambda t: t not in ("u" * 43, "c" * 43) and t not in (".", "..")))
    def test_any_text_as_token_is_404(self, token):
        self.assert_unknown_token_is_404(f"/comments/unsubscribe/{quote(token, safe='')}/")
        self.assert_unknown_token_is_404(f"/comments/confirm/{quote(token, safe='')}/")


# ------------------------------------------------------------------------------------ found by fuzzing
# Inputs the properties above once failed on (now fixed); each test states the behaviour, and the
# properties keep the same inputs pinned with @example.


class FoundByFuzzingTests(FuzzBase):
    def test_a_comment_of_only_invisible_characters_is_refused(self):
        """Invisible control characters are stripped before "required" is judged: nothing blank is stored."""
        before = XtdComment.objects.count()
        data = comment_form_data(self.article, comment="\x08\x1b")
        response = self.client_().post(self.article.url + "comments/", data)
        self.assertEqual(XtdComment.objects.count(), before, "a blank comment was stored")
        self.assertEqual(response.status_code, 200)

    def test_a_name_of_only_invisible_characters_is_refused(self):
        """A name of control characters only is no name: the form asks for one."""
        before = XtdComment.objects.count()
        data = comment_form_data(self.article, name="\x08", comment="Named by a control character.")
        response = self.client_().post(self.article.url + "comments/", data)
        self.assertEqual(XtdComment.objects.count(), before, "a comment with a blank name was stored")
        self.assertEqual(response.status_code, 200)

    def test_an_edit_to_only_invisible_characters_keeps_the_text(self):
        """An edit to control characters only is refused and the comment keeps its text."""
        client, comment = EditFormFuzzTests.own_comment(self)
        response = client.post(f"{self.article.url}comments/{comment.pk}/edit/", {"comment": "\x08"})
        comment.refresh_from_db()
        self.assertEqual(comment.comment, "My own words.", "the edit stored a blank comment")
        self.assertEqual(response.status_code, 400)

    def test_nul_in_an_unsubscribe_token_is_404(self):
        """A NUL byte can never be part of a token (PostgreSQL refuses it in a query): 404, not 500."""
        client = self.client_()
        self.assertEqual(client.get("/comments/unsubscribe/%00/").status_code, 404)
        self.assertEqual(client.post("/comments/unsubscribe/%00/").status_code, 404)

    def test_nul_in_a_confirm_token_is_404(self):
        """A NUL byte can never be part of a token (PostgreSQL refuses it in a query): 404, not 500."""
        client = self.client_()
        self.assertEqual(client.get("/comments/confirm/%00/").status_code, 404)
        self.assertEqual(client.post("/comments/confirm/%00/").status_code, 404)
