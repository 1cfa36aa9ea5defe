"""Reads: the campaign's patterns (made from the shipped defaults the first time), help messages, cases."""

import datetime

from django.utils import timezone

from news.safeguarding.categories import PERSONAL_DETAILS
from news.safeguarding.defaults import PATTERNS
from news.safeguarding.models import RULE_CHOICES, SafeguardingCase, SafeguardingRule, SafeguardingSettings


def rules():
    """Every category's rule row, in one query; a missing row is made with the shipped patterns."""
    found = {rule.category: rule for rule in SafeguardingRule.objects.select_related("help_message")}
    for category, _label in RULE_CHOICES:
        if category not in found:
            found[category], _ = SafeguardingRule.objects.get_or_create(
                category=category, defaults={"patterns": PATTERNS[category].strip()}
            )
    return found


def patterns_by_category():
    """{category: patterns text} for ``checks.find_category`` (personal details included)."""
    return {category: rule.patterns for category, rule in rules().items()}


def personal_details_patterns():
    return rules()[PERSONAL_DETAILS].patterns


def help_message_for(category):
    """The help message the campaign chose for a category's writers, or None."""
    rule = rules().get(category)
    return rule.help_message if rule else None


def search_settings():
    return SafeguardingSettings.load()


def cases_due_for_erasure(*, now=None):
    """Closed cases whose retention period has passed."""
    days = SafeguardingSettings.load().retention_days
    before = (now or timezone.now()) - datetime.timedelta(days=days)
    return SafeguardingCase.objects.filter(status=SafeguardingCase.Status.CLOSED, closed_at__lte=before)


def case_of(*, comment):
    return SafeguardingCase.objects.filter(comment=comment).first()
