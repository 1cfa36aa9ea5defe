"""Production settings: everything secret or host-specific comes from the environment.

Refuses to start without SECRET_KEY. Behind a TLS-terminating proxy set
SECURE_PROXY_SSL_HEADER_NAME (e.g. HTTP_X_FORWARDED_PROTO).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_flag

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")  # noqa: F405
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

if not os.environ.get("ALLOWED_HOSTS"):  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")

# Without Redis, the app server's workers share a cache on disk, so a purge made by one reaches them all
# (each worker's own memory would keep serving pages another worker purged). Several machines need Redis.
if os.environ.get("REDIS_URL") and not os.environ.get("STATE_REDIS_URL"):  # noqa: F405
    raise ImproperlyConfigured(
        "With REDIS_URL set, set STATE_REDIS_URL too: sessions and rate limits need a Redis that never evicts."
    )

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

if os.environ.get("SECURE_PROXY_SSL_HEADER_NAME"):  # noqa: F405
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER_NAME"], "https")  # noqa: F405

SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=True)
# Secure-only cookies; SECURE_COOKIES=0 only for a plain-HTTP stack on loopback (make stack).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_flag("SECURE_COOKIES", default=True)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", default=True)
