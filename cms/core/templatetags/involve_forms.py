from django import forms, template

register = template.Library()

INPUT_CLASSES = {
    forms.Textarea: "nhsuk-textarea",
    forms.Select: "nhsuk-select",
    forms.CheckboxInput: "nhsuk-checkboxes__input",
    forms.RadioSelect: "nhsuk-radios__input",
    forms.CheckboxSelectMultiple: "nhsuk-checkboxes__input",
    forms.ClearableFileInput: "nhsuk-file-upload",
    forms.FileInput: "nhsuk-file-upload",
}
ERROR_CLASSES = {
    "nhsuk-input": "nhsuk-input--error",
    "nhsuk-textarea": "nhsuk-textarea--error",
    "nhsuk-select": "nhsuk-select--error",
    "nhsuk-file-upload": "nhsuk-file-upload--error",
}


def _base_class(widget) -> str:
    for widget_class in type(widget).__mro__:
        if widget_class in INPUT_CLASSES:
            return INPUT_CLASSES[widget_class]
    return "nhsuk-input"


@register.filter
def field_kind(bound_field) -> str:
    """'choices' for radio/checkbox groups, 'checkbox' for a lone box, else 'input'."""
    widget = bound_field.field.widget
    # CheckboxSelectMultiple subclasses RadioSelect, so it is asked about first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


@register.filter
def described_by(bound_field) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.filter
def nhsuk_widget(bound_field):
    """Render the widget with the design system's classes and accessible descriptions."""
    widget = bound_field.field.widget
    css_class = _base_class(widget)
    existing = widget.attrs.get("class", "")
    if css_class not in existing.split():
        existing = f"{existing} {css_class}".strip()
    if bound_field.errors and css_class in ERROR_CLASSES:
        existing = f"{existing} {ERROR_CLASSES[css_class]}"
    attrs = {"class": existing}
    describedby = described_by(bound_field)
    if describedby and not isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        attrs["aria-describedby"] = describedby
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        # Options take their attributes from the widget itself.
        widget.attrs["class"] = existing
        return bound_field
    return bound_field.as_widget(attrs=attrs)


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_to_check):
    """The NHS.UK error summary: every error in the page's forms, each linking to its field."""
    errors = []
    for form in forms_to_check:
        if not form or not getattr(form, "errors", None):
            continue
        for error in form.non_field_errors():
            errors.append({"message": error, "href": ""})
        for bound_field in form:
            for error in bound_field.errors:
                target = bound_field.auto_id
                if field_kind(bound_field) in {"radios", "checkboxes"}:
                    target = f"{bound_field.auto_id}_0"
                errors.append({"message": error, "href": f"#{target}"})
    return {"errors": errors}
