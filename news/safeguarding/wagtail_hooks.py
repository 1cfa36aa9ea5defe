"""Safeguarding's place in Wagtail: each module registers its own hooks; importing them here is what loads them."""

from news.safeguarding import search  # noqa: F401
from news.safeguarding.admin import cases, patterns, reports  # noqa: F401
