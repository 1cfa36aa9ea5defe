"""Hostile text typed by editors is shown as text on every public endpoint that shows it.

Page titles, standfirsts, summaries, intros, tags, source names, the help message, the home page's hero and
document titles and link texts get the vectors of ``test_xss``; then the pages and listings, search results,
the comment routes that name their page (reply, report, edit, delete), both comment feeds, the news feed,
``sitemap.xml`` and the documents themselves are checked: no event handlers, no script URLs, no active
elements beyond the plain page's, no vector unescaped, every text shown as typed (escaped once, not twice),
feeds well-formed with item descriptions inside the comment allow-list (feed readers render them as HTML).
"""

import json
import math
from urllib.parse import urlencode

from defusedxml import ElementTree as ET
from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, TestCase
from django.utils.html import escape
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from home.factories import HelpMessageFactory
from home.models import HomeFeaturedCampaign, SiteSettings
from news.comments.clients import AUTHORSHIP_COOKIE, AUTHORSHIP_SALT, hash_key
from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration
from news.factories import CampaignPageFactory, NewsArticlePageFactory
from tests.news.comments.test_xss import (
    FIELD_BREAKOUTS,
    VECTORS,
    active_census,
    clear_caches,
    has_xml_unsafe_characters,
    item_description_problems,
    one_line,
    page_problems,
    soup_of,
    unescaped,
    url_scheme,
)
from tests.utils import build_site_tree, open_comment_rules

ORDINARY = [vector for vector in VECTORS if not has_xml_unsafe_characters(vector)]
XML_UNSAFE = [vector for vector in VECTORS if has_xml_unsafe_characters(vector)]
# Attribute breakouts and </title> first: they become titles, shown in <title>, headings and meta attributes.
FIRST = [vector for vector in ORDINARY if vector in FIELD_BREAKOUTS or "</title" in vector.lower()]
ORDERED = FIRST + [vector for vector in ORDINARY if vector not in FIRST]
ARTICLES = math.ceil(len(ORDERED) / 4)  # each vector: an article's title, its source name or half its standfirst
TITLE_LENGTH, STANDFIRST_LENGTH, TAG_LENGTH, SOURCE_LENGTH = 255, 400, 100, 120
AUTHOR_KEY = "editor-text-author-key"
COMMENTER = "Plain Reader"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SEARCH_TERMS = ["alert", "XSS", "javascript", "script", "onmouseover"]


def vector(number):
    return ORDERED[number % len(ORDERED)]


def document_link(document, text):
    """Rich text as the editor stores it: a link to a document, its text typed by the editor."""
    return RichText(f'<p>Read <a linktype="document" id="{document.pk}">{escape(text)}</a>.</p>')


class HostileEditorTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = cls.tree = build_site_tree()
        site = tree.home.get_site()
        open_comment_rules(site)
        cls.help = HelpMessageFactory(name="Default help")
        site_settings = SiteSettings.for_site(site)
        site_settings.default_help_message = cls.help
        site_settings.save()
        Document = get_document_model()
        cls.documents = [
            Document.objects.create(title=f"Plain document {n}", file=ContentFile(b"Plain.\n", name="plain.txt"))
            for n in range(3)
        ]
        for document in cls.documents:
            cls.addClassCleanup(document.file.delete, save=False)
        tree.campaign_index.intro = "Plain intro."  # so the plain page has the same meta elements
        tree.campaign_index.save()
        cls.plain_campaign = CampaignPageFactory(parent=tree.campaign_index, title="Plain campaign")
        cls.plain_article = cls.article(
            title="Plain article", standfirst="Plain standfirst.", source="Plain source", tags=["plain"], number=0
        )
        cls.comments = {cls.plain_article.pk: cls.comment_on(cls.plain_article)}
        cls.comments[cls.plain_campaign.pk] = cls.comment_on(cls.plain_campaign)

        # What a reader gets with nothing hostile on the site: the census each page is compared with.
        client = Client()
        cls.baselines = {
            "home": "/",
            "news index": tree.news_index.url,
            "campaign index": tree.campaign_index.url,
            "article": cls.plain_article.url,
            "campaign": cls.plain_campaign.url,
            "search": "/search/?query=plain",
        }
        author = cls.author_client([cls.comments[cls.plain_article.pk]])
        for action in ("reply", "report", "edit", "delete"):
            cls.baselines[action] = cls.comment_route(cls.plain_article, action)
        cls.baselines = {
            name: active_census(soup_of((author if name in ("edit", "delete") else client).get(url).content))
            for name, url in cls.baselines.items()
        }

        # Now everything an editor types turns hostile.
        cls.typed = []  # every hostile text on the site, as stored
        cls.help.heading, cls.help.message = cls.keep(vector(0)[:120]), cls.keep(vector(1))
        cls.help.link_text, cls.help.phone_number = cls.keep(vector(2)[:80]), cls.keep(vector(3)[:40])
        cls.help.save()
        tree.home.hero_heading, tree.home.hero_intro = cls.keep(vector(4)[:120]), cls.keep(vector(5))
        tree.home.save()
        tree.news_index.intro, tree.campaign_index.intro = cls.keep(vector(6)), cls.keep(vector(7))
        tree.news_index.save()
        tree.campaign_index.save()
        for document, number in zip(cls.documents, (8, 9, 10), strict=True):
            document.title = cls.keep(vector(number)[:TITLE_LENGTH])
            document.save()
        cls.articles = []
        for number in range(ARTICLES):
            title = vector(number)[:TITLE_LENGTH]
            standfirst = f"{vector(number + ARTICLES)}\n{vector(number + 3 * ARTICLES)}"[:STANDFIRST_LENGTH]
            source = vector(number + 2 * ARTICLES)[:SOURCE_LENGTH]
            tags = [vector(number + offset * ARTICLES)[:TAG_LENGTH] for offset in range(4)]
            cls.typed += [title, standfirst, source, *tags]
            article = cls.article(title=title, standfirst=standfirst, source=source, tags=tags, number=number)
            cls.comments[article.pk] = cls.comment_on(article)
            cls.articles.append(article)
        cls.campaigns = []
        for number in range(3):
            campaign = CampaignPageFactory(
                parent=tree.campaign_index,
                title=cls.keep(vector(number + 11)[:TITLE_LENGTH]),
                summary=cls.keep(vector(number + 14)),
            )
            campaign.tags.add(cls.keep(vector(number + 17)[:TAG_LENGTH]))
            campaign.related_news.add(*cls.articles[:3])
            campaign.save()
            HomeFeaturedCampaign.objects.create(page=tree.home, campaign=campaign, sort_order=number)
            cls.comments[campaign.pk] = cls.comment_on(campaign)
            cls.campaigns.append(campaign)
        cls.typed = sorted(set(cls.typed), key=cls.typed.index)
        clear_caches()

    @classmethod
    def keep(cls, text):
        cls.typed.append(text)
        return text

    @classmethod
    def article(cls, *, title, standfirst, source, tags, number):
        document = cls.documents[number % len(cls.documents)]
        article = NewsArticlePageFactory(
            parent=cls.tree.news_index,
            title=title,
            slug=f"article-{number}" if title != "Plain article" else "plain-article",
            standfirst=standfirst,
            source_name=source,
            source_url=f"https://example.org/{number}?q=%22%3E%3Cscript%3E",
            body=[("paragraph", document_link(document, source))],
        )
        article.tags.add(*tags)
        article.related_campaigns.add(cls.plain_campaign)
        article.save()
        return article

    @staticmethod
    def comment_on(page):
        """A plain comment, posted (as far as the site knows) from the browser of ``author_client``."""
        comment = CommentFactory(page=page, user_name=COMMENTER, comment="Plain words.")
        CommentModeration.objects.create(comment=comment, reason="published", author_key_hash=hash_key(AUTHOR_KEY))
        return comment

    @staticmethod
    def author_client(comments):
        signer = signing.get_cookie_signer(salt=AUTHORSHIP_COOKIE + AUTHORSHIP_SALT)
        client = Client()
        client.cookies[AUTHORSHIP_COOKIE] = signer.sign(json.dumps([[comment.pk, AUTHOR_KEY] for comment in comments]))
        return client

    @classmethod
    def comment_route(cls, page, action):
        pk = cls.comments[page.pk].pk
        return f"{page.url}comments/reply/{pk}/" if action == "reply" else f"{page.url}comments/{pk}/{action}/"

    # ------------------------------------------------------------------------------------------ checks

    def html(self, url, baseline, *, client=None, status=200):
        """A page, checked for handlers, script URLs, active elements, inline script and unescaped vectors."""
        response = (client or self.client).get(url)
        self.assertEqual(response.status_code, status, url)
        html = response.content.decode()
        soup = soup_of(html)
        self.assertEqual(page_problems(soup, baseline=self.baselines[baseline]), [], url)
        for script in soup.find_all("script"):
            self.assertTrue(script.get("src", "").startswith("/static/"), "only the site's own script files")
            self.assertEqual(script.get_text().strip(), "", "no inline script")
        self.assertEqual(unescaped(html, self.typed), [], url)
        return soup

    def feed(self, url):
        """A feed's channel: RSS, well-formed XML, no vector unescaped."""
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertIn("xml", response["Content-Type"])
        self.assertEqual(unescaped(response.content.decode(), self.typed), [], url)
        return ET.fromstring(response.content).find("channel")

    def assert_shown(self, element, typed, where):
        self.assertIsNotNone(element, where)
        self.assertIsNone(element.find(True), f"no element inside {where}")
        self.assertEqual(one_line(element.get_text()), one_line(typed), where)

    def test_article_pages_show_titles_standfirsts_tags_and_sources_as_text(self):
        for article in self.articles:
            with self.subTest(title=article.title):
                soup = self.html(article.url, "article")
                self.assert_shown(soup.select_one("article h1"), article.title, "the heading")
                self.assert_shown(soup.select_one("article p.lead"), article.standfirst, "the standfirst")
                self.assertEqual(soup.select_one("meta[name=description]")["content"], article.standfirst)
                self.assertEqual(soup.select_one("meta[property='og:title']")["content"], article.title)
                self.assertTrue(one_line(soup.title.get_text()).startswith(one_line(article.title)))
                shown_tags = sorted(one_line(link.get_text()) for link in soup.select("p.tags a"))
                self.assertEqual(shown_tags, sorted(one_line(tag.name) for tag in article.tags.all()))
                for link in soup.select("p.tags a"):
                    self.assertTrue(link["href"].startswith(f"{self.tree.news_index.url}?tag="), link["href"])
                source = soup.select_one(".article__meta a[rel=noopener]")
                self.assert_shown(source, article.source_name, "the source's link")
                self.assertEqual(url_scheme(source["href"]), "https")
                document = soup.select_one("a[href^='/documents/']")
                self.assert_shown(document, article.source_name, "the document link")
                self.assert_shown(soup.select_one(".help-message__heading"), self.help.heading, "the help heading")

    def test_campaign_pages_and_the_home_page_show_editor_text_as_text(self):
        for campaign in self.campaigns:
            with self.subTest(title=campaign.title):
                soup = self.html(campaign.url, "campaign")
                self.assert_shown(soup.select_one("article h1"), campaign.title, "the heading")
                self.assert_shown(soup.select_one("article p.lead"), campaign.summary, "the summary")
        soup = self.html("/", "home")
        self.assert_shown(soup.select_one(".hero h1"), self.tree.home.hero_heading, "the hero heading")
        self.assert_shown(soup.select_one(".hero p.lead"), self.tree.home.hero_intro, "the hero intro")
        cards = [one_line(card.get_text()) for card in soup.select(".card__title a")]
        for page in self.campaigns + self.articles[-3:]:
            self.assertIn(one_line(page.title), cards)
        self.assert_shown(soup.select_one(".help-message__heading"), self.help.heading, "the help heading")
        self.html(self.tree.campaign_index.url, "campaign index")

    def test_news_index_pages_and_tag_pages(self):
        shown_titles, number = [], 1
        while True:
            soup = self.html(f"{self.tree.news_index.url}?page={number}", "news index")
            self.assert_shown(soup.select_one("p.lead"), self.tree.news_index.intro, "the intro")
            shown_titles += [one_line(link.get_text()) for link in soup.select(".card__title a")]
            if not soup.select_one("nav.pagination a[rel=next]"):
                break
            number += 1
        self.assertEqual(
            sorted(shown_titles), sorted(one_line(page.title) for page in [*self.articles, self.plain_article])
        )
        tag_links = {one_line(a.get_text()): a["href"] for a in soup.select("nav.tag-filter a") if "?tag=" in a["href"]}
        first_tags = {one_line(tag.name): tag for tag in Tag.objects.filter(name__in=[v[:TAG_LENGTH] for v in FIRST])}
        self.assertEqual(len(first_tags), len(FIRST))
        for name, tag in first_tags.items():
            with self.subTest(tag=tag.name):
                self.assertIn(name, tag_links)
                tag_page = self.html(tag_links[name], "news index")
                self.assertEqual(
                    one_line(tag_page.h1.get_text()), one_line(f"{self.tree.news_index.title}: {tag.name}")
                )

    def test_search_results_and_the_echoed_query(self):
        """Every page of results for words the vectors share, then each breakout as the query itself."""
        found = set()
        for term in SEARCH_TERMS:
            number = 1
            while True:
                soup = self.html(f"/search/?{urlencode({'query': term, 'page': number})}", "search")
                found |= {one_line(link.get_text()) for link in soup.select("ol.search-results h2 a")}
                if not soup.select_one("nav.pagination a[rel=next]"):
                    break
                number += 1
        titles = {one_line(page.title) for page in self.articles + self.campaigns}
        self.assertGreaterEqual(len(found & titles), len(titles) // 2, "the search found the hostile pages")
        for query in FIRST:
            with self.subTest(query=query):
                soup = self.html(f"/search/?{urlencode({'query': query})}", "search")
                self.assertEqual(soup.select_one("input#search-query")["value"], query.strip())

    def test_comment_routes_name_their_page_as_text(self):
        """The reply, report, edit and delete pages show the page's title (also in <title>)."""
        author = self.author_client(self.comments.values())
        for page in self.articles[: len(FIRST)] + self.campaigns[:1]:
            for action in ("reply", "report", "edit", "delete"):
                with self.subTest(page=page.title, action=action):
                    client = author if action in ("edit", "delete") else None
                    soup = self.html(self.comment_route(page, action), action, client=client)
                    if action != "delete":  # its only link back says "Keep it"
                        link = soup.select_one(f"main a[href='{page.url}#c{self.comments[page.pk].pk}']")
                        self.assert_shown(link, page.title, "the link to the page")
                    self.assertTrue(
                        one_line(soup.title.get_text()).endswith(f"{one_line(page.title)} | Campaign newsroom")
                    )

    def test_comment_feeds_keep_page_titles_as_plain_text(self):
        """Each page's comment feed (pages titled with a breakout) and the site's (every page): titles plain."""
        for page in self.articles[: len(FIRST)] + self.campaigns[:1]:
            with self.subTest(page=page.title):
                channel = self.feed(f"{page.url}comments/feed/")
                self.assertEqual(channel.findtext("title"), f"Comments on {page.title}")
                [item] = channel.findall("item")
                self.assertEqual(item.findtext("title"), f"{COMMENTER} on {page.title}")
        channel = self.feed("/comments/feed/")
        titles = {item.findtext("title") for item in channel.findall("item")}
        for page in self.articles + self.campaigns:
            self.assertIn(f"{COMMENTER} on {page.title}", titles)

    def test_news_feed_items_hold_plain_titles_and_safe_descriptions(self):
        """An item's description is HTML to feed readers: a standfirst must reach them as text."""
        seen = set()
        expected = {article.full_url: article for article in self.articles}
        every_article = {article.full_url: article.pk for article in [*self.articles, self.plain_article]}
        while True:
            clear_caches()
            channel = self.feed(f"{self.tree.news_index.url}feed/")
            self.assertEqual(channel.findtext("description"), self.tree.news_index.intro)
            items = channel.findall("item")
            if not items:
                break
            shown = set()
            for item in items:
                link = item.findtext("link")
                self.assertIn(url_scheme(link), {"http", "https"}, link)
                article = expected.get(link)
                shown.add(link)
                if article is None:
                    continue  # the plain article
                with self.subTest(standfirst=article.standfirst):
                    self.assertEqual(item.findtext("title"), article.title)
                    categories = sorted(category.text for category in item.findall("category"))
                    self.assertEqual(categories, sorted(tag.name for tag in article.tags.all()))
                    self.assertEqual(item_description_problems(item), [], "the standfirst became markup")
            self.assertFalse(shown & seen, "an unpublished article came back")
            seen |= shown
            Page.objects.filter(pk__in=[every_article[link] for link in shown]).update(live=False)  # the next 20
        self.assertEqual(seen, set(every_article))

    def test_sitemap_lists_every_page_in_well_formed_xml(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(unescaped(response.content.decode(), self.typed), [])
        locations = [loc.text for loc in ET.fromstring(response.content).findall(".//sm:loc", SITEMAP_NS)]
        for location in locations:
            self.assertIn(url_scheme(location), {"http", "https"}, location)
        for page in self.articles + self.campaigns:
            self.assertIn(page.full_url, locations)

    def test_documents_are_downloads_that_cannot_run_script(self):
        """A document's title is the editor's; the file is served as an attachment under a CSP that blocks it."""
        Document = get_document_model()
        active = [
            Document.objects.create(
                title=vector(20)[:TITLE_LENGTH], file=ContentFile(b"<script>alert(1)</script>", name=name)
            )
            for name in ("page.html", "image.svg", "data.xml", "plain.txt")
        ]
        for document in active:
            self.addCleanup(document.file.delete, save=False)
        for document in self.documents + active:
            with self.subTest(document=document.filename):
                response = self.client.get(document.url)
                self.assertEqual(response.status_code, 200)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                self.assertEqual(body, document.file.open("rb").read())
                document.file.close()
                self.assertTrue(
                    response["Content-Disposition"].startswith("attachment"), response["Content-Disposition"]
                )
                self.assertEqual(response["Content-Security-Policy"], "default-src 'none'")
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                for header, value in response.items():
                    self.assertNotIn(document.title, value, header)
                    self.assertNotIn("\n", value, header)

    def test_control_characters_in_editor_text_do_not_break_the_feeds(self):
        """XML 1.0 cannot carry most C0 controls, which editors can paste into a title, a standfirst or a tag."""
        client = Client(raise_request_exception=False)
        for number, field in enumerate(("title", "standfirst", "tag")):
            text = XML_UNSAFE[number % len(XML_UNSAFE)]
            with transaction.atomic():  # one field at a time: each article is gone before the next
                article = NewsArticlePageFactory(
                    parent=self.tree.news_index,
                    slug=f"control-{number}",
                    **{field: text[:TITLE_LENGTH]} if field != "tag" else {},
                )
                if field == "tag":
                    article.tags.add(text[:TAG_LENGTH])
                    article.save()
                self.comment_on(article)
                clear_caches()
                feeds = [f"{self.tree.news_index.url}feed/", f"{article.url}comments/feed/", "/comments/feed/"]
                for url in [*feeds, "/sitemap.xml"]:
                    with self.subTest(field=field, text=text, url=url):
                        response = client.get(url)
                        self.assertEqual(response.status_code, 200, url)
                        ET.fromstring(response.content)
                transaction.set_rollback(True)
