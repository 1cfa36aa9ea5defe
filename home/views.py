from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page
from wagtail.search.utils import parse_query_string

from home.paging import page_or_404
from home.search import record_and_promote, search_help_for

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search_query(text):
    """The reader's text as Wagtail's query objects, or None when it holds no words to search for.

    Wagtail's own parser reads "quoted phrases" and leaves every other character to the backend, which
    quotes each term and phrase for its engine (FTS5's or tsquery's operators, parentheses and column
    filters in the text are just words). A double quote never reaches a term: the parser splits on it, so
    an unbalanced one simply ends the phrase. ``word:value`` is Wagtail's filter syntax, which the site's
    search does not offer: those words are searched too, parsed the same way.
    """
    filters, query = parse_query_string(text, operator="and", zero_terms=None)
    filter_text = " ".join(f"{key} {value}" for key, values in filters.lists() for value in values)
    if filter_text:
        _, filter_words = parse_query_string(filter_text, operator="and", zero_terms=None)
        if filter_words is not None:
            query = filter_words if query is None else query & filter_words
    return query


def search(request):
    """Site search over live public pages (Wagtail's database search backend).

    Any text answers normally, with results or none: NUL bytes (which PostgreSQL refuses in a string) are
    dropped, the text is cut to ``MAX_QUERY_LENGTH`` and the rest goes through ``search_query``.

    A search that a ``search_help`` hook steers towards help (``home.search``) shows that help message first,
    above any result, and is neither recorded nor shown promotions. Any other search is recorded in Wagtail's
    query log and shows the editors' promoted results, on its first page. The answer is made for its reader
    alone: never stored by any cache (no-store), as it says what they searched for.
    """
    query = request.GET.get("query", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    parsed = search_query(query) if query else None
    results = Page.objects.live().public().specific().search(parsed) if parsed is not None else Page.objects.none()
    page_obj = page_or_404(results, per_page=RESULTS_PER_PAGE, number=request.GET.get("page"))
    search_help = search_help_for(request, query) if query else None
    promotions = []
    if query and search_help is None and page_obj.number == 1:
        promotions = record_and_promote(query)
    context = {
        "query": query,
        "results": page_obj,
        "help_message": search_help.help_message if search_help else None,
        "promotions": promotions,
    }
    response = TemplateResponse(request, "home/search.html", context)
    add_never_cache_headers(response)
    return response


def document_id_out_of_range(request, *args):
    """Wagtail's document route takes any run of digits; past 19 there is no such id (and past 4,300
    Python will not make it an integer, which would be a 500)."""
    raise Http404("No such document.")
