"""The public ends of the help messages' counts: an impression beacon and a counting redirect to the help.

Both answer the same for everyone and keep nothing about who asked (no cookie is set or read; Django's
session and CSRF middleware never touch them). Pages are served from caches, so impressions are counted by
the beacon the message's markup loads, not when the page is rendered.
"""

import base64

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from home.models import HelpMessage
from news.safeguarding import counting
from news.safeguarding.models import HelpMessageCount

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")  # a transparent 1×1 GIF
PLACEMENTS = set(HelpMessageCount.Placement.values)


def _message_in(pk, placement):
    if placement not in PLACEMENTS or len(str(pk)) > 18:
        raise Http404("No such help message.")
    return get_object_or_404(HelpMessage, pk=pk)


@require_GET
def seen(request, pk, placement):
    """One impression of a help message in a placement."""
    message = _message_in(pk, placement)
    counting.count(help_message_id=message.pk, placement=placement, what=counting.IMPRESSIONS)
    response = HttpResponse(PIXEL, content_type="image/gif")
    add_never_cache_headers(response)
    return response


@require_GET
def follow(request, pk, placement):
    """One click on a help message's link, then on to the help (its own stored address only)."""
    message = _message_in(pk, placement)
    if not message.link_url:
        raise Http404("This help message has no link.")
    counting.count(help_message_id=message.pk, placement=placement, what=counting.CLICKS)
    response = HttpResponseRedirect(message.link_url)
    add_never_cache_headers(response)
    return response
