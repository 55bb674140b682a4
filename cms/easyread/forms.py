from django import forms

from cms.core.forms import NHSUKForm

from .display import DisplaySettings

TEXT_CHOICES = [("standard", "Standard text"), ("large", "Large text")]
CONTRAST_CHOICES = [("standard", "Standard colours"), ("high", "High contrast")]


class DisplaySettingsForm(NHSUKForm):
    text_size = forms.ChoiceField(
        label="Text size",
        choices=TEXT_CHOICES,
        widget=forms.RadioSelect,
        help_text="Large text makes all the words on every page bigger.",
        error_messages={"required": "Choose standard text or large text"},
    )
    contrast = forms.ChoiceField(
        label="Colours",
        choices=CONTRAST_CHOICES,
        widget=forms.RadioSelect,
        help_text="High contrast shows pages in black, white and yellow, with thicker outlines.",
        error_messages={"required": "Choose standard colours or high contrast"},
    )

    @classmethod
    def initial_for(cls, current: DisplaySettings) -> dict:
        return {
            "text_size": "large" if current.large_text else "standard",
            "contrast": "high" if current.high_contrast else "standard",
        }

    def chosen(self) -> DisplaySettings:
        return DisplaySettings(
            large_text=self.cleaned_data["text_size"] == "large",
            high_contrast=self.cleaned_data["contrast"] == "high",
        )
