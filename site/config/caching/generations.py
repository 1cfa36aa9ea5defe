"""Generation keys in the shared cache: what is kept under a generation is dropped by moving it on.

A lost generation (evicted, cleared, or never set) starts a new one, never an old one, so entries kept
under an earlier generation can't come back.
"""

import secrets

from django.core.cache import cache


def current(keys):
    """The current generation of each key, in order (one round trip to the cache)."""
    generations = cache.get_many(keys)
    missing = [key for key in keys if key not in generations]
    for key in missing:
        cache.add(key, secrets.token_hex(8), None)
    if missing:
        generations.update(cache.get_many(missing))
    return [generations.get(key, "") for key in keys]


def move_on(keys):
    """New generations for these keys: whatever was kept under the old ones is no longer found."""
    if keys:
        cache.set_many({key: secrets.token_hex(8) for key in keys}, None)
