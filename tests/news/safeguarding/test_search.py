"""Search deterrence (issue 15): a search for abuse material shows the deterrence message first, above any
result, and is never recorded in Wagtail's query log nor shown promotions; ordinary searches are recorded and
show the editors' promoted results. The matching sees through case, invisible and full-width characters."""

import re
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.rich_text import RichText

from home.factories import HelpMessageFactory
from home.models import SiteSettings
from home.search import SEARCH_HELP_HOOK, SearchHelp
from news.factories import NewsArticlePageFactory
from news.safeguarding import checks
from news.safeguarding import search as deterrence
from news.safeguarding.models import SafeguardingSettings
from tests.utils import build_site_tree

DETERRENT = "child porn"
MESSAGE_HEADING = "Stop. Looking at these images harms children."


class SearchDeterrenceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        # An article that an ordinary word and the deterrent query's words would both find.
        cls.article = NewsArticlePageFactory(
            parent=cls.tree.news_index,
            title="Police close child porn ring",
            body=[("paragraph", RichText("<p>Officers said the helpline took more calls about child porn.</p>"))],
        )
        cls.message = HelpMessageFactory(
            name="Search deterrence", heading=MESSAGE_HEADING, link_url="https://example.org/stop-it-now"
        )
        SiteSettings.for_site(cls.tree.home.get_site())  # made by the first page any reader sees
        cls.settings = SafeguardingSettings.load()
        cls.settings.search_help_message = cls.message
        cls.settings.save()
        # Promotions an editor made: one for an ordinary word, one for the deterrent text itself.
        cls.promoted = NewsArticlePageFactory(parent=cls.tree.news_index, title="Our helpline explained")
        for text in ("helpline", DETERRENT):
            SearchPromotion.objects.create(
                query=Query.objects.create(query_string=text), page=cls.promoted, description="Promoted."
            )

    def search(self, query, **params):
        response = self.client.get("/search/", {"query": query, **params})
        self.assertEqual(response.status_code, 200)
        return response

    def test_a_deterrent_search_shows_the_message_first_and_the_results_below(self):
        html = self.search(DETERRENT).content.decode()
        self.assertIn(MESSAGE_HEADING, html)
        self.assertIn("Police close child porn ring", html)  # results still show, below
        self.assertLess(html.index(MESSAGE_HEADING), html.index('class="search-results"'))
        self.assertLess(html.index(MESSAGE_HEADING), html.index('id="search-query"'))
        # Its link and beacon count in the "search" placement.
        self.assertIn(f'href="/help/{self.message.pk}/search/"', html)
        self.assertIn(f'src="/help/{self.message.pk}/search/seen.gif"', html)

    def test_a_deterrent_search_adds_no_query_log_row(self):
        queries, hits = Query.objects.count(), QueryDailyHits.objects.count()
        self.search(DETERRENT)
        self.search("Child Porn videos")
        self.assertEqual(Query.objects.count(), queries)
        self.assertEqual(QueryDailyHits.objects.count(), hits)
        self.assertFalse(Query.objects.filter(query_string__icontains="videos").exists())
        self.assertFalse(QueryDailyHits.objects.filter(query__query_string=DETERRENT).exists())

    def test_an_ordinary_search_is_logged_once_a_request_and_shows_no_message(self):
        response = self.search("Helpline")
        self.assertNotContains(response, MESSAGE_HEADING)
        self.assertNotContains(response, 'class="help-message"')
        self.search("helpline")
        logged = Query.objects.get(query_string="helpline")
        self.assertEqual(logged.daily_hits.get().hits, 2)
        self.search("helpline", page="1")
        self.assertEqual(logged.daily_hits.get().hits, 3)

    def test_promotions_show_for_an_ordinary_search_and_never_for_a_deterrent_one(self):
        ordinary = self.search("helpline")
        self.assertContains(ordinary, 'class="search-promotions"')
        self.assertContains(ordinary, "Our helpline explained")
        deterrent = self.search(DETERRENT)
        self.assertNotContains(deterrent, 'class="search-promotions"')
        self.assertNotContains(deterrent, "Our helpline explained")

    def test_matching_sees_through_case_invisible_and_full_width_characters(self):
        spellings = {
            "upper case": "CHILD PORN",
            "zero-width spaces": "chi\u200bld\u200b p\u200corn",
            "full-width letters": "ｃｈｉｌｄ ｐｏｒｎ",
            "mixed": "Ｃ\u200bＨＩＬＤ   P\u00adORN",
            "another term": "where is the JAILBAIT",
        }
        for name, query in spellings.items():
            with self.subTest(name):
                self.assertContains(self.search(query), MESSAGE_HEADING)
        self.assertEqual(Query.objects.exclude(query_string__in=["helpline", DETERRENT]).count(), 0)
        self.assertEqual(QueryDailyHits.objects.count(), 0)

    def test_words_that_merely_contain_a_term_are_ordinary(self):
        for query in ("children's helpline", "cpu prices", "young carers"):
            with self.subTest(query):
                self.assertNotContains(self.search(query), MESSAGE_HEADING)
        self.assertEqual(QueryDailyHits.objects.count(), 3)

    def test_the_terms_are_the_campaigns_to_edit(self):
        self.settings.search_terms = "# Made-up term for the test\n\\bzebrafish\\b"
        self.settings.save()
        self.assertContains(self.search("Zebrafish"), MESSAGE_HEADING)
        self.assertNotContains(self.search(DETERRENT), MESSAGE_HEADING)
        self.assertEqual(
            list(Query.objects.filter(daily_hits__isnull=False).values_list("query_string", flat=True)), [DETERRENT]
        )

    def test_without_a_chosen_message_the_site_default_shows_and_nothing_is_logged(self):
        self.settings.search_help_message = None
        self.settings.save()
        default = HelpMessageFactory(name="Site default", heading="Help is here for you")
        site_settings = SiteSettings.for_site(self.tree.home.get_site())
        site_settings.default_help_message = default
        site_settings.save()
        self.assertContains(self.search(DETERRENT), "Help is here for you")
        site_settings.default_help_message = None
        site_settings.save()
        response = self.search(DETERRENT)
        self.assertNotContains(response, 'class="help-message"')
        self.assertNotContains(response, 'class="search-promotions"')
        self.assertEqual(QueryDailyHits.objects.count(), 0)

    def test_a_pattern_that_takes_too_long_counts_as_a_match(self):
        """The regex module's time limit: a search the terms cannot decide in time is steered, not logged."""
        slow = mock.Mock(source="(slow)", compiled=mock.Mock(search=mock.Mock(side_effect=TimeoutError)))
        with mock.patch.object(deterrence, "compile_patterns", return_value=(slow,)):
            self.assertContains(self.search("an ordinary looking search"), MESSAGE_HEADING)
        self.assertEqual(slow.compiled.search.call_args.kwargs, {"timeout": checks.PATTERN_TIME_LIMIT})
        self.assertEqual(QueryDailyHits.objects.count(), 0)

    def test_nothing_is_written_for_a_deterrent_search(self):
        """The query is echoed in the search box (the reader's own page); no statement writes anything."""
        with CaptureQueriesContext(connection) as captured:
            response = self.search(DETERRENT)
        self.assertContains(response, f'value="{DETERRENT}"')
        statements = [query["sql"] for query in captured]
        self.assertTrue(statements)
        writes = [sql for sql in statements if re.match(r"\s*(INSERT|UPDATE|DELETE)", sql, re.IGNORECASE)]
        self.assertEqual(writes, [])
        # An ordinary search does write (its query log row), so the capture above would have seen one.
        with CaptureQueriesContext(connection) as captured:
            self.search("helpline")
        self.assertTrue(any(re.match(r"\s*(INSERT|UPDATE)", query["sql"], re.IGNORECASE) for query in captured))

    def test_the_search_page_is_never_stored_by_a_shared_cache(self):
        """Each reader's search page is theirs: no-store/private (so the app's page cache, which keeps only what
        ``mark_public`` allowed, never keeps it), and no X-Accel-Expires (nginx keeps only responses with it,
        and never an address with a query string)."""
        for query in (DETERRENT, "helpline", ""):
            with self.subTest(query=query):
                response = self.search(query)
                cache_control = response["Cache-Control"]
                self.assertIn("no-store", cache_control)
                self.assertIn("private", cache_control)
                self.assertNotIn("public", cache_control)
                self.assertNotIn("X-Accel-Expires", response)
                self.assertNotEqual(self.search(query).get("X-Page-Cache"), "hit")


class SearchHelpHookTests(TestCase):
    """Home asks the hook and knows nothing of safeguarding: any app's hook can steer a search."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.message = HelpMessageFactory(name="Other app's message", heading="A message from another app")

    def test_another_apps_hook_steers_a_search(self):
        def steer(request, query):
            return SearchHelp(help_message=self.message) if "umbrella" in query else None

        with hooks.register_temporarily(SEARCH_HELP_HOOK, steer):
            self.assertContains(self.client.get("/search/", {"query": "umbrella"}), "A message from another app")
            self.assertNotContains(self.client.get("/search/", {"query": "raincoat"}), "A message from another app")
        self.assertFalse(Query.objects.filter(query_string="umbrella").exists())
        self.assertTrue(Query.objects.filter(query_string="raincoat").exists())

    def test_the_safeguarding_hook_is_registered(self):
        self.assertIn(deterrence.deterrence_for_search, hooks.get_hooks(SEARCH_HELP_HOOK))
