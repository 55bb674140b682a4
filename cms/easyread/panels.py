"""The "Writing help" panel in the page editor: reading age, longest sentences, jargon.

The panel is filled in on the server when the editor opens (so it works without
JavaScript), then ``writing-help.js`` sends the form's words to ``writing_help`` as the
editor types and shows the new figures.
"""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.panels import Panel

from . import services
from .text import page_text


class WritingHelpPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Writing help")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "writing-help"

    class BoundPanel(Panel.BoundPanel):
        template_name = "easyread/admin/writing_help_panel.html"

        class Media:
            js = ["involve/js/writing-help.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            text = page_text(self.instance) if getattr(self.instance, "title", "") else ""
            context["help"] = services.writing_help(text=text)
            context["target"] = settings.READING_AGE_TARGET
            context["endpoint"] = reverse("easyread_writing_help")
            return context
