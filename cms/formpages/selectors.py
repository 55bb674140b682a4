"""Reads for charter signatures."""

from django.db.models import QuerySet
from django.db.models.functions import Lower

from .models import CharterPage, CharterSignature


def charter_signatories(*, page: CharterPage) -> QuerySet[CharterSignature]:
    """The approved signatures on ``page``'s charter, by organisation name.

    Only the public fields are loaded: never the contact details.
    """
    return (
        CharterSignature.objects.filter(page=page, is_approved=True)
        .only("pk", "organisation_name", "website")
        .order_by(Lower("organisation_name"))
    )
