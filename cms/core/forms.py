"""NHS.UK frontend markup for every public form.

wagtail-nhsuk-frontend's renderer styles the widgets; our field template adds
what its own template leaves out: fieldsets and legends for groups of radios and
checkboxes, hints and errors tied to the input with ``aria-describedby``, and the
"Error:" prefix screen readers need. The renderer is set per form (not as
``FORM_RENDERER``) so the Wagtail admin's own forms keep their own markup.
"""

from django import forms
from django.conf import settings
from django.utils.functional import cached_property
from wagtailnhsukfrontend.forms.renderers import ROOT_DIR, NHSUKFrontendRenderer


class InvolveFormRenderer(NHSUKFrontendRenderer):
    form_template_name = "forms/involve_form.html"
    field_template_name = "forms/involve_field.html"

    @cached_property
    def engine(self):
        import django

        return self.backend(
            {
                "APP_DIRS": False,
                "DIRS": [
                    settings.BASE_DIR / "templates",
                    ROOT_DIR + "/templates",
                    django.__path__[0] + "/forms/templates",
                ],
                "NAME": "involveforms",
                "OPTIONS": {"libraries": {"involve_forms": "cms.core.templatetags.involve_forms"}},
            }
        )


renderer = InvolveFormRenderer()


class NHSUKFormMixin:
    """Mix into a form to render it with NHS.UK frontend markup."""

    default_renderer = renderer


class NHSUKForm(NHSUKFormMixin, forms.Form):
    pass


DATE_FORMATS = ["%d %m %Y", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]


class PlainDateField(forms.DateField):
    """A date typed as day, month and year ("27 3 2027" or "27/03/2027"), no picker needed."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"})
    default_error_messages = {
        "invalid": "Enter a real date, with the day, month and year, like 27 3 2027",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = " ".join(value.replace(",", " ").split())
        return super().to_python(value)

    def prepare_value(self, value):
        if hasattr(value, "strftime"):
            return f"{value.day} {value.month} {value.year}"
        return value


# The largest id any of our tables can hold (a 64-bit signed integer).
LARGEST_ID = 2**63 - 1


class PageChoiceField(forms.ModelChoiceField):
    """A choice of page by id that answers "not one of the choices" for an id no table can
    hold. A page type's id is a link to Wagtail's page table, and Django does not range-check
    lookups through a link as it does plain integers: SQLite raised OverflowError."""

    def to_python(self, value):
        text = str(value).strip() if value not in self.empty_values else ""
        if text.lstrip("-").isdigit() and abs(int(text)) > LARGEST_ID:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)
