"""Old sites' markup to ours: comment HTML to our plain text, bodies to rich text through the allow-list."""

from django.test import SimpleTestCase

from news.importers.drupal7 import comment_text
from news.importers.text import body_to_rich_text, html_to_plain_text, summary_text


class CommentTextTests(SimpleTestCase):
    def test_tags_go_line_breaks_and_paragraphs_stay(self):
        self.assertEqual(html_to_plain_text("<p>One<br>two</p><p>Three</p>"), "One\ntwo\n\nThree")

    def test_links_keep_their_address_as_text(self):
        self.assertEqual(html_to_plain_text('<a href="https://x.example/a">here</a>'), "here (https://x.example/a)")
        self.assertEqual(
            html_to_plain_text('<a href="https://x.example/">https://x.example/</a>'), "https://x.example/"
        )
        self.assertEqual(html_to_plain_text('<a href="mailto:a@b.example">write</a>'), "write (a@b.example)")

    def test_scripts_and_styles_go_with_their_content_and_entities_are_decoded(self):
        html = "<style>p{}</style>Fish &amp; chips<script>alert(1)</script> &lt;3 <!-- hidden -->"
        self.assertEqual(html_to_plain_text(html), "Fish & chips <3")

    def test_unsafe_link_addresses_are_not_kept(self):
        self.assertEqual(html_to_plain_text('<a href="javascript:alert(1)">click</a>'), "click")

    def test_non_ascii_survives(self):
        self.assertEqual(html_to_plain_text("<p>Ça va 🌍 — Привет</p>"), "Ça va 🌍 — Привет")

    def test_drupal_subjects_are_kept_only_when_not_the_start_of_the_text(self):
        body = "This is a long comment about the campaign"
        self.assertEqual(
            comment_text(subject="This is a long comment about", body=body, text_format="plain_text"), body
        )
        self.assertEqual(comment_text(subject="My view", body=body, text_format="plain_text"), f"My view\n\n{body}")
        self.assertEqual(comment_text(subject="", body=body, text_format="plain_text"), body)


class BodyTests(SimpleTestCase):
    def test_html_bodies_keep_the_rich_text_features_only(self):
        html = '<h2 id="t">Title</h2><p onclick="x()"><b>Bold</b> <a href="https://a.example" target="_blank">a</a>'
        html += "</p><img src=x>"
        self.assertEqual(
            body_to_rich_text(html, text_format="filtered_html"),
            '<p><b>Title</b></p><p><b>Bold</b> <a href="https://a.example">a</a></p>',
        )

    def test_bare_html_text_gets_paragraphs_as_drupal_showed_it(self):
        self.assertEqual(
            body_to_rich_text("One\n\nTwo <em>2</em>\nthree", text_format="full_html"),
            "<p>One</p>\n\n<p>Two <em>2</em><br>three</p>",
        )

    def test_plain_text_bodies_are_escaped_into_paragraphs(self):
        self.assertEqual(body_to_rich_text("a <b> & c", text_format="plain_text"), "<p>a &lt;b&gt; &amp; c</p>")

    def test_summaries_are_text_cut_at_the_limit(self):
        self.assertEqual(summary_text("<p>Fish &amp; <b>chips</b></p>", limit=400), "Fish & chips")
        self.assertEqual(len(summary_text("word " * 200, limit=50)), 50)
