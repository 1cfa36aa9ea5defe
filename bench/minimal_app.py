"""The app server's floor: the smallest Django app that answers with a page's HTML bytes from memory.

The benchmark serves it with the same gunicorn settings as the site and compares the cached article's
requests/s with it. The bytes are read once, at import, from the file named by ``BENCH_MINIMAL_HTML``.
"""

import os
from pathlib import Path

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-minimal-app",  # noqa: S106 - signs nothing: no sessions, no forms
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
    LOGGING_CONFIG=None,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import re_path  # noqa: E402

HTML = Path(os.environ["BENCH_MINIMAL_HTML"]).read_bytes()


def page(request):
    response = HttpResponse(HTML, content_type="text/html; charset=utf-8")
    response["Content-Length"] = len(HTML)  # as the site's cached page has it (else gunicorn sends it chunked)
    return response


urlpatterns = [re_path(r"", page)]

application = get_wsgi_application()
