from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_lockouts import CLEAR_ACTION, LockoutViewSet
from home.models import HelpMessage, SiteSettings
from home.selectors import load_site_settings


class HelpMessageViewSet(SnippetViewSet):
    """Editors manage help messages under Snippets."""

    model = HelpMessage
    icon = "help"
    menu_label = "Help messages"
    list_display = ["name", "heading", "phone_number", "link_url"]
    search_fields = ["name", "message"]


register_snippet(HelpMessageViewSet)


@hooks.register("before_serve_page")
def load_settings_before_serving(page, request, serve_args, serve_kwargs):
    """Every page shows the site-wide settings (footer, help message): this worker's copy, no query."""
    load_site_settings(SiteSettings, request=request)


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return LockoutViewSet()


@hooks.register("register_log_actions")
def register_lockout_log_actions(actions):
    actions.register_action(CLEAR_ACTION, "Clear login lock-out", "Login lock-out cleared")
