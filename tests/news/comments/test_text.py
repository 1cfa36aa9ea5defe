"""The comment renderer against the old site's "Plain text" format: input → expected HTML."""

import pytest

from news.comments.text import render_comment_text

REL = 'rel="nofollow ugc noopener"'


def link(href, text=None):
    return f'<a href="{href}" {REL}>{text or href}</a>'


LONG_URL = "https://example.org/reports/" + "a" * 80
CASES = [
    # 1. HTML is escaped and shows literally.
    ("<b>hi</b>", "<p>&lt;b&gt;hi&lt;/b&gt;</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("Tom & Jerry", "<p>Tom &amp; Jerry</p>"),
    ("5 > 3", "<p>5 &gt; 3</p>"),
    ('say "hi"', '<p>say "hi"</p>'),
    # 2. Blank lines make paragraphs, single newlines make <br>, in any newline convention.
    ("one\ntwo", "<p>one<br>two</p>"),
    ("one\n\ntwo", "<p>one</p>\n\n<p>two</p>"),
    ("one\r\ntwo\r\n\r\nthree", "<p>one<br>two</p>\n\n<p>three</p>"),
    ("one\rtwo", "<p>one<br>two</p>"),
    ("one\n\n\n\ntwo", "<p>one</p>\n\n<p>two</p>"),
    ("  padded  \n", "<p>padded</p>"),
    # 3. Addresses become links; punctuation and unbalanced brackets stay outside.
    ("see https://example.org/a", f"<p>see {link('https://example.org/a')}</p>"),
    ("see http://example.org/a.", f"<p>see {link('http://example.org/a')}.</p>"),
    ("https://example.org/a, then", f"<p>{link('https://example.org/a')}, then</p>"),
    ("is it https://example.org/?", f"<p>is it {link('https://example.org/')}?</p>"),
    ("wow https://example.org/!", f"<p>wow {link('https://example.org/')}!</p>"),
    ("end https://example.org/;", f"<p>end {link('https://example.org/')};</p>"),
    ("(see https://example.org/a)", f"<p>(see {link('https://example.org/a')})</p>"),
    ("[https://example.org/a]", f"<p>[{link('https://example.org/a')}]</p>"),
    (
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        f"<p>{link('https://en.wikipedia.org/wiki/Foo_(bar)')}</p>",
    ),
    (
        "(https://en.wikipedia.org/wiki/Foo_(bar))",
        f"<p>({link('https://en.wikipedia.org/wiki/Foo_(bar)')})</p>",
    ),
    ("https://example.org/?a=1&b=2", f"<p>{link('https://example.org/?a=1&amp;b=2')}</p>"),
    ("www.example.org", f"<p>{link('http://www.example.org', 'www.example.org')}</p>"),
    ("at www.example.org/path.", f"<p>at {link('http://www.example.org/path', 'www.example.org/path')}.</p>"),
    ("write to help@example.org", f"<p>write to {link('mailto:help@example.org', 'help@example.org')}</p>"),
    ("help@example.org.", f"<p>{link('mailto:help@example.org', 'help@example.org')}.</p>"),
    ('"https://example.org/q"', f'<p>"{link("https://example.org/q")}"</p>'),
    ("line https://example.org/x\nnext", f"<p>line {link('https://example.org/x')}<br>next</p>"),
    # Link text over 72 characters is cut with an ellipsis; the href keeps the full address.
    (LONG_URL, f'<p><a href="{LONG_URL}" {REL}>{LONG_URL[:71]}…</a></p>'),
    # 4. Nothing else becomes a link.
    ("ftp://example.org/file", "<p>ftp://example.org/file</p>"),
    ("javascript:alert(1)", "<p>javascript:alert(1)</p>"),
    ("data:text/html,hello", "<p>data:text/html,hello</p>"),
    ("vbscript:msgbox", "<p>vbscript:msgbox</p>"),
    ("example.org", "<p>example.org</p>"),
    ("irc://irc.example.org", "<p>irc://irc.example.org</p>"),
    # Typed markup shows literally; an address inside it is still an address (as on the old site).
    ('<a href="https://example.org">x</a>', f'<p>&lt;a href="{link("https://example.org")}"&gt;x&lt;/a&gt;</p>'),
    # Empty input gives no markup.
    ("", ""),
    ("   \n\n  ", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[case[0][:30] or "empty" for case in CASES])
def test_renders_like_the_old_plain_text_format(text, expected):
    assert render_comment_text(text) == expected


def test_stored_text_is_not_changed_by_rendering():
    text = "<b>raw</b> https://example.org"
    render_comment_text(text)
    assert text == "<b>raw</b> https://example.org"


def test_invisible_control_characters_are_dropped():
    assert render_comment_text("a\x0bb\x1bc\x07") == "<p>abc</p>"
