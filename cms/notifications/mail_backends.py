"""An email backend for development: print each message, and keep a copy to read in the admin.

Set as ``EMAIL_BACKEND`` in ``cms/settings/dev.py``. Staff then read what the site sent
under "Sent mail (development)" in the admin, without a mail server. Production uses
SMTP and keeps no copies.
"""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

BACKEND_PATH = "cms.notifications.mail_backends.ConsoleAndRecordBackend"


def _html_body(message) -> str:
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            return str(content)
    return ""


class ConsoleAndRecordBackend(ConsoleBackend):
    """Writes each message to the console, like Django's console backend, and saves it."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        if email_messages:
            from .models import SentEmail

            SentEmail.objects.bulk_create(
                SentEmail(
                    to="\n".join([*message.to, *message.cc, *message.bcc]),
                    from_email=message.from_email or "",
                    subject=str(message.subject),
                    text_body=str(message.body),
                    html_body=_html_body(message),
                    headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
                )
                for message in email_messages
            )
        return sent
