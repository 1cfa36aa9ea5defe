"""gunicorn configuration: `gunicorn` from the repository root serves the site.

The project shell lives in site/ (package `config`), so it is put on the path here.
"""

import os

pythonpath = "site"
wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# GUNICORN_ACCESSLOG: a file, "-" for stdout (the default), or empty for none (benchmarks).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
