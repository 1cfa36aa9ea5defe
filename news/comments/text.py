"""Comment text to HTML: the old site's "Plain text" format, made safe.

The stored comment is the raw text a reader typed; this turns it into HTML at
display time, in three steps that mirror Drupal's plain-text filters:

1. Django's ``Urlizer`` escapes everything and links ``http://``, ``https://``,
   ``www.`` addresses and e-mail addresses (link text cut at 72 characters).
2. Django's ``linebreaks`` makes paragraphs at blank lines and ``<br>`` at
   single newlines.
3. nh3 enforces the allow-list: only ``p``, ``br`` and ``a`` with an http,
   https or mailto ``href`` and ``rel="nofollow ugc noopener"`` survive.

Differences from the old site (Drupal's filter_url), on purpose:
- Only http, https, ``www.`` and e-mail addresses are linked; ftp, news, irc and
  other schemes stay text (browsers no longer open most of them).
- A trailing ``?`` is treated as punctuation and left outside the link, as are
  ``. , : ; !`` and unbalanced closing brackets.
- Bare domains without ``www.`` (``example.org``) stay text, as on the old site
  (Django's own ``urlize`` would link them).
- Links get ``rel="nofollow ugc noopener"``; Drupal added no ``rel``.
- The cut link text ends in "…" after 71 characters (Drupal: 72 then "...").
"""

import functools
import re

import nh3
from django.utils.html import Urlizer, escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

# Rendering costs about a third of a millisecond a comment (mostly Urlizer) and depends on the text alone,
# so each process keeps the HTML of the texts it rendered last: a page of comments is rendered once.
RENDERED_TEXTS_KEPT = 2048
LINK_TEXT_LIMIT = 72
LINK_REL = "nofollow ugc noopener"
ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


class PlainTextUrlizer(Urlizer):
    """Django's linkifier, limited to the addresses the old site linked."""

    trailing_punctuation_chars = ".,:;!?"
    # Only www. addresses besides http(s):// URLs; Django also links bare .com/.org domains.
    simple_url_2_re = re.compile(r"^www\.\w", re.IGNORECASE)


urlize_plain_text = PlainTextUrlizer()

# Invisible characters, never stored and never shown. Bidi controls matter most: an unclosed right-to-left
# override (U+202E) in a name reverses everything after it on the page. The class holds the C0 and C1 control
# codes other than tab and newline (carriage returns become newlines first; most are not allowed in XML feeds),
# every format character of Unicode's category Cf (bidi controls U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
# U+061C; zero-width U+200B–U+200D, U+2060, U+FEFF, U+180E; the soft hyphen U+00AD; tag characters …;
# tests/news/comments/test_invisible_characters.py checks it against Python's Unicode database), and the
# Hangul fillers, letters that show as nothing.
INVISIBLE_CHARACTERS = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
    "\u115f\u1160\u3164\uffa0"
    "]"
)
LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")


def strip_control_characters(text: str) -> str:
    """Drop invisible characters (``INVISIBLE_CHARACTERS``) and make every line break a newline.

    The one function behind the comment form's cleaning (names and texts are stored without them) and
    every display of a name or text (rows stored before are shown without them).
    """
    return INVISIBLE_CHARACTERS.sub("", LINE_BREAKS.sub("\n", text))


def may_hold_a_link(text: str) -> bool:
    """Whether ``PlainTextUrlizer`` could link anything here: an http(s) or www. address, or an e-mail address."""
    lowered = text.lower()
    return "@" in text or "http" in lowered or "www." in lowered


@functools.lru_cache(maxsize=RENDERED_TEXTS_KEPT)
def render_comment_text(text: str) -> SafeString:
    """HTML for a comment's raw text; safe to put in any page, feed or e-mail body."""
    text = strip_control_characters(text).strip()
    if not text:
        return mark_safe("")
    if may_hold_a_link(text):
        linked = urlize_plain_text(text, trim_url_limit=LINK_TEXT_LIMIT, autoescape=True)
    else:
        linked = escape(text)  # exactly what the Urlizer makes of text with nothing to link, much faster
    html = linebreaks(linked, autoescape=False)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just reduced it to the allow-list
