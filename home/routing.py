"""Finding the page for an address in two queries, however deep it lies.

Wagtail walks the tree one level at a time, two queries a level (the child by its slug, then its
specific row), and then spends two more on the view restrictions of the page and its ancestors. Here
the site root fetches its ancestors and every page the address names in one query, each with a flag
saying whether a view restriction is set on it, and only the page that answers is fetched in its
specific form. The walk itself is Wagtail's: a routable page on the way that serves the rest of the
address answers it, a page with routing of its own takes over, and a page that is not live is a 404.
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from home import structure


def route_below(root, request, path_components):
    """What ``Page.route`` answers for ``path_components`` (not empty) below ``root``, a site's root page.

    The page an address finds is kept by each worker until the site's structure changes (home.structure).
    """
    key = ("route", root.pk, tuple(path_components))
    answering, remaining, restricted = structure.remembered(request, key, lambda: _find(root, path_components))
    answering = structure.own_copy(answering)
    # Nothing on the way is restricted: BasePage.get_view_restrictions need not ask again.
    answering.routed_without_view_restrictions = not restricted
    return answering.route(request, remaining)


def _find(root, path_components):
    """The specific page that answers the address, the rest of the address, and whether a restriction applies."""
    addresses = [root.url_path + "/".join(path_components[: n + 1]) + "/" for n in range(len(path_components))]
    named = Q(url_path__in=addresses, path__startswith=root.path, depth__gt=root.depth)
    ancestors = Q(path__in=[root.path[:end] for end in range(Page.steplen, len(root.path) + 1, Page.steplen)])
    # A restriction on an alias's original applies to the alias (Page.get_view_restrictions).
    restriction = PageViewRestriction.objects.filter(Q(page=OuterRef("pk")) | Q(page=OuterRef("alias_of")))
    rows = list(Page.objects.filter(named | ancestors).annotate(restricted=Exists(restriction)))
    by_address = {row.url_path: row for row in rows if row.depth > root.depth}
    restricted = any(row.restricted for row in rows if row.depth <= root.depth)

    parent = root
    for n, address in enumerate(addresses):
        page = by_address.get(address)
        if page is None or page.depth != parent.depth + 1 or not page.path.startswith(parent.path):
            raise Http404
        page._cached_parent_obj = parent  # as Wagtail's walk leaves it: get_parent() costs no query
        restricted = restricted or page.restricted
        remaining = path_components[n + 1 :]
        if not remaining or _answers_itself(page, remaining):
            break
        parent = page
    answering = _specific(page)
    for name in getattr(type(answering), "serve_kept", ()):
        getattr(answering, name)  # cached properties the kept page carries to every request (home.structure)
    return answering, remaining, restricted


def _answers_itself(page, remaining):
    """Whether ``page`` (not the pages below it) answers the rest of the address, as Wagtail would decide."""
    model = page.specific_class or Page
    if model.route is Page.route:
        return False
    if model.route is not RoutablePageMixin.route:
        return True  # routing of its own: it decides, from here on the Wagtail way
    if not page.live:
        return False  # RoutablePageMixin passes a page that is not live on to its children
    try:
        model.get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Resolver404:
        return False
    return True


def _specific(page):
    """The page in its specific form, with the relations it names in ``serve_select_related`` in the same query."""
    model = page.specific_class
    related = getattr(model, "serve_select_related", ())
    if model is None or isinstance(page, model) or not related:
        return page.specific
    specific = model._default_manager.select_related(*related).get(pk=page.pk)
    for name, value in page.__dict__.items():  # what Wagtail's get_specific() carries over
        specific.__dict__.setdefault(name, value)
    return specific
