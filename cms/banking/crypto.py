"""Encryption at rest for bank details, with Fernet keys that can be rotated.

``BANK_DETAILS_KEY`` holds one or more Fernet keys separated by commas, newest first:
new details are encrypted with the first; any of them decrypts, so an old key can be
kept while ``manage.py rotate_bank_details_key`` re-encrypts every record with the new
one. Without the variable (development and tests) a key is derived from SECRET_KEY;
``manage.py check --deploy`` reports that as an error, so production always sets one.
"""

import base64
import hashlib
import json
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

ENV_VARIABLE = "BANK_DETAILS_KEY"


class BankDetailsKeyError(Exception):
    """The stored details cannot be decrypted with any configured key."""


def configured_keys() -> list[str]:
    """The keys from the environment, newest first; empty when none are set."""
    raw = os.environ.get(ENV_VARIABLE, "")
    return [key.strip() for key in raw.split(",") if key.strip()]


def _derived_key() -> bytes:
    # Development and tests only: a stable key that never appears in the code.
    digest = hashlib.sha256(f"involve-bank-details:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def cipher() -> MultiFernet:
    keys = configured_keys() or [_derived_key()]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(values: dict) -> str:
    """The values as a Fernet token (text), encrypted with the newest key."""
    return cipher().encrypt(json.dumps(values, sort_keys=True).encode()).decode("ascii")


def decrypt(token: str) -> dict:
    try:
        return json.loads(cipher().decrypt(token.encode("ascii")))
    except InvalidToken as error:
        raise BankDetailsKeyError(
            "Bank details could not be decrypted: is BANK_DETAILS_KEY set with the key "
            "they were saved with?"
        ) from error


def rotate(token: str) -> str:
    """The same values encrypted again with the newest key."""
    try:
        return cipher().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise BankDetailsKeyError("Bank details could not be decrypted to rotate them.") from error
