import os

import pytest
from django.conf import settings


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"


def pytest_sessionstart(session):
    """Under CI the suite must run on PostgreSQL: fail, never skip, otherwise."""
    if os.environ.get("CI") and "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.exit("CI must run the suite on PostgreSQL (DATABASE_URL); refusing to run on another database.", 1)


@pytest.fixture(autouse=True)
def _empty_caches():
    """Kept pages, rows, settings and rate-limit counters never leak from one test into another."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()
