"""A deployment check: production must have its own key for encrypted fields."""

from cryptography.fernet import Fernet
from django.core.checks import Error, Tags, register

from .crypto import ENV_VARIABLE, configured_keys


@register(Tags.security, deploy=True)
def field_encryption_key_is_set(app_configs, **kwargs):
    keys = configured_keys()
    if not keys:
        return [
            Error(
                f"{ENV_VARIABLE} is not set, so health, access needs and DBS details would be "
                "encrypted with a key derived from SECRET_KEY.",
                hint="Set it to a key from Fernet.generate_key(); see docs/privacy.md.",
                id="core.E001",
            )
        ]
    errors = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            errors.append(
                Error(
                    f"Key {position} in {ENV_VARIABLE} is not a valid Fernet key.",
                    hint="Each key is 32 url-safe base64-encoded bytes, as Fernet.generate_key() makes.",
                    id="core.E002",
                )
            )
    return errors
