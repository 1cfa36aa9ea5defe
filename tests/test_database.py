import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_postgresql_when_started_by_make_test():
    """`make test` sets DATABASE_URL to a throwaway PostgreSQL server; CI must never fall back to SQLite."""
    if os.environ.get("DATABASE_URL") or os.environ.get("CI"):
        assert connection.vendor == "postgresql"
