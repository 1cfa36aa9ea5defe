"""Targets 1 and 2 of issue 6, measured inside one Django process (``bench/run.py`` calls these).

- ``measure_query_counts()``: the SQL queries of an article page and a campaign page with 0, 100 and
  1,000 comments, for an anonymous reader and for a moderator (who sees Wagtail's userbar).
- ``measure_render_speed()``: our comment list against django-comments-xtd's ``render_xtdcomment_tree``
  on the same 500 comments, warm against warm and cold against cold, and the whole article page with
  100 comments for a logged-in reader. Its article and comments are the WordPress peer's (bench/peer_data.py:
  ~800 words; comments of 1-3 paragraphs of 15-45 words, threaded like the peer's).

Both need ``django.setup()`` and a migrated database (empty or with the demo content). They build
their own pages, users and comments inside a transaction that they roll back, and count queries
with a database execute wrapper. Run them alone against a throwaway PostgreSQL with::

    .venv/bin/python tests/postgres.py -- .venv/bin/python bench/in_process.py
"""

import contextlib
import datetime
import statistics
import sys
import time
import types
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository and site/ are not on the path yet
    sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "site")]

# Issue 13's bounds through Wagtail's own routing, for a reader; a logged-in one adds the user's row.
WARM_QUERY_LIMIT = 8
COLD_QUERY_LIMIT = 16
SIZES = (0, 100, 1000)
# 100 requests/s on 2 cores: 20 ms of CPU a request for everything (app, PostgreSQL, the load generator).
# The in-process time includes the database's answers; target 6 itself is measured through gunicorn.
PAGE_BUDGET_MS = 20.0
SPEED_UP_WANTED = 5.0
COLD_SAMPLES = 5  # cold renders of each side (quick: 2), alternating which side goes first; the median
START = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)  # comments' dates: the same markup every run


def _changed(page_pk):
    """As after an editor's or a moderator's change: workers look the site structure up again and the data
    kept for the page (its rows of comments) is read afresh. config.caching's event API, or the older
    news.invalidation's (the app moved from one to the other)."""
    try:
        import config.caching as caching
    except ImportError:
        from news import invalidation

        invalidation.structure_changed()
        invalidation.comment_rows_changed(page_pks=[page_pk])
        return
    caching.structure_changed()
    caching.page_data_changed(page_pks=[page_pk])


def _comments_page(**kwargs):
    """The conversations on one page of comments (news.comments.threads, formerly .selectors)."""
    try:
        from news.comments.threads import comments_page
    except ImportError:
        from news.comments.selectors import comments_page
    return comments_page(**kwargs)


class _RolledBack(Exception):
    """Raised to leave the measurement's transaction without keeping anything."""


@contextlib.contextmanager
def _rolled_back():
    from django.db import transaction

    try:
        with transaction.atomic():
            yield
            raise _RolledBack
    except _RolledBack:
        pass


