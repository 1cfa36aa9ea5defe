from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import HelpMessage


class HelpMessageViewSet(SnippetViewSet):
    """Editors manage help messages under Snippets."""

    model = HelpMessage
    icon = "help"
    menu_label = "Help messages"
    list_display = ["name", "heading", "phone_number", "link_url"]
    search_fields = ["name", "message"]


register_snippet(HelpMessageViewSet)
