"""The discussion's side of a safeguarding case: a lead finds it was not a safeguarding matter and returns the
comment, with its text and writer, to the moderators' queue. For the safeguarding leads only."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied

from news.comments import services
from news.safeguarding.admin.forms import NoteForm
from news.safeguarding.admin.permissions import is_safeguarding_lead
from news.safeguarding.models import SafeguardingCase


@require_POST
def return_from_safeguarding(request, case_pk):
    if not is_safeguarding_lead(request.user):
        return permission_denied(request)
    case = get_object_or_404(SafeguardingCase, pk=case_pk, status=SafeguardingCase.Status.OPEN, comment__isnull=False)
    form = NoteForm(request.POST)
    services.return_from_safeguarding(
        case=case, user=request.user, note=form.cleaned_data["note"] if form.is_valid() else ""
    )
    messages.success(request, "The comment is back in the moderators' queue with its text, and the case is closed.")
    return redirect("safeguarding_cases:case", case.pk)
