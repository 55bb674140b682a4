from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    """Jargon buster terms, in their own menu item so editors find them quickly."""

    model = GlossaryTerm
    icon = "help"
    menu_label = "Jargon buster"
    menu_name = "jargon-buster"
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "term",
        "other_names",
        BooleanColumn("has_easy_read", label="Easy Read"),
        BooleanColumn("explain_on_pages", label="Explained on pages"),
    ]
    list_filter = ["explain_on_pages"]


register_snippet(GlossaryTermViewSet)
