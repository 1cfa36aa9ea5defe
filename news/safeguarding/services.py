"""Writes of safeguarding cases: opened by the comment services, handled by the leads, erased after retention."""

from django.db import transaction
from django.utils import timezone

from news.safeguarding import selectors
from news.safeguarding.models import CaseAction, SafeguardingCase

Action = CaseAction.Action
Status = SafeguardingCase.Status


class CaseClosed(Exception):
    """An action that needs an open case was asked of a closed one."""


def open_case(*, comment, page, finding, text, name, email, ip_address=None, reply_to=0, from_edit=False):
    """Keep a comment's text and writer in a case that only the leads read; the comment row keeps neither."""
    return SafeguardingCase.objects.create(
        comment=comment,
        page=page,
        category=finding.category,
        why=f"{finding.label}: “{finding.matched}”"[:300] if finding.label else f"“{finding.matched}”"[:300],
        text=text,
        writer_name=name[:50],
        writer_email=email,
        ip_address=ip_address,
        reply_to=reply_to or 0,
        from_edit=from_edit,
    )


def record_action(*, case, action, user, note=""):
    """One thing a lead did, with their note and the time; closing actions close the case."""
    if case.status != Status.OPEN:
        raise CaseClosed("This case is closed; reopen it first.")
    with transaction.atomic():
        entry = CaseAction.objects.create(case=case, action=action, note=note, user=user)
        if action == Action.CLOSED:
            case.status, case.closed_at = Status.CLOSED, timezone.now()
            case.save(update_fields=["status", "closed_at"])
    return entry


def reopen_case(*, case, user, note=""):
    if case.status != Status.CLOSED:
        raise CaseClosed("Only a closed case that is not yet erased can be reopened.")
    with transaction.atomic():
        case.status, case.closed_at = Status.OPEN, None
        case.save(update_fields=["status", "closed_at"])
        return CaseAction.objects.create(case=case, action=Action.REOPENED, note=note, user=user)


def close_as_returned(*, case, user, note=""):
    """Not a safeguarding matter: the discussion has taken the comment back (news.comments.services
    ``return_from_safeguarding``); the case records it and closes (and is later erased like any other)."""
    if case.status != Status.OPEN:
        raise CaseClosed("This case is closed; reopen it first.")
    CaseAction.objects.create(case=case, action=Action.RETURNED, note=note, user=user)
    case.status, case.closed_at = Status.CLOSED, timezone.now()
    case.save(update_fields=["status", "closed_at"])
    CaseAction.objects.create(case=case, action=Action.CLOSED, user=user)


def erase_expired_cases(*, now=None):
    """Erase closed cases past their retention: the text, the writer, the matched words and the notes go; what
    stays is the category, the dates and what was done, by whom. (The comment's own row never held any of it.)"""
    now = now or timezone.now()
    erased = 0
    for case in selectors.cases_due_for_erasure(now=now):
        with transaction.atomic():
            case.actions.update(note="")
            SafeguardingCase.objects.filter(pk=case.pk).update(
                text="",
                writer_name="",
                writer_email="",
                ip_address=None,
                why="",
                status=Status.ERASED,
                erased_at=now,
            )
            CaseAction.objects.create(case=case, action=Action.ERASED)
        erased += 1
    return erased
