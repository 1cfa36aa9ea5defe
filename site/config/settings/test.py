"""Settings for the test suite: PostgreSQL from DATABASE_URL (started by `make test`)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
# No persistent connections: the live server's threads must not hold the test database open.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
COMMENTS_MAIL_RETRY_SECONDS = 30  # tests that need a retry move its due time themselves
# Tests log in with Client.login(), which gives django-axes no request; the lockout test turns it on.
AXES_ENABLED = False
