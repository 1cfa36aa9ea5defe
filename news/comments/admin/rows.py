"""How a comment shows on the moderator's desk: its state and reasons in words, and what can be done with it."""

from wagtail.models import Page

from news.comments import queries
from news.comments.models import CommentModeration

Decision = CommentModeration.Decision


def status_label(comment):
    """The comment's state as moderators name it, from its stored decision."""
    record = getattr(comment, "moderation", None)
    decision = record.decision if record else None
    if decision == Decision.SPAM:
        return "Spam"
    if decision == Decision.SAFEGUARDING:
        return "Held for safeguarding"
    if comment.is_removed:
        return "Removed"
    if comment.is_public:
        return "Published, featured" if record and record.is_featured else "Published"
    if record is None:
        return "Awaiting moderation"
    if decision == Decision.HELD and record.held_by not in ("", CommentModeration.HeldBy.NEW_COMMENTER):
        return f"Held: {record.get_held_by_display().lower()}"
    return "Awaiting moderation" if decision == Decision.HELD else record.get_decision_display()


def reason_label(comment):
    record = getattr(comment, "moderation", None)
    return record.reason if record else ""


def reports_label(comment):
    """Open reports by reason with their counts, e.g. "Spam ×2, Abusive or harmful ×1"."""
    return ", ".join(f"{reason} ×{count}" for reason, count in getattr(comment, "report_reasons", ()))


class ExportRows:
    """The filtered queue for an export, read in batches with each batch's pages and reports in two queries."""

    BATCH = 500

    def __init__(self, queryset):
        self.queryset = queryset
        self.model = queryset.model

    def __iter__(self):
        batch = []
        for comment in self.queryset.iterator(chunk_size=self.BATCH):
            batch.append(comment)
            if len(batch) == self.BATCH:
                yield from with_pages_and_reports(batch)
                batch = []
        yield from with_pages_and_reports(batch)


def with_pages_and_reports(comments):
    """The comments, each with its page (``commented_page``) and open reports by reason (``report_reasons``)."""
    if not comments:
        return comments
    page_ids = {int(c.object_pk) for c in comments if c.object_pk.isdigit()}
    pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
    reasons = queries.open_report_reasons(comment_ids=[c.pk for c in comments])
    for comment in comments:
        comment.commented_page = pages.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
        comment.report_reasons = reasons.get(comment.pk, ())
    return comments


def actions_for(comment):
    """The actions that make sense for a comment in its state: (bulk action type, label, icon)."""
    record = getattr(comment, "moderation", None)
    if record is not None and record.decision == Decision.SAFEGUARDING:
        return []  # the safeguarding leads decide, on the case (news.safeguarding); the row holds no text
    published = comment.is_public and not comment.is_removed
    actions = []
    if not published:
        actions.append(("approve", "Approve", "check"))
    if published:
        featured = record is not None and record.is_featured
        actions.append(("unfeature", "Stop featuring", "pick") if featured else ("feature", "Feature", "pick"))
        actions.append(("unpublish", "Unpublish", "cross"))
    if not comment.is_removed:
        actions.append(("remove", "Remove", "minus"))
    if record is None or record.decision != Decision.SPAM:
        actions.append(("spam", "Mark as spam", "warning"))
    if getattr(comment, "open_reports", 0):
        actions.append(("resolve-reports", "Mark reports as dealt with", "tick-inverse"))
    actions.append(("hard-delete", "Delete", "bin"))
    return actions
