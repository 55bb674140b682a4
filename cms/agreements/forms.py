from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from cms.core.forms import NHSUKForm

from . import services
from .services import NAME_MISMATCH


class SignAgreementForm(NHSUKForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    typed_name = forms.CharField(
        label="Type your full name",
        help_text="Your first and last name, or the name you like to be called.",
        max_length=200,
        error_messages={"required": "Type your full name to sign"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    agree = forms.BooleanField(
        label="I have read this agreement and I agree to it",
        help_text="Tick this box to show you agree.",
        error_messages={"required": "Tick the box to say you agree"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_typed_name(self):
        # Checked here as well as in ``services.sign`` so every error shows at once.
        typed_name = self.cleaned_data["typed_name"]
        if services.names_on_record(self.user) and not services.name_matches(self.user, typed_name):
            raise forms.ValidationError(NAME_MISMATCH)
        return typed_name


class AgreementVersionAdminForm(WagtailAdminModelForm):
    """Keeps what people signed: a signed version's wording cannot be changed."""

    def clean(self):
        cleaned_data = super().clean()
        version = self.instance
        if version.pk and version.signatures.exists():
            for field in ("body", "document"):
                if field in self.changed_data:
                    self.add_error(
                        field,
                        "People have signed this version, so its wording cannot change. "
                        "Add a new version instead.",
                    )
        return cleaned_data
