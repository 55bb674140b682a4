"""Deployment checks: production must have its own keys for encrypted data."""

from cryptography.fernet import Fernet
from django.core.checks import Error, Tags, register

from .crypto import ENV_VARIABLE, configured_keys


def fernet_key_errors(keys, *, variable: str, protects: str, docs: str, prefix: str) -> list:
    """Errors for a missing or malformed list of Fernet ``keys`` read from ``variable``."""
    if not keys:
        return [
            Error(
                f"{variable} is not set, so {protects} would be encrypted with a key derived "
                "from SECRET_KEY.",
                hint=f"Set it to a key from Fernet.generate_key(); see {docs}.",
                id=f"{prefix}.E001",
            )
        ]
    errors = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            errors.append(
                Error(
                    f"Key {position} in {variable} is not a valid Fernet key.",
                    hint="Each key is 32 url-safe base64-encoded bytes, as Fernet.generate_key() makes.",
                    id=f"{prefix}.E002",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def field_encryption_key_is_set(app_configs, **kwargs):
    return fernet_key_errors(
        configured_keys(),
        variable=ENV_VARIABLE,
        protects="health, access needs and DBS details",
        docs="docs/privacy.md",
        prefix="core",
    )
