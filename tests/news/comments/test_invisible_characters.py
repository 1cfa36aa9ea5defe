"""Invisible characters (bidi controls, zero-width and other format characters, control codes) are never stored
and never shown: one function drops them when the form is cleaned, and again at display time for older rows."""

import sys
import unicodedata

from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment

from news.comments.factories import CommentFactory
from news.comments.text import strip_control_characters
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data, post_comment
from tests.utils import build_site_tree, open_comment_rules

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad"
OTHER_FORMAT = "\u2061\u2062\u2063\u2064\u206a\u206f\ufff9\U000e0001\U000e0041\u0600\u06dd\U0001d173"
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9b\x9f"
INVISIBLE = BIDI_CONTROLS + ZERO_WIDTH + OTHER_FORMAT + CONTROLS
# What a reader could type (NUL is refused by Django's form fields before it is even cleaned).
TYPED_INVISIBLE = INVISIBLE.replace("\x00", "")
IN_A_NAME = BIDI_CONTROLS + ZERO_WIDTH + "\x1b\x85\U000e0041"  # names are at most 50 characters as typed


def format_and_control_characters():
    """Every character of category Cf (format) or Cc (control) in this Python's Unicode database."""
    return [chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) in ("Cf", "Cc")]


def invisible_in(text):
    return sorted({f"U+{ord(char):04X}" for char in text if char in INVISIBLE})


class StripFunctionTests(TestCase):
    def test_every_format_and_control_character_is_dropped_except_newline_and_tab(self):
        kept = [
            f"U+{ord(char):04X}"
            for char in format_and_control_characters()
            if strip_control_characters(f"a{char}b") != "ab"
        ]
        self.assertEqual(kept, ["U+0009", "U+000A", "U+000D"])  # U+000D: a line break, see below

    def test_line_breaks_and_tabs_stay_and_every_line_break_becomes_a_newline(self):
        self.assertEqual(strip_control_characters("one\r\ntwo\rthree\n\tfour"), "one\ntwo\nthree\n\tfour")

    def test_the_listed_invisible_characters_are_dropped_and_visible_text_kept(self):
        self.assertEqual(strip_control_characters(f"Ann{INVISIBLE}é ü 中文 עברית 😀"), "Ann" + "é ü 中文 עברית 😀")


class StoredAndShownTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        open_comment_rules(cls.tree.home.get_site())
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="An article")
        # An older row, stored before names and texts were cleaned.
        cls.old_row = CommentFactory(
            page=cls.article,
            user_name=f"\u202eOld{IN_A_NAME}Row",
            comment=f"Older{TYPED_INVISIBLE} text\u202e with an unclosed override",
        )

    def test_a_posted_name_and_comment_are_stored_without_invisible_characters(self):
        response = post_comment(
            self.client,
            self.article,
            name=f"Eve\u202eevil{IN_A_NAME}",
            comment=f"Hidden{TYPED_INVISIBLE} marks\nkept\tlines",
        )
        self.assertEqual(response.status_code, 302)
        comment = XtdComment.objects.get(user_name__startswith="Eve")
        self.assertEqual(comment.user_name, "Eveevil")
        self.assertEqual(comment.comment, "Hidden marks\nkept\tlines")
        self.assertEqual(invisible_in(comment.user_name + comment.comment), [])

    def test_an_authors_edit_is_stored_without_invisible_characters(self):
        post_comment(self.client, self.article, comment="Before the edit")
        comment = XtdComment.objects.get(comment="Before the edit")
        self.client.post(f"{self.article.url}comments/{comment.pk}/edit/", {"comment": f"After{TYPED_INVISIBLE}"})
        comment.refresh_from_db()
        self.assertEqual(comment.comment, "After")

    def test_a_name_or_comment_of_invisible_characters_only_is_refused_with_a_clear_message(self):
        for field, message in (
            ("name", "Please give a name we can show: it has no visible characters."),
            ("comment", "Please write a comment we can show: it has no visible characters."),
        ):
            with self.subTest(field):
                data = comment_form_data(self.article, **{field: "\u200b\u202e\u2066\u00ad\ufeff"})
                response = self.client.post(self.article.url + "comments/", data)
                self.assertContains(response, message)
        self.assertFalse(XtdComment.objects.exclude(pk=self.old_row.pk).exists())

    def test_the_page_and_both_feeds_show_no_invisible_characters_of_older_rows(self):
        CommentFactory(page=self.article, parent=self.old_row, user_name="Replier", comment="A reply")
        for url in (
            self.article.url,
            f"{self.article.url}comments/feed/",
            "/comments/feed/",
            f"{self.article.url}comments/reply/{self.old_row.pk}/",
            f"{self.article.url}comments/{self.old_row.pk}/report/",
        ):
            with self.subTest(url):
                response = Client().get(url)
                self.assertEqual(response.status_code, 200)
                shown = response.content.decode()
                self.assertIn("OldRow", shown)
                self.assertIn("Older text with an unclosed override", shown)
                self.assertEqual(invisible_in(shown), [])
