"""Who is asking: the client's network address, the flood counter, and the author's browser key."""

import hashlib
import ipaddress
import json
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils.crypto import constant_time_compare

AUTHORSHIP_COOKIE = "comment_authorship"
AUTHORSHIP_SALT = "news.comments.authorship"
AUTHORSHIP_MAX_AGE = 30 * 24 * 3600  # held comments stay visible to their author for a month
AUTHORSHIP_MAX_ENTRIES = 20


def _trusted_networks():
    return [ipaddress.ip_network(net, strict=False) for net in getattr(settings, "TRUSTED_PROXIES", [])]


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request):
    """The client's address; X-Forwarded-For counts only when it came through our own trusted proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted_networks()
    if not networks or not _is_trusted(remote, networks):
        return remote or None
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):  # the right-most entry was added by the proxy nearest us
        if not _is_trusted(address, networks):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote
    return remote


def take_from_allowance(*, key, limit, window_seconds):
    """Count one action against ``limit`` per window; False once the limit is reached.

    The counters live in the "state" store, which a flood of cached pages cannot evict.
    """
    cache = caches["state"]
    cache_key = f"comments:allowance:{key}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        used = 1
    return used <= limit


def new_author_key():
    return secrets.token_urlsafe(24)


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def authorship_keys(request):
    """{comment pk: browser key} from the signed authorship cookie (empty when absent or tampered with)."""
    try:
        entries = request.get_signed_cookie(AUTHORSHIP_COOKIE, salt=AUTHORSHIP_SALT, max_age=AUTHORSHIP_MAX_AGE)
        return {int(pk): key for pk, key in json.loads(entries) if isinstance(key, str)}
    except (KeyError, signing.BadSignature, ValueError, TypeError):
        return {}


def remember_authorship(response, request, *, comment_pk, key):
    """Add a comment to this browser's signed list of its own comments (newest kept)."""
    entries = list(authorship_keys(request).items())[-(AUTHORSHIP_MAX_ENTRIES - 1) :] + [(comment_pk, key)]
    response.set_signed_cookie(
        AUTHORSHIP_COOKIE,
        json.dumps(entries),
        salt=AUTHORSHIP_SALT,
        max_age=AUTHORSHIP_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def is_author(request_keys, comment, key_hash):
    """True when this browser holds the key the comment was posted with."""
    key = request_keys.get(comment.pk)
    return bool(key and key_hash) and constant_time_compare(hash_key(key), key_hash)
