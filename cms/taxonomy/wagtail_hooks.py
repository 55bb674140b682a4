from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ServiceArea


class ServiceAreaViewSet(SnippetViewSet):
    """Editors keep the list under Snippets; other apps only read it."""

    model = ServiceArea
    icon = "tag"
    menu_label = "Service areas"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


register_snippet(ServiceAreaViewSet)
