from django.core.paginator import EmptyPage, Paginator
from django.http import Http404


def page_or_404(items, *, per_page, number):
    """One page of ``items``: a non-number means the first page, one past the end a 404."""
    paginator = Paginator(items, per_page)
    try:
        number = int(number or 1)
    except (TypeError, ValueError):
        number = 1
    try:
        return paginator.page(number)
    except EmptyPage as error:
        raise Http404("There is no such page.") from error
