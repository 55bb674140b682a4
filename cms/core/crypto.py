"""Encryption at rest for sensitive text fields (health and access needs, DBS numbers).

``EncryptedTextField`` stores a Fernet token and hands back the plain text, so forms,
admin views, the data export and the deletion walk see ordinary strings while the
database column (and every backup of it) holds only ciphertext. An empty value stays
empty, so "has this person said anything?" can still be asked of the database.

``FIELD_ENCRYPTION_KEY`` holds one or more Fernet keys separated by commas, newest
first: new values are encrypted with the first, any of them decrypts, so an old key can
be kept while ``manage.py rotate_field_encryption_key`` re-encrypts every value with the
new one. Without the variable (development and tests) a key is derived from SECRET_KEY,
as bank details do; ``manage.py check --deploy`` reports that as an error, so
production always sets one. Bank details keep their own key (``cms.banking.crypto``):
finance staff's reveal is a separate permission from a coordinator's view.
"""

import base64
import functools
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.apps import apps
from django.conf import settings
from django.core import validators
from django.db import models

ENV_VARIABLE = "FIELD_ENCRYPTION_KEY"


class FieldKeyError(Exception):
    """A stored value cannot be decrypted with any configured key."""


def configured_keys() -> list[str]:
    """The keys from the environment, newest first; empty when none are set."""
    raw = os.environ.get(ENV_VARIABLE, "")
    return [key.strip() for key in raw.split(",") if key.strip()]


@functools.lru_cache(maxsize=8)
def _cipher_for(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    if not keys:
        # Development and tests only: a stable key that never appears in the code.
        digest = hashlib.sha256(f"involve-field-encryption:{secret_key}".encode()).digest()
        keys = (base64.urlsafe_b64encode(digest).decode("ascii"),)
    return MultiFernet([Fernet(key) for key in keys])


def cipher() -> MultiFernet:
    return _cipher_for(tuple(configured_keys()), settings.SECRET_KEY)


def encrypt_text(value: str) -> str:
    """``value`` as a Fernet token under the newest key; empty stays empty."""
    if not value:
        return ""
    return cipher().encrypt(value.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    if not token:
        return ""
    try:
        return cipher().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as error:
        raise FieldKeyError(
            f"An encrypted field could not be decrypted: is {ENV_VARIABLE} set with the key "
            "it was saved with?"
        ) from error


def is_encrypted(value: str) -> bool:
    """True if ``value`` is a token one of the configured keys decrypts."""
    if not value:
        return False
    try:
        decrypt_text(value)
    except FieldKeyError:
        return False
    return True


def rotate_text(token: str) -> str:
    """The same value encrypted again with the newest key."""
    if not token:
        return ""
    try:
        return cipher().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError) as error:
        raise FieldKeyError("An encrypted field could not be decrypted to rotate it.") from error


class EncryptedTextField(models.TextField):
    """Text stored encrypted; reads give the plain text. It cannot be searched or ordered
    by in the database, so use it only for fields nobody filters on."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt_text(value)


class EncryptedCharField(EncryptedTextField):
    """A short encrypted value edited in a one-line box, such as a certificate number.

    ``max_length`` limits the plain text; the column is text because a token is longer.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs):
        defaults = {"form_class": forms.CharField, "max_length": self.max_length}
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


def encrypted_fields() -> list[tuple[type[models.Model], EncryptedTextField]]:
    """Every encrypted field of every installed model."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                found.append((model, field))
    return found


def _raw_rows(model, field, connection):
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(field.column)
    pk = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
        return cursor.fetchall(), table, column, pk


def transform_column(model, field_name: str, connection, transform) -> int:
    """Rewrite one column's non-empty raw values through ``transform`` (which returns the
    new value, or None to leave a row alone); returns how many rows changed. Works on raw
    SQL so it serves migrations, where the column may still hold plain text."""
    field = model._meta.get_field(field_name)
    rows, table, column, pk = _raw_rows(model, field, connection)
    changed = 0
    with connection.cursor() as cursor:
        for row_pk, raw in rows:
            if raw is None:
                continue
            new = transform(raw)
            if new is None or new == raw:
                continue
            cursor.execute(
                f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                [new, row_pk],
            )
            changed += 1
    return changed


def encrypt_plain(raw: str) -> str | None:
    """For the data migration: encrypt a plain value, leave a token alone (so it is
    safe to run twice)."""
    return None if is_encrypted(raw) else encrypt_text(raw)


def decrypt_token(raw: str) -> str | None:
    """For reversing the data migration: a token back to plain text."""
    return decrypt_text(raw) if is_encrypted(raw) else None


def migration_operations(app_label: str, fields: dict[str, list[str]]):
    """RunPython functions that encrypt (forwards) and decrypt (backwards) ``fields``,
    a mapping of model name to field names, in ``app_label``."""

    def run(transform):
        def operation(migration_apps, schema_editor):
            for model_name, names in fields.items():
                model = migration_apps.get_model(app_label, model_name)
                for name in names:
                    transform_column(model, name, schema_editor.connection, transform)

        return operation

    return run(encrypt_plain), run(decrypt_token)


def rotate_all_fields() -> int:
    """Re-encrypt every encrypted value with the newest key; returns how many values.

    Safe to run twice: a value already under the newest key is simply encrypted again.
    """
    from django.db import connections, router

    total = 0
    for model, field in encrypted_fields():
        connection = connections[router.db_for_write(model)]
        total += transform_column(model, field.name, connection, rotate_text)
    return total
