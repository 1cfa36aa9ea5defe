"""What the site search asks of other apps, and what it records, through Wagtail's own machinery.

Other apps steer a search towards help through the ``search_help`` hook (``hooks.register("search_help")``):
each hook is called with the request and the reader's query text and returns ``None`` for an ordinary search
or a ``SearchHelp``. The first ``SearchHelp`` wins: its help message is shown above any result, and the search
is never recorded in Wagtail's query log (``wagtail.contrib.search_promotions``) nor shown promotions.
Home never names those apps; they register the hook (news.safeguarding.search does).

Ordinary searches are recorded as Wagtail's daily hits per query (``Query.add_hit``: the text and a count,
nothing about the reader) and show the editors' promoted results for their text.
"""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from home.models import HelpMessage
from home.selectors import live_public

SEARCH_HELP_HOOK = "search_help"


@dataclass(frozen=True)
class SearchHelp:
    """A search that steers towards help: show this message first (None: the hook found no message to show,
    the search is still never recorded)."""

    help_message: HelpMessage | None


def search_help_for(request, query):
    """The first ``search_help`` hook's answer for this query, or None for an ordinary search."""
    for hook in hooks.get_hooks(SEARCH_HELP_HOOK):
        found = hook(request, query)
        if found is not None:
            return found
    return None


def record_and_promote(query):
    """Record one hit of an ordinary search's text in Wagtail's query log and return its promotions: each
    editor's pick whose page is live and public (or an external link), in the editors' order."""
    if not normalise_query_string(query):
        return []
    logged = Query.get(query)
    logged.add_hit()
    picks = list(logged.editors_picks.select_related("page").order_by("sort_order"))
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    shown = set(live_public(Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True)) if page_ids else set()
    return [pick for pick in picks if (pick.page_id in shown if pick.page_id else pick.external_link_url)]
