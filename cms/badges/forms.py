from django import forms

from cms.core.forms import NHSUKForm

from .models import validate_photo


class BadgePhotoForm(NHSUKForm):
    photo = forms.FileField(
        label="Upload a photo for your badge",
        help_text="A clear photo of your face, like a passport photo. JPEG or PNG, smaller than 5 MB.",
        validators=[validate_photo],
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )


class RevokeBadgeForm(forms.Form):
    reason = forms.CharField(
        label="Why is this badge being revoked?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example 'lost', 'replaced' or 'stopped taking part'. Not shown publicly.",
    )
