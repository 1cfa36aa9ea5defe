from django.core.paginator import EmptyPage, Paginator
from django.http import Http404


def requested_page_number(number):
    """The page a query parameter asks for: a non-number means the first page."""
    try:
        return int(number or 1)
    except (TypeError, ValueError):
        return 1


def page_or_404(items, *, per_page, number):
    """One page of ``items``: a non-number means the first page, one past the end a 404."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(requested_page_number(number))
    except EmptyPage as error:
        raise Http404("There is no such page.") from error
