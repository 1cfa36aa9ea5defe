"""Search deterrence: searches that match the campaign's list show its deterrence message first, unlogged.

The site search (home) asks the ``search_help`` hook; this module answers it. The reader's text is folded as
the comment check folds it (``checks.fold``: lower case, full-width and look-alike forms made plain,
zero-width and other invisible characters removed) and matched against Settings → Safeguarding → Search
terms, each pattern with the ``regex`` module's time limit: a pattern that takes too long counts as a match,
so a slow pattern deters rather than lets a search through to the logs.
"""

import logging

from wagtail import hooks

from home.models import SiteSettings
from home.search import SEARCH_HELP_HOOK, SearchHelp
from news.safeguarding.checks import PatternError, compile_patterns, first_match, fold
from news.safeguarding.models import SafeguardingSettings

logger = logging.getLogger(__name__)


def matches_search_terms(text, terms):
    """Whether the folded text matches one of the search terms (one pattern a line, ``#`` lines comments)."""
    folded = fold(text)
    if not folded:
        return False
    try:
        patterns = compile_patterns(terms)
    except PatternError:  # the settings form refuses these; a row written another way must not break search
        logger.exception("Safeguarding search terms do not compile")
        return False
    return first_match(patterns, [folded], "search") is not None


@hooks.register(SEARCH_HELP_HOOK)
def deterrence_for_search(request, query):
    """The deterrence message for a search that matches the campaign's terms, or None for any other search.

    The message is the one chosen in Settings → Safeguarding; without one, the site-wide default help
    message. Either way a matching search is steered (``SearchHelp``), so it is never recorded.
    """
    settings = SafeguardingSettings.load(request_or_site=request)
    if not matches_search_terms(query, settings.search_terms):
        return None
    message = settings.search_help_message or SiteSettings.for_request(request).default_help_message
    return SearchHelp(help_message=message)
