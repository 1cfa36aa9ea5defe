from wagtail import hooks
from wagtail.snippets.models import register_snippet

from home.selectors import load_site_settings
from news.comments.admin import panels as admin_panels
from news.comments.admin.page_listing import commentable_page_viewsets
from news.comments.admin.queue import BULK_ACTIONS, ReaderCommentViewSet
from news.comments.admin.standing import CommenterStandingViewSet
from news.comments.models import CommentSettings
from news.comments.routes import CommentablePageMixin

register_snippet(ReaderCommentViewSet)
hooks.register("register_admin_viewset", lambda: CommenterStandingViewSet("commenters_standing"))
hooks.register("construct_homepage_panels", admin_panels.add_dashboard_panel)
hooks.register("register_admin_urls", admin_panels.register_commenters_data_url)
hooks.register("register_settings_menu_item", admin_panels.register_commenters_data_menu_item)

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
        ("comments.spam", "Mark reader comment as spam", "Marked as spam"),
        ("comments.feature", "Feature reader comment", "Featured"),
        ("comments.unfeature", "Stop featuring reader comment", "No longer featured"),
        ("comments.standing", "Set a commenter's standing", "Commenter's standing changed"),
        ("comments.block_domain", "Block an e-mail domain", "E-mail domain blocked"),
        ("comments.return_from_safeguarding", "Return from safeguarding", "Returned to moderation by a lead"),
    ):
        actions.register_action(action, label, message)


@hooks.register("before_serve_page")
def load_comment_settings_before_serving(page, request, serve_args, serve_kwargs):
    """A commentable page and its routes read the comment settings: this worker's copy, no query."""
    if isinstance(page, CommentablePageMixin):
        load_site_settings(CommentSettings, request=request)


@hooks.register("register_admin_viewset")
def register_commentable_page_viewsets():
    """The explorer lists commentable pages with their comment counts (news.comments.admin.page_listing)."""
    return commentable_page_viewsets()
