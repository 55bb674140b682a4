import datetime as dt

import pytest
from django.utils import timezone

from cms.agreements.models import AgreementDocument, AgreementKind, AgreementVersion
from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory


@pytest.fixture
def code_of_conduct(db):
    document = AgreementDocument.objects.create(
        kind=AgreementKind.CODE_OF_CONDUCT, title="Code of conduct"
    )
    AgreementVersion.objects.create(
        document=document,
        body="<p>Treat everyone with respect.</p>",
        published_at=timezone.now() - dt.timedelta(days=10),
    )
    return document


@pytest.fixture
def confidentiality(db):
    document = AgreementDocument.objects.create(
        kind=AgreementKind.CONFIDENTIALITY, title="Confidentiality agreement"
    )
    AgreementVersion.objects.create(
        document=document,
        body="<p>Keep people's information safe.</p>",
        published_at=timezone.now() - dt.timedelta(days=10),
    )
    return document


@pytest.fixture
def active_member(db):
    user = UserFactory(
        email="ada@example.org", first_name="Ada", last_name="Lovelace", preferred_name="Addy"
    )
    return ActiveMemberFactory(user=user)
