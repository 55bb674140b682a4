"""A deployment check: production must have its own key for bank details."""

from django.core.checks import Tags, register

from cms.core.checks import fernet_key_errors

from .crypto import ENV_VARIABLE, configured_keys


@register(Tags.security, deploy=True)
def bank_details_key_is_set(app_configs, **kwargs):
    return fernet_key_errors(
        configured_keys(),
        variable=ENV_VARIABLE,
        protects="bank details",
        docs="docs/deploy.md",
        prefix="banking",
    )
