from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from . import services
from .models import CharterSignature


class RecordApprovalMixin:
    """Record who approved a signature and when, through the service, after each save."""

    def save_instance(self):
        instance = super().save_instance()
        return services.charter_signature_set_approved(
            signature=instance, approved=instance.is_approved, by=self.request.user
        )


class CharterSignatureCreateView(RecordApprovalMixin, CreateView):
    pass


class CharterSignatureEditView(RecordApprovalMixin, EditView):
    pass


class CharterSignatureViewSet(SnippetViewSet):
    """Signatures on the charter, waiting ones first, for editors to check and approve."""

    model = CharterSignature
    icon = "form"
    menu_label = "Charter signatures"
    menu_name = "charter-signatures"
    add_to_admin_menu = True
    menu_order = 260
    create_view_class = CharterSignatureCreateView
    edit_view_class = CharterSignatureEditView
    list_display = [
        "organisation_name",
        "contact_name",
        DateColumn("signed_at", label="Signed"),
        BooleanColumn("is_approved", label="Approved"),
    ]
    list_filter = ["is_approved"]
    search_fields = ["organisation_name", "contact_name", "contact_email"]
    search_backend_name = None
    ordering = ["is_approved", "-signed_at"]


register_snippet(CharterSignatureViewSet)
