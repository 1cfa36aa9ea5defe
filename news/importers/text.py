"""Old sites' markup to ours: article bodies to Wagtail rich text, comments to our plain text.

nh3 (the allow-list the comment renderer already uses) does the cleaning; the standard library's HTML parser
only walks what nh3 left to lay it out as text.
"""

import html as html_module
import re
from html.parser import HTMLParser

import nh3
from django.utils.html import escape, linebreaks, strip_tags
from django.utils.text import Truncator

# Wagtail's rich text for the paragraph block (bold, italic, link, lists), with the paragraphs around them.
RICH_TEXT_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li"}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
URL_SCHEMES = {"http", "https", "mailto"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}
BLOCK_TAG = re.compile(r"<(p|div|ul|ol|h[1-6]|blockquote|table|pre)[\s>]", re.IGNORECASE)
HTML_FORMATS = {"filtered_html", "full_html"}


def body_to_rich_text(text, *, text_format):
    """An article body as Wagtail's rich text: HTML formats through the allow-list, others as paragraphs.

    Drupal stores the raw input and formats it at display: both HTML formats turn blank lines into
    paragraphs (filter_autop), so bare text gets its paragraphs here before cleaning.
    """
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    if text_format not in HTML_FORMATS:
        return linebreaks(escape(text), autoescape=False)
    cleaned = nh3.clean(
        text,
        tags=RICH_TEXT_TAGS | HEADINGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags=DROPPED_WITH_CONTENT,
        link_rel=None,
        strip_comments=True,
    )
    if not BLOCK_TAG.search(text):
        cleaned = linebreaks(cleaned, autoescape=False)
    # The paragraph block has no headings (they have their own block): a heading stays a line of bold text.
    # nh3 has written every heading tag bare, so they are found as plain strings.
    for heading in HEADINGS:
        cleaned = cleaned.replace(f"<{heading}>", "<p><b>").replace(f"</{heading}>", "</b></p>")
    return cleaned.strip()


def html_to_plain_text(html):
    """Readers' HTML as the plain text our comments store: tags gone, line breaks kept, links as their address.

    ``<a href="https://x">here</a>`` becomes ``here (https://x)``; scripts and styles go with their content.
    """
    if not html:
        return ""
    cleaned = nh3.clean(
        html.replace("\r\n", "\n"),
        tags={"a", "br", "p", "div", "li", "blockquote", "pre"},
        attributes={"a": {"href"}},
        url_schemes=URL_SCHEMES,
        clean_content_tags=DROPPED_WITH_CONTENT,
        link_rel=None,
        strip_comments=True,
    )
    parser = _TextLayout()
    parser.feed(cleaned)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _TextLayout(HTMLParser):
    """Lays out the few tags nh3 kept as text: paragraphs, line breaks, list items and link addresses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag in {"p", "div", "blockquote", "pre"}:
            self.parts.append("\n\n")
        elif tag in {"ul", "ol"}:
            self.parts.append("\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            shown = "".join(self.parts[start:]).strip()
            if href and href.removeprefix("mailto:") not in shown:
                self.parts.append(f" ({href.removeprefix('mailto:')})" if shown else href)

    def handle_data(self, data):
        self.parts.append(data)


def summary_text(html, *, limit):
    """A standfirst or intro from a summary or a body: text only, cut at a word within ``limit`` characters."""
    text = " ".join(html_module.unescape(strip_tags(html or "")).split())
    return Truncator(text).chars(limit)


def plain_text(html, *, limit=None):
    """A title or a name from markup: its text, unescaped, on one line."""
    text = " ".join(html_to_plain_text(html).split())
    return text[:limit] if limit else text
