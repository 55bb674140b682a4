"""Training certificates as PDFs, drawn by WeasyPrint from a template."""

from django.template.loader import render_to_string
from django.utils.text import slugify

from cms.core.pdf import render_pdf

from .models import TrainingCompletion


def certificate_filename(completion: TrainingCompletion) -> str:
    return (
        f"certificate-{slugify(completion.module.title)}-{completion.completed_on.isoformat()}.pdf"
    )


def certificate_html(completion: TrainingCompletion, *, organisation) -> str:
    """The certificate: organisation, person, module, date, how, and when to renew."""
    user = completion.user
    context = {
        "completion": completion,
        "organisation_name": getattr(organisation, "organisation_name", "") or "Involve",
        "name": user.get_full_name() or user.display_name,
        "module_title": completion.module.title,
    }
    return render_to_string("training/pdf/certificate.html", context)


def render_certificate_pdf(completion: TrainingCompletion, *, organisation) -> bytes:
    """The PDF of :func:`certificate_html`."""
    return render_pdf(certificate_html(completion, organisation=organisation))