class _QueryCounter:
    """Counts every statement sent to the database while it is installed (also without DEBUG)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    @contextlib.contextmanager
    def counting(self):
        from django.db import connection

        self.count = 0
        with connection.execute_wrapper(self):
            yield self


def _scene(sizes, *, peer_like=False):
    """An article and a campaign page per size, as an editor would make them, with nested discussions.

    Each article has a lead image, two tags and a related campaign; each campaign an aim and a related
    article; the site has a default help message. Every third comment is by a logged-in commenter.
    ``peer_like``: the articles have the WordPress peer's ~800-word body and its comments instead
    (bench/peer_data.py: anonymous commenters, 1-3 paragraphs each, threaded like the peer's).
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.images import get_image_model
    from wagtail.models import Site
    from wagtail.rich_text import RichText

    from bench import peer_data
    from home.factories import HelpMessageFactory, ImageFactory, home_page_as_site_root
    from home.models import HomePage, SiteSettings
    from news.comments.factories import bulk_threads
    from news.comments.groups import ensure_moderators_group
    from news.factories import (
        CampaignIndexPageFactory,
        CampaignPageFactory,
        NewsArticlePageFactory,
        NewsIndexPageFactory,
    )
    from news.models import CampaignIndexPage, NewsIndexPage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        home = home_page_as_site_root()
        site = Site.objects.get(is_default_site=True)
    news_index = NewsIndexPage.objects.descendant_of(home).first() or NewsIndexPageFactory(parent=home)
    campaign_index = CampaignIndexPage.objects.descendant_of(home).first() or CampaignIndexPageFactory(parent=home)
    site_settings = SiteSettings.for_site(site)
    if site_settings.default_help_message is None:
        site_settings.default_help_message = HelpMessageFactory()
        site_settings.save()

    users = get_user_model().objects
    commenters = [users.create_user(f"in-process-commenter-{n}", f"in-process-{n}@example.org") for n in range(3)]
    moderator = users.create_user("in-process-moderator", "in-process-moderator@example.org")
    moderator.groups.add(ensure_moderators_group(group_model=Group, permission_model=Permission))

    image = get_image_model().objects.order_by("pk").first() or ImageFactory()
    articles, campaigns = {}, {}
    for size in sizes:
        campaign = CampaignPageFactory(
            parent=campaign_index, title=f"In-process campaign, {size} comments", hero_image=image
        )
        article = NewsArticlePageFactory(
            parent=news_index,
            title=f"In-process article, {size} comments",
            lead_image=image,
            body=peer_data.article_body()
            if peer_like
            else [("paragraph", RichText("<p>What happened, and why it matters.</p>"))],
        )
        article.tags.add("policing", "policy")
        article.related_campaigns.add(campaign)
        article.save()
        campaign.aims.create(text="Fund the helpline")
        campaign.related_news.add(article)
        campaign.save()
        for page in (article, campaign):
            if peer_like:
                peer_data.insert_comments(page=page, count=size)
            else:
                bulk_threads(page=page, count=size, users=commenters, start=START)
        articles[size], campaigns[size] = article, campaign
    return types.SimpleNamespace(articles=articles, campaigns=campaigns, moderator=moderator, reader=commenters[0])


def _first_render_queries(client, counter, page, url):
    """Queries of the first GET of ``url`` (a page cache miss), after one GET with another query string:
    as usual (with what workers keep), and cold (right after a change dropped it).

    The first GET warms what Wagtail keeps between requests in the cache (site root paths, renditions),
    what each worker keeps (the site structure, the page's rows of comments) and, for a logged-in reader,
    the userbar of this page.
    """
    join = "&" if "?" in url else "?"
    client.get(url + join + "warm")
    counts = []
    for suffix in ("", join + "cold"):
        with counter.counting():
            response = client.get(url + suffix)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        counts.append(counter.count)
        _changed(page.pk)
    return counts


def measure_query_counts():
    """Target 1: the same queries for 0, 100 and 1,000 comments: at most ``WARM_QUERY_LIMIT`` once warm and
    ``COLD_QUERY_LIMIT`` right after a change (one more for a logged-in user's row)."""
    from django.test import Client

    counter = _QueryCounter()
    rows = []
    with _rolled_back():
        scene = _scene(SIZES)
        for who in ("anonymous reader", "moderator"):
            client = Client()
            first_view, user_row = "", 0
            if who == "moderator":
                user_row = 1
                client.force_login(scene.moderator)
                client.get(scene.articles[SIZES[0]].url + "?warm")  # the shared caches, not this page's userbar
                with counter.counting():
                    client.get(scene.articles[SIZES[1]].url + "?first-view")
                first_view = f"; a moderator's first view of a page: {counter.count} (Wagtail's userbar)"
            for kind, pages in (("article", scene.articles), ("campaign", scene.campaigns)):
                counts = [_first_render_queries(client, counter, pages[size], pages[size].url) for size in SIZES]
                paged = _first_render_queries(client, counter, pages[SIZES[-1]], pages[SIZES[-1]].url + "?cpage=2")
                every = [*counts, paged]
                sizes = "/".join(map(str, SIZES))
                warm, cold = ("/".join(str(count[n]) for count in counts) for n in (0, 1))
                warm_limit, cold_limit = WARM_QUERY_LIMIT + user_row, COLD_QUERY_LIMIT + user_row
                rows.append(
                    {
                        "target": f"1. SQL queries, {kind} page, {who}",
                        "figure": f"{warm} ({sizes} comments), {paged[0]} on comments page 2; cold, right after "
                        f"a change: {cold}, {paged[1]} on page 2",
                        "reference": f"at most {warm_limit} warm and {cold_limit} cold, the same for every "
                        f"size{' (+1: the logged-in user)' if user_row else ''}{first_view}",
                        "ratio": f"{max(count[0] for count in every)}/{warm_limit}, "
                        f"{max(count[1] for count in every)}/{cold_limit}",
                        "met": all(len({count[n] for count in every}) == 1 for n in (0, 1))
                        and max(count[0] for count in every) <= warm_limit
                        and max(count[1] for count in every) <= cold_limit,
                    }
                )
            client.logout()
    return rows


def _xtd_urlconf():
    """The project's URLs plus django-comments-xtd's, which the site does not mount but its tree template links."""
    from django.conf import settings
    from django.urls import include, path
    from django.utils.module_loading import import_module

    urls = types.ModuleType("in_process_xtd_urls")
    urls.urlpatterns = [
        path("xtd-comments/", include("django_comments_xtd.urls")),
        *import_module(settings.ROOT_URLCONF).urlpatterns,
    ]
    return urls


def _mean_ms(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.mean(times) * 1000


def _forget_everything_kept(page_pk):
    """A fresh state for a first render, the same for both sides: what rendering comments keeps is dropped.

    Compiled templates (Django's cached loaders, Jinja2's cache), ContentTypes, the site structure, the page's kept rows
    of comments and our kept markup of comments and texts. URL resolvers stay: a request's routing builds
    them before anything is rendered. The caller also loads a new page object from the database.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.template import engines
    from django.template.backends.django import DjangoTemplates
    from django.template.backends.jinja2 import Jinja2

    from news.comments import rendering, text

    for backend in engines.all():
        if isinstance(backend, DjangoTemplates):
            for loader in backend.engine.template_loaders:
                loader.reset()
        elif isinstance(backend, Jinja2) and backend.env.cache is not None:
            backend.env.cache.clear()
    ContentType.objects.clear_cache()
    _changed(page_pk)
    for kept in (getattr(rendering, "_comment_html", None), getattr(text, "render_comment_text", None)):
        if hasattr(kept, "cache_clear"):
            kept.cache_clear()


def _comment_rendering_rows(article, comments, repeat, cold_samples):
    """Our comment list (its query included) against the library's template tag (its queries included):
    warm against warm (means of repeated renders) and cold against cold (first renders after
    ``_forget_everything_kept``, with a new page object; the median of ``cold_samples`` each)."""
    from django.contrib.auth.models import AnonymousUser
    from django.template import RequestContext, Template
    from django.test import RequestFactory, override_settings
    from wagtail.models import Page

    from news.comments import rendering
    from news.comments.models import CommentsMode

    def ours(page):
        page_of_comments = _comments_page(page=page, number=1, per_page=comments)
        urls = rendering.CommentUrls.for_page(page, page.url)
        html = rendering.comment_list_html(
            comments=page_of_comments, urls=urls, comments_mode=CommentsMode.OPEN, max_reply_level=1
        )
        return html.count(' id="c')

    request = RequestFactory().get(article.url)
    request.user = AnonymousUser()
    tree_source = "{% load comments_xtd %}{% render_xtdcomment_tree for page %}"
    tree = Template(tree_source)

    def stock(page, template=None):
        template = template or tree
        return template.render(RequestContext(request, {"page": page})).count(' id="c')

    def stock_cold(page):  # the template with the tag is compiled afresh too, like the library's own
        return stock(page, Template(tree_source))

    def cold_ms(render):
        _forget_everything_kept(article.pk)
        page = Page.objects.get(pk=article.pk).specific  # a new object: nothing kept on it
        started = time.perf_counter()
        shown = render(page)
        elapsed = (time.perf_counter() - started) * 1000
        if shown != comments:
            raise RuntimeError(f"a cold render showed {shown} comments, not {comments}")
        return elapsed

    with override_settings(ROOT_URLCONF=_xtd_urlconf()):
        stock(article)  # the URL resolvers (with the library's URLs) are built before anything is timed
        cold_ours, cold_stock = [], []
        for sample in range(cold_samples):  # alternating which side goes first
            for side in ("ours", "stock") if sample % 2 == 0 else ("stock", "ours"):
                if side == "ours":
                    cold_ours.append(cold_ms(ours))
                else:
                    cold_stock.append(cold_ms(stock_cold))
        shown = (ours(article), stock(article))  # warms both: templates, our kept rows and markup
        if shown != (comments, comments):
            raise RuntimeError(f"rendered {shown[0]} and {shown[1]} comments, not {comments}")
        stock_ms = _mean_ms(lambda: stock(article), max(3, repeat // 4))
        ours_ms = _mean_ms(lambda: ours(article), repeat)
    ours_cold_ms, stock_cold_ms = statistics.median(cold_ours), statistics.median(cold_stock)
    log_samples = (
        f"cold samples, ours: {', '.join(f'{ms:.1f}' for ms in cold_ours)} ms; "
        f"render_xtdcomment_tree: {', '.join(f'{ms:.1f}' for ms in cold_stock)} ms"
    )
    print(f"[{time.strftime('%H:%M:%S')}] target 2: {log_samples}", flush=True)
    return [
        {
            "target": f"2. rendering {comments} comments, warm",
            "figure": f"{ours_ms:.1f} ms (mean of {repeat}, after a first render; the peer's comments)",
            "reference": f"render_xtdcomment_tree {stock_ms:.1f} ms (mean of {max(3, repeat // 4)}, warm too)",
            "ratio": f"{stock_ms / ours_ms:.1f}x faster (≥ {SPEED_UP_WANTED:.0f}x)",
            "met": stock_ms / ours_ms >= SPEED_UP_WANTED,
        },
        {
            "target": f"2. rendering {comments} comments, cold",
            "figure": f"{ours_cold_ms:.1f} ms (median of {cold_samples} first renders: templates, kept rows and "
            "markup, ContentTypes dropped; a new page object)",
            "reference": f"render_xtdcomment_tree {stock_cold_ms:.1f} ms (median of {cold_samples}, the same way)",
            "ratio": f"{stock_cold_ms / ours_cold_ms:.1f}x faster (≥ {SPEED_UP_WANTED:.0f}x)",
            "met": stock_cold_ms / ours_cold_ms >= SPEED_UP_WANTED,
        },
    ]


def _whole_page_row(reader, url, requests):
    from django.test import Client

    client = Client()
    client.force_login(reader)
    for _ in range(20):
        client.get(url)
    cpu_started = time.process_time()
    page_ms = _mean_ms(lambda: client.get(url), requests)
    cpu_ms = (time.process_time() - cpu_started) / requests * 1000
    client.logout()
    return {
        "target": "6. in process: article page, 100 comments, logged-in reader",
        "figure": f"{page_ms:.1f} ms a request, {cpu_ms:.1f} ms of it Python (mean of {requests}, in process)",
        "reference": f"{PAGE_BUDGET_MS:.0f} ms (100 requests/s on 2 cores shared with PostgreSQL and wrk)",
        "ratio": f"{page_ms / PAGE_BUDGET_MS:.1f}x the budget",
        "met": page_ms <= PAGE_BUDGET_MS,
    }


def measure_render_speed(comments=500, repeat=20, page_requests=200, quick=False):
    """Target 2: our comment list against the library's template tag (warm and cold), and the whole page's time.

    The article and comments are the WordPress peer's (bench/peer_data.py), for 100 and ``comments``.
    """
    from bench import peer_data
    from news.factories import NewsArticlePageFactory

    cold_samples = COLD_SAMPLES
    if quick:
        repeat, page_requests, cold_samples = max(4, repeat // 5), max(20, page_requests // 10), 2
    with _rolled_back():
        scene = _scene([100], peer_like=True)
        long_discussion = NewsArticlePageFactory(
            parent=scene.articles[100].get_parent(),
            title=f"In-process article, {comments} comments",
            body=peer_data.article_body(),
        )
        peer_data.insert_comments(page=long_discussion, count=comments)
        rows = [
            *_comment_rendering_rows(long_discussion, comments, repeat, cold_samples),
            _whole_page_row(scene.reader, scene.articles[100].url, page_requests),
        ]
    return rows


def main():
    """Print the rows, measured on a new test database (migrated, then dropped) of DATABASE_URL's server."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from django.db import connection

    name = connection.creation.create_test_db(verbosity=0)
    try:
        for row in measure_query_counts() + measure_render_speed():
            met = {True: "yes", False: "NO"}[row["met"]]
            print(f"{row['target']}: {row['figure']} | {row['reference']} | {row['ratio']} | met: {met}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
