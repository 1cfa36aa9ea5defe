"""Settings shared by every environment.

Configuration that differs between machines comes from the environment; the
defaults here are safe for a developer's laptop and are tightened in
``production``.
"""

import os
from pathlib import Path

import dj_database_url

# site/config/settings/base.py -> site/ is the shell, its parent the repository.
SITE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SITE_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_flag(name, *, default):
    """An on/off environment variable: 1/true/yes/on mean on."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    "config.caching",
    "home",
    "news",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    # Reader comments: xtd must come before django_comments (COMMENTS_APP).
    "django_comments_xtd",
    "django_comments",
    # After the library: its ready() connects a signal that news.comments' ready() disconnects.
    "news.comments",
    "news.safeguarding",
    "news.importers",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Answers anonymous readers from the cache before sessions, users or the database are touched.
    "config.caching.pages.PageCacheMiddleware",
    "config.outage.DatabaseOutageMiddleware",  # a database outage answers 503, not 500
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.security.CachedFormsCsrfMiddleware",  # Django's, without a token on anonymous comment forms
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "config.security.SitePolicyCSPMiddleware",
    # Last, as django-axes asks: locks out repeated failed admin logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",  # first, as django-axes asks (and it can restore a session user)
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
    # Markup rendered hundreds of times a page (each reader comment): Jinja2 compiles templates to Python,
    # several times faster than Django's engine. Only templates in an app's jinja2/ folder, asked for
    # with using="jinja2"; autoescaping is on.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": True},
    },
]

# Database: DATABASE_URL, e.g. postgres://user:pass@host:5432/name. Without
# it, an SQLite file next to manage.py (the embedded default for `make run`).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared between app servers), else
# per-process memory.
# Two stores. "default" keeps what can be made again (pages, rows, the structure): Redis with an eviction
# policy in production, files shared by every process of one machine otherwise (`make run`: a change made
# from the shell is seen by the server at once). "state" keeps what must never be evicted by a flood of
# pages: sessions and rate-limit counters (a Redis of its own, without eviction, or files).
CACHE_DIR = Path(os.environ.get("CACHE_DIR", BASE_DIR / "var" / "cache"))


def _redis(url):
    return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "newsroom"}


def _files(name):
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(CACHE_DIR / name),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }


CACHES = {
    "default": _redis(os.environ["REDIS_URL"]) if os.environ.get("REDIS_URL") else _files("pages"),
    "state": _redis(os.environ["STATE_REDIS_URL"]) if os.environ.get("STATE_REDIS_URL") else _files("state"),
}
if os.environ.get("STATE_REDIS_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "state"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page editor of a rich page can exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Where the admin lives (e.g. WAGTAIL_ADMIN_PATH=editorial-desk keeps it off the well-known /admin/).
WAGTAIL_ADMIN_PATH = os.environ.get("WAGTAIL_ADMIN_PATH", "admin").strip("/")
DJANGO_ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "django-admin").strip("/")

# Security headers everywhere (HSTS and secure cookies are added in production).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their own same-origin frame
VIDEO_EMBED_SOURCES = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],  # also fonts and connections: every directive not named here
        "script-src": ["'self'"],
        # Inline style attributes come with oEmbed markup and Wagtail's editor userbar; scripts never inline.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'", *VIDEO_EMBED_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Wagtail's admin still runs some inline scripts (e.g. its page editor), so its own policy allows them.
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
}

# Admin login: five failed attempts for a username from one address lock it for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "news.comments.clients.client_ip"
AXES_LOCKOUT_TEMPLATE = "account_locked.html"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Email: an SMTP server from the environment; DEFAULT_FROM_EMAIL names us.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Campaign newsroom <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# django.contrib.sites is required by the comments library.
SITE_ID = 1

# Reader comments (django-comments-xtd provides storage, threading and forms;
# every public template and endpoint is our own).
COMMENTS_APP = "django_comments_xtd"
# The library's hard cap (0-based); the site's own limit is the Comments setting (at most 10 levels).
COMMENTS_XTD_MAX_THREAD_LEVEL = 9
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_SALT = os.environ.get("COMMENTS_XTD_SALT", "newsroom-comments").encode()
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENT_MAX_LENGTH = 3000
COMMENT_MODERATORS_GROUP = "Comment moderators"
SAFEGUARDING_LEADS_GROUP = "Safeguarding leads"
COMMENTS_STAFF_NAME = os.environ.get("COMMENTS_STAFF_NAME", "The campaign team")
COMMENTS_MAIL_RETRY_SECONDS = int(os.environ.get("COMMENTS_MAIL_RETRY_SECONDS", "60"))

# Only these proxies' X-Forwarded-For is believed (comma-separated addresses or networks, e.g. 127.0.0.1).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Page cache (config.page_cache): anonymous readers' pages are kept this long unless purged first (0: off).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# ...and each app server worker answers repeats from its own memory for this long (0: off): other
# workers see a purge at most this much later (config.page_cache.WorkerPageCache).
PAGE_CACHE_WORKER_SECONDS = float(os.environ.get("PAGE_CACHE_WORKER_SECONDS", "0.5"))
# A request with any of these cookies gets a page made for it, never a cached one: the session, Django's
# flash messages and the authorship cookie of a reader's own comments (news.comments.clients). deploy/nginx
# names the same cookies.
SESSION_COOKIE_NAME = "sessionid"
PAGE_CACHE_BYPASS_COOKIES = [SESSION_COOKIE_NAME, "messages", "comment_authorship"]
# Forms that anonymous readers send from cached pages, so without a CSRF token (config.security).
ANONYMOUS_FORM_PATHS = [r"/comments/\Z"]
# Django's deployment check looks for its CSRF middleware by name; ours is a subclass of it (tested).
SILENCED_SYSTEM_CHECKS = ["security.W003"]
# Purges go through Wagtail's frontend cache: always to the Django page cache, and to nginx when
# FRONTEND_CACHE_PURGE_URL names its purge server (e.g. http://127.0.0.1:8091, see deploy/nginx). Its app
# is not installed: its own signal handlers would purge a published page alone, before the transaction
# commits; news.invalidation purges the page with its listings and feeds, and again after the commit.
WAGTAILFRONTENDCACHE = {"django": {"BACKEND": "config.caching.frontend.DjangoCacheBackend"}}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "config.caching.frontend.NginxPurgeBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }

# Background work (django-tasks). Wagtail's own tasks run at once ("default"); comment e-mail is queued
# in the database ("mail") and sent by a worker: manage.py db_worker --backend mail --queue-name mail
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["mail"]},
}

# Wagtail
WAGTAIL_SITE_NAME = "Campaign newsroom"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # SVG uploads are refused
# Documents go through Wagtail's serve view, always as downloads, with a CSP that blocks embedded content.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no e-mail hashes sent to a third party for staff avatars either
WAGTAILEMBEDS_RESPONSIVE_HTML = True
