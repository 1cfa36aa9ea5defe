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
# The path without its query string, and no referrer or user agent: a search for abuse material must not be
# kept with the address that asked (news.safeguarding: deterrent searches are recorded nowhere).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
