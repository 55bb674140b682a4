"""The benchmark's data set, made small: the counts asked for, in the shape the site expects."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cms.bulletins.factories import BulletinIndexPageFactory
from cms.bulletins.models import BulletinPage
from cms.claims.models import Claim
from cms.members.models import MemberProfile
from cms.opportunities.factories import OpportunitiesIndexPageFactory, ServiceAreaFactory
from cms.opportunities.models import OpportunityPage, OpportunitySession
from cms.participation.models import Attendance, Interest
from cms.subscriptions.models import Subscriber
from cms.training.factories import TrainingIndexPageFactory, TrainingModulePageFactory
from cms.training.models import TrainingCompletion


@pytest.fixture
def site_structure(home_page):
    OpportunitiesIndexPageFactory(parent=home_page)
    BulletinIndexPageFactory(parent=home_page)
    TrainingModulePageFactory(parent=TrainingIndexPageFactory(parent=home_page))
    ServiceAreaFactory.create_batch(3)


def make(**sizes):
    arguments = [f"--{name}={count}" for name, count in sizes.items()]
    call_command("make_bench_data", *arguments, stdout=StringIO())


def test_it_makes_what_it_is_asked_for_once(site_structure):
    make(members=40, opportunities=4, sessions=20, bulletins=2, subscribers=25)

    assert MemberProfile.objects.filter(user__email__startswith="bench-member-").count() == 40
    assert OpportunityPage.objects.live().filter(slug__startswith="bench-").count() == 4
    assert OpportunitySession.objects.count() == 20
    assert Interest.objects.exists() and Attendance.objects.exists()
    assert Claim.objects.count() == 40
    assert TrainingCompletion.objects.count() == 40
    assert BulletinPage.objects.filter(slug__startswith="bench-bulletin-").count() == 2
    assert Subscriber.objects.filter(email__startswith="bench-reader-").count() == 25

    with pytest.raises(CommandError, match="already here"):
        make(members=1, opportunities=1, sessions=1)


def test_it_needs_the_site_built_first(db):
    with pytest.raises(CommandError, match="load_demo_data"):
        make(members=1, opportunities=1, sessions=1)
