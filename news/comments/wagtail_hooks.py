from wagtail import hooks
from wagtail.snippets.models import register_snippet

import news.comments.admin_panels  # noqa: F401  (dashboard panel, data-rights view)
from news.comments.admin_views import BULK_ACTIONS, ReaderCommentViewSet

register_snippet(ReaderCommentViewSet)

for action in BULK_ACTIONS:
    hooks.register("register_bulk_action", action)


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    for action, label, message in (
        ("comments.approve", "Approve reader comment", "Approved"),
        ("comments.unpublish", "Unpublish reader comment", "Unpublished"),
        ("comments.remove", "Remove reader comment", "Removed"),
        ("comments.delete", "Delete reader comment", "Deleted for good"),
        ("comments.resolve_reports", "Deal with reports", "Reports marked as dealt with"),
        ("comments.edit", "Edit reader comment", "Text edited by a moderator"),
        ("comments.reply", "Reply as staff", "Replied as the site's team"),
    ):
        actions.register_action(action, label, message)
