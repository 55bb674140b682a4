"""Writes for charter signatures. Views and admin screens call these; nothing else saves them."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.mail import send_mail

from .models import CharterPage, CharterSignature


def charter_sign(
    *,
    page: CharterPage,
    organisation_name: str,
    contact_name: str,
    contact_role: str,
    contact_email: str,
    website: str = "",
) -> tuple[CharterSignature, bool]:
    """Record an organisation's signature on ``page``'s charter, waiting for approval.

    If the same person (by email) has already signed for the same organisation, the
    existing signature is returned and nothing is created: ``(signature, False)``.
    Otherwise the new signature is returned with ``True``, and the page's notify
    address, if it has one, is told.
    """
    existing = CharterSignature.objects.filter(
        page=page,
        organisation_name__iexact=organisation_name,
        contact_email__iexact=contact_email,
    ).first()
    if existing:
        return existing, False
    signature = CharterSignature.objects.create(
        page=page,
        organisation_name=organisation_name,
        website=website,
        contact_name=contact_name,
        contact_role=contact_role,
        contact_email=contact_email,
    )
    if page.notify_email:
        _notify_new_signature(signature=signature, to=page.notify_email)
    return signature, True


def charter_signature_set_approved(
    *, signature: CharterSignature, approved: bool, by=None
) -> CharterSignature:
    """Approve a signature, so the organisation is listed on the charter page, or withdraw it.

    Records who approved it and when. Approving an approved signature keeps the first
    approval's record.
    """
    if approved and signature.approved_at is None:
        signature.approved_at = timezone.now()
        signature.approved_by = by
    elif not approved:
        signature.approved_at = None
        signature.approved_by = None
    signature.is_approved = approved
    if signature.pk is None:
        signature.save()
    else:
        signature.save(update_fields=["is_approved", "approved_at", "approved_by"])
    return signature


def _notify_new_signature(*, signature: CharterSignature, to: str) -> None:
    edit_path = reverse("wagtailsnippets_formpages_chartersignature:edit", args=[signature.pk])
    charter = signature.page.title if signature.page else "the charter"
    send_mail(
        f"{signature.organisation_name} has signed {charter}",
        (
            f"{signature.contact_name} ({signature.contact_role}) has signed {charter} "
            f"for {signature.organisation_name}.\n\n"
            "Check the signature, then approve it so the organisation is listed on the "
            f"website:\n{settings.WAGTAILADMIN_BASE_URL}{edit_path}\n"
        ),
        [to],
    )
