"""WSGI entry point: `gunicorn` from the repository root reads gunicorn.conf.py."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

# Each worker answers repeats of public pages for anonymous readers from memory (config.caching.pages).
from config.caching.pages import WorkerPageCache  # noqa: E402 - needs the settings module chosen above

application = WorkerPageCache(get_wsgi_application(), seconds=settings.PAGE_CACHE_WORKER_SECONDS)
