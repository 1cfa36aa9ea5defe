"""Each worker's copy of what every page shows and rarely changes: the Site of a host, settings, the menu.

Wagtail asks the database for these on every request though they change only when an editor saves a
page, a site, its settings or an image. Each worker keeps what it looked up under the *structure
generation*, one key of the shared cache: any such change moves it on (``forget``, from
``config.caching.structure_changed``) and every worker drops its copies on its next request. A request
reads the generation once, so a change made through one worker (or the shell) reaches the others at once.

Entries are kept pickled and every call hands out a fresh copy: no object (a page in the menu, a setting)
is ever shared between two requests. Pages themselves are found by Wagtail's own routing, never kept here.
"""

import pickle

from config.caching import generations

GENERATION_KEY = "structure:generation"
MAX_ENTRIES = 2_000  # host names are readers' input: a flood of them must not grow a worker


class _Memo:
    """The entries kept under one generation (replaced whole, so threads never see a half-cleared one)."""

    def __init__(self, generation=None):
        self.generation = generation
        self.entries = {}


_memo = _Memo()


def forget():
    """The site's structure changed: every worker drops its copies on its next request."""
    generations.move_on([GENERATION_KEY])


def entries_for(request, *, generation=None):
    """This worker's entries, checked against the shared generation once per request.

    ``generation``: the structure generation when the caller has just read it (with others, in one trip).
    """
    global _memo
    if request is None:
        return None  # outside a request nothing is kept
    entries = getattr(request, "_structure_entries", None)
    if entries is not None:
        return entries
    if generation is None:
        (generation,) = generations.current([GENERATION_KEY])
    memo = _memo
    if memo.generation != generation or not generation or len(memo.entries) > MAX_ENTRIES:
        memo = _memo = _Memo(generation)
    request._structure_entries = memo.entries
    return memo.entries


def remembered(request, key, compute):
    """``compute()``'s answer for ``key``, a fresh copy each call, kept until the structure changes."""
    entries = entries_for(request)
    if entries is None:
        return compute()
    stored = entries.get(key)
    if stored is None:
        value = compute()
        entries[key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        return value
    return pickle.loads(stored)  # noqa: S301 - bytes this worker pickled itself
