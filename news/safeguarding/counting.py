"""The help messages' daily counts: impressions and clicks per message and placement, as daily totals only.
Nothing about the visitor is read or kept: no cookie, no address, no user agent."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from news.safeguarding.models import HelpMessageCount

IMPRESSIONS, CLICKS = "impressions", "clicks"


def count(*, help_message_id, placement, what):
    """Add one to today's total (``what``: impressions or clicks); the row is made by the first count of the day."""
    today = timezone.localdate()
    where = {"day": today, "help_message_id": help_message_id, "placement": placement}
    if HelpMessageCount.objects.filter(**where).update(**{what: F(what) + 1}):
        return
    try:
        with transaction.atomic():
            HelpMessageCount.objects.create(**where, **{what: 1})
    except IntegrityError:  # another request made today's row first
        HelpMessageCount.objects.filter(**where).update(**{what: F(what) + 1})
