"""Settings for a developer's machine (`make run`)."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = os.environ.get(  # noqa: F405
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

# No worker needed on a laptop: comment e-mail is "sent" (printed) at once.
TASKS = {**TASKS, "mail": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["mail"]}}  # noqa: F405

# Links to the admin in mail: the address `make run` serves on (`PORT`, default 8000) unless set explicitly.
# Public links come from the Wagtail Site, which `make run` points at the same address (set_site_address).
DEV_SERVER_ADDRESS = f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"  # noqa: F405
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or DEV_SERVER_ADDRESS  # noqa: F405
