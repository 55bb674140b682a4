"""PDFs drawn by WeasyPrint from HTML: badges, certificates, statements and letters.

Everything a PDF shows is inlined as data: addresses, so drawing one never fetches a
file or a web address (a member's photo or the organisation's logo included).
"""

import base64


def render_pdf(html: str) -> bytes:
    """The PDF of ``html``, fetching nothing from outside it."""
    # Imported late: WeasyPrint is slow to load and only these downloads need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


def logo_data_uri(organisation) -> str | None:
    """The organisation's logo as a PNG data: address, or None if it has none that works."""
    logo = getattr(organisation, "logo", None)
    if not logo:
        return None
    try:
        rendition = logo.get_rendition("max-400x160|format-png")
    except Exception:  # a missing or broken logo file must not stop the document
        return None
    try:
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    return f"data:image/png;base64,{base64.b64encode(data).decode('ascii')}"
