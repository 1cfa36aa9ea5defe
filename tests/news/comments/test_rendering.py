"""The fast paths of comment rendering give exactly the markup of the slow ones.

render_comment_text skips Django's Urlizer when a text holds nothing it could link, and the comment
list keeps each comment's markup per process under everything that markup depends on.
"""

import nh3
from django.test import TestCase
from django.utils.html import linebreaks
from hypothesis import example, given, settings
from hypothesis import strategies as st

from news.comments import text
from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree

LINKISH = st.sampled_from(
    [" www.example.org", " HTTPS://example.org/a?b", " ann@example.org", " (Www.x.org).", ": http", " example.org"]
)


def every_step(raw):
    """The whole pipeline, Urlizer included, as the module docstring describes it."""
    raw = text.strip_control_characters(raw).strip()
    if not raw:
        return ""
    linked = text.urlize_plain_text(raw, trim_url_limit=text.LINK_TEXT_LIMIT, autoescape=True)
    return nh3.clean(
        linebreaks(linked, autoescape=False),
        tags=text.ALLOWED_TAGS,
        attributes=text.ALLOWED_ATTRIBUTES,
        url_schemes=text.ALLOWED_URL_SCHEMES,
        link_rel=text.LINK_REL,
        strip_comments=True,
    )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.just(""), LINKISH))
@example('Fish & chips <b>at</b> 5.30: "cheap" isn\'t it?\n\nYes.', "")
@example("Ends with a dot.", " example.org")
def test_text_renders_the_same_with_or_without_the_urlizer(typed, address):
    assert text.render_comment_text(typed + address) == every_step(typed + address)


class CommentMarkupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.comment = CommentFactory(page=cls.article, comment="First words.", user_name="Ann")

    def test_a_changed_comment_is_shown_changed(self):
        self.assertContains(self.client.get(self.article.url), "First words.")
        self.comment.comment = "Second words."
        self.comment.save()
        response = self.client.get(self.article.url + "?after-the-edit")
        self.assertContains(response, "Second words.")
        self.assertNotContains(response, "First words.")
        self.comment.is_removed = True
        self.comment.save()
        self.assertNotContains(self.client.get(self.article.url + "?after-removal"), "Second words.")
