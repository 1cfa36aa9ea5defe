from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Page
from wagtail.search.utils import parse_query_string

from home.paging import page_or_404

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
    """
    query = request.GET.get("query", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    parsed = search_query(query) if query else None
    results = Page.objects.live().public().specific().search(parsed) if parsed is not None else Page.objects.none()
    page_obj = page_or_404(results, per_page=RESULTS_PER_PAGE, number=request.GET.get("page"))
    return TemplateResponse(request, "home/search.html", {"query": query, "results": page_obj})


def document_id_out_of_range(request, *args):
    """Wagtail's document route takes any run of digits; past 19 there is no such id (and past 4,300
    Python will not make it an integer, which would be a 500)."""
    raise Http404("No such document.")
