"""The one key of a page: its decoded, normalised path, the Site's canonical host and the page's own parameters.

nginx (deploy/nginx/newsroom.conf.template) keys on the same path (``$uri``: decoded, with ``.`` segments
and repeated slashes resolved) under the Site's host name, and leaves every address with a query string to
the app. Here only the query parameters a page reads (``page``, ``cpage``, ``tag``) make a different copy;
an address with any other parameter, or a parameter twice, is answered without being stored, so a flood
of made-up addresses stores nothing.
"""

import hashlib
import re
from urllib.parse import parse_qsl, urlencode

PAGE_QUERY_PARAMETERS = frozenset({"page", "cpage", "tag"})
_REPEATED_SLASHES = re.compile(r"/{2,}")


def normalised_path(path):
    """A decoded path as nginx's ``$uri`` holds it: repeated slashes folded into one."""
    return _REPEATED_SLASHES.sub("/", path or "/")


def page_query(query_string):
    """The query string in its one stored form, or None when the address must not be stored."""
    try:
        pairs = parse_qsl(query_string, keep_blank_values=True, max_num_fields=len(PAGE_QUERY_PARAMETERS))
    except ValueError:  # more fields than a page reads
        return None
    names = [name for name, _value in pairs]
    if len(set(names)) != len(names) or not PAGE_QUERY_PARAMETERS.issuperset(names):
        return None
    return urlencode(sorted(pairs))


def page_key(*, host, path, query_string):
    """The key of one stored copy, or None when this address is answered without being stored."""
    query = page_query(query_string)
    if query is None:
        return None
    address = f"{host}{normalised_path(path)}?{query}"
    return hashlib.sha256(address.encode()).hexdigest()


def path_generation_key(path):
    """The generation of every stored copy of one path (all hosts, all parameters): a purge moves it on."""
    return "page-cache:path:" + hashlib.sha256(normalised_path(path).encode()).hexdigest()
