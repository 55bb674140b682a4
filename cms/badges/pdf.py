"""Badges and parking permits as PDFs, drawn by WeasyPrint from a template."""

import base64

from django.template.loader import render_to_string

from cms.core.pdf import logo_data_uri, render_pdf

from .models import Badge, BadgeKind, photo_content_type

TEMPLATES = {
    BadgeKind.PHOTO_ID: "badges/pdf/photo_id.html",
    BadgeKind.PARKING: "badges/pdf/parking.html",
}


def _data_uri(file) -> str | None:
    try:
        with file.open("rb") as handle:
            content_type = photo_content_type(handle)
            data = handle.read()
    except (OSError, ValueError):
        return None
    if not content_type:
        return None
    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"


def badge_filename(badge: Badge) -> str:
    kind = "parking-permit" if badge.kind == BadgeKind.PARKING else "photo-id-badge"
    return f"{kind}-{badge.code}.pdf"


def badge_html(badge: Badge, *, organisation) -> str:
    """The badge as HTML: organisation, name, roles, photo, expiry, code and check address."""
    member = badge.member
    user = member.user
    roles = [role.name for role in member.roles.all()] or ["Expert by experience"]
    context = {
        "badge": badge,
        "organisation_name": getattr(organisation, "organisation_name", "") or "Involve",
        "logo_uri": logo_data_uri(organisation),
        "name": user.get_full_name() or user.display_name,
        "roles": roles,
        "photo_uri": _data_uri(badge.photo) if badge.photo else None,
    }
    return render_to_string(TEMPLATES[badge.kind], context)


def render_badge_pdf(badge: Badge, *, organisation) -> bytes:
    """The PDF for ``badge``, drawn from :func:`badge_html`."""
    return render_pdf(badge_html(badge, organisation=organisation))
