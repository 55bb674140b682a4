"""Private storage for member uploads: never under MEDIA_ROOT, never given a public URL.

Files here are served only by views that check who is asking. The location is read
from ``PRIVATE_MEDIA_ROOT`` each time, so tests can point it at a temporary folder.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public address; serve them through a view.")

    def deconstruct(self):
        return ("cms.badges.storage.PrivateStorage", (), {})


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage for private member files (a callable, so migrations stay stable)."""
    return _private_storage
