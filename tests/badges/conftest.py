import io

import pytest
from PIL import Image

from cms.members.factories import ActiveMemberFactory, MemberProfileFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def active_profile(member):
    return ActiveMemberFactory(user=member)


@pytest.fixture
def applicant_profile(member):
    return MemberProfileFactory(user=member)


def png_bytes(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 94, 184)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def png():
    return png_bytes()
