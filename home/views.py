from django.template.response import TemplateResponse
from wagtail.models import Page

from home.paging import page_or_404

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Site search over live public pages (Wagtail's database search backend)."""
    query = request.GET.get("query", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    page_obj = page_or_404(results, per_page=RESULTS_PER_PAGE, number=request.GET.get("page"))
    return TemplateResponse(request, "home/search.html", {"query": query, "results": page_obj})
