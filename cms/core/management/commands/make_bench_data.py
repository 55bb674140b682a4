"""Fill a database with a national programme's worth of records, for ``make bench``.

Run it after ``load_demo_data`` (which builds the site's pages and demo people): it adds
``--members`` active members, ``--opportunities`` opportunity pages with ``--sessions``
sessions between them (half past, half to come), and in proportion interests, attendance,
claims, training completions, bulletin issues and subscribers. Rows are written in bulk;
pages one at a time, because Wagtail's page tree cannot be bulk-inserted.

Every record is marked (``bench-`` emails, "Bench" titles) so a second run adds nothing:
it stops with a message if bench data is already there.
"""

import datetime as dt
import itertools
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.rich_text import RichText

from cms.bulletins.factories import BulletinPageFactory, confirmed_subscribers
from cms.bulletins.models import BulletinIndexPage
from cms.claims.models import Claim, ClaimStatus
from cms.members.choices import Status
from cms.members.models import MemberProfile
from cms.opportunities.factories import OpportunityPageFactory
from cms.opportunities.models import (
    InvolvementLevel,
    InvolvementType,
    OpportunitiesIndexPage,
    OpportunitySession,
    PaymentType,
)
from cms.participation.models import Attendance, Interest, InterestStatus
from cms.taxonomy.models import ServiceArea
from cms.training.models import CompletionMethod, TrainingCompletion, TrainingModulePage

BATCH = 2000
EMAIL_PREFIX = "bench-member-"
TOPICS = [
    "home care",
    "dementia support",
    "carers' breaks",
    "drug and alcohol recovery",
    "mental health crisis care",
    "learning disability day services",
    "hospital discharge",
    "housing support",
]


class Command(BaseCommand):
    help = "Add a large, realistic data set for benchmarks (run after load_demo_data)."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=20_000)
        parser.add_argument("--opportunities", type=int, default=2_000)
        parser.add_argument("--sessions", type=int, default=50_000)
        parser.add_argument("--bulletins", type=int, default=48)
        parser.add_argument("--subscribers", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, members, opportunities, sessions, bulletins, subscribers, seed, **_):
        if get_user_model().objects.filter(email__startswith=EMAIL_PREFIX).exists():
            raise CommandError("Bench data is already here: start from a fresh database.")
        index = OpportunitiesIndexPage.objects.first()
        if index is None:
            raise CommandError("No opportunities page: run load_demo_data first.")
        self.random = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
        self.now = timezone.now()
        self.areas = list(ServiceArea.objects.all())
        if not self.areas:
            raise CommandError("No service areas: run load_demo_data first.")

        profile_ids = self.make_members(members)
        self.stdout.write(f"{len(profile_ids)} members")
        pages = self.make_opportunities(index, opportunities)
        self.stdout.write(f"{len(pages)} opportunities")
        session_rows = self.make_sessions(pages, sessions)
        self.stdout.write(f"{len(session_rows)} sessions")
        attended = self.make_interest_and_attendance(profile_ids, pages, session_rows)
        self.stdout.write(f"{attended} attendances")
        self.stdout.write(f"{self.make_claims(profile_ids)} claims")
        self.stdout.write(f"{self.make_training(profile_ids)} training completions")
        self.stdout.write(f"{self.make_bulletins(bulletins, subscribers)} bulletin issues")

    @transaction.atomic
    def make_members(self, count):
        User = get_user_model()
        # One hash for all: hashing 20,000 passwords would take longer than everything else.
        password = make_password("bench-password-not-for-production")
        users = [
            User(
                email=f"{EMAIL_PREFIX}{number}@example.org",
                first_name=f"Bench{number}",
                last_name="Member",
                password=password,
            )
            for number in range(count)
        ]
        User.objects.bulk_create(users, batch_size=BATCH)
        user_ids = User.objects.filter(email__startswith=EMAIL_PREFIX).values_list("pk", flat=True)
        years_ago = [
            self.now - dt.timedelta(days=self.random.randint(30, 5 * 365)) for _ in user_ids
        ]
        MemberProfile.objects.bulk_create(
            [
                MemberProfile(
                    user_id=user_id,
                    status=Status.ACTIVE,
                    status_changed_at=joined,
                    submitted_at=joined - dt.timedelta(days=30),
                    agreed_to_privacy_notice=True,
                    contact_methods=["email"],
                )
                for user_id, joined in zip(user_ids, years_ago, strict=True)
            ],
            batch_size=BATCH,
        )
        profile_ids = list(
            MemberProfile.objects.filter(user__email__startswith=EMAIL_PREFIX).values_list(
                "pk", flat=True
            )
        )
        through = MemberProfile.expertise.through
        through.objects.bulk_create(
            [
                through(memberprofile_id=profile_id, servicearea_id=area.pk)
                for profile_id in profile_ids
                for area in self.random.sample(self.areas, k=min(2, len(self.areas)))
            ],
            batch_size=BATCH,
        )
        return profile_ids

    def make_opportunities(self, index, count):
        types = list(InvolvementType.values)
        levels = list(InvolvementLevel.values)
        pages = []
        for number in range(count):
            topic = TOPICS[number % len(TOPICS)]
            closing = timezone.localdate() + dt.timedelta(days=self.random.randint(-700, 60))
            paid = number % 3 == 0
            page = OpportunityPageFactory(
                parent=index,
                title=f"Bench {number}: help us improve {topic}",
                slug=f"bench-{number}",
                summary=f"Share what you know about {topic} so the service gets better.",
                involvement_type=types[number % len(types)],
                level_of_involvement=levels[number % len(levels)],
                body=[("text", RichText(f"<p>We want to hear about {topic}.</p>"))],
                payment_type=PaymentType.PAID if paid else PaymentType.EXPENSES_ONLY,
                payment_rate=20 if paid else None,
                payment_unit="hour" if paid else "",
                places=self.random.choice([6, 8, 10, 12]),
                closing_date=closing,
                service_areas=[self.areas[number % len(self.areas)]],
            )
            pages.append(page)
        return pages

    @transaction.atomic
    def make_sessions(self, pages, count):
        rows = []
        for number in range(count):
            page = pages[number % len(pages)]
            starts = (self.now + dt.timedelta(days=self.random.randint(-720, 120))).replace(
                minute=0, second=0, microsecond=0
            )
            rows.append(
                OpportunitySession(
                    page=page,
                    title=f"Meeting {number // len(pages) + 1}",
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    venue_name="Civic Centre",
                    venue_address="High Street\nAnytown\nAN1 1AA",
                    step_free_access=True,
                )
            )
        OpportunitySession.objects.bulk_create(rows, batch_size=BATCH)
        return list(
            OpportunitySession.objects.filter(page__in=[page.pk for page in pages]).values_list(
                "pk", "page_id", "starts_at"
            )
        )

    @transaction.atomic
    def make_interest_and_attendance(self, profile_ids, pages, session_rows):
        sessions_by_page = {}
        for session_id, page_id, starts_at in session_rows:
            sessions_by_page.setdefault(page_id, []).append((session_id, starts_at))
        # A few people take part often and most now and then, as in real programmes.
        weights = [1 / (rank + 1) ** 0.6 for rank in range(len(profile_ids))]
        interests = []
        for page in pages:
            chosen = set(self.random.choices(profile_ids, weights=weights, k=page.places + 4))
            for position, profile_id in enumerate(sorted(chosen)):
                selected = position < page.places
                interests.append(
                    Interest(
                        member_id=profile_id,
                        opportunity_id=page.pk,
                        status=InterestStatus.SELECTED if selected else InterestStatus.NOT_SELECTED,
                        created_at=self.now - dt.timedelta(days=self.random.randint(1, 700)),
                    )
                )
        Interest.objects.bulk_create(interests, batch_size=BATCH)
        selected = Interest.objects.filter(
            opportunity_id__in=[page.pk for page in pages], status=InterestStatus.SELECTED
        ).values_list("pk", "opportunity_id")
        attendance = []
        for interest_id, page_id in selected:
            for session_id, starts_at in sessions_by_page.get(page_id, [])[:3]:
                if starts_at < self.now:
                    came = self.random.random() < 0.85
                    attendance.append(
                        Attendance(
                            interest_id=interest_id,
                            session_id=session_id,
                            attended=came,
                            hours=Decimal("2.00") if came else Decimal("0"),
                            method=Attendance.Method.COORDINATOR,
                            recorded_at=starts_at + dt.timedelta(hours=3),
                        )
                    )
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        return len(attendance)

    @transaction.atomic
    def make_claims(self, profile_ids):
        statuses = [ClaimStatus.PAID] * 6 + [ClaimStatus.APPROVED, ClaimStatus.SUBMITTED]
        claims = []
        for profile_id in profile_ids:
            activity = (self.now - dt.timedelta(days=self.random.randint(1, 700))).date()
            status = self.random.choice(statuses)
            claims.append(
                Claim(
                    member_id=profile_id,
                    activity_title="Bench: service review meeting",
                    activity_date=activity,
                    hours=Decimal("2.00"),
                    status=status,
                    payment_offered=True,
                    rate_amount=Decimal("20.00"),
                    rate_unit="hour",
                    rate_quantity=Decimal("2.00"),
                    payment_amount=Decimal("40.00"),
                    submitted_at=self.now - dt.timedelta(days=self.random.randint(1, 600)),
                    paid_on=activity + dt.timedelta(days=14)
                    if status == ClaimStatus.PAID
                    else None,
                )
            )
        Claim.objects.bulk_create(claims, batch_size=BATCH)
        return len(claims)

    @transaction.atomic
    def make_training(self, profile_ids):
        modules = list(TrainingModulePage.objects.live())
        if not modules:
            return 0
        user_ids = MemberProfile.objects.filter(pk__in=profile_ids).values_list(
            "user_id", flat=True
        )
        completions = []
        for user_id, module in zip(
            user_ids.iterator(chunk_size=BATCH), itertools.cycle(modules), strict=False
        ):
            completed = (self.now - dt.timedelta(days=self.random.randint(1, 900))).date()
            completions.append(
                TrainingCompletion(
                    user_id=user_id,
                    module=module,
                    completed_on=completed,
                    expires_on=completed + dt.timedelta(days=730),
                    method=CompletionMethod.KNOWLEDGE_CHECK,
                    score_percentage=90,
                )
            )
        TrainingCompletion.objects.bulk_create(completions, batch_size=BATCH)
        return len(completions)

    def make_bulletins(self, count, subscriber_count):
        index = BulletinIndexPage.objects.first()
        if index is not None:
            first_issue = timezone.localdate() - dt.timedelta(days=30 * count)
            for number in range(count):
                BulletinPageFactory(
                    parent=index,
                    title=f"Bench bulletin {number + 1}",
                    slug=f"bench-bulletin-{number + 1}",
                    issue_date=first_issue + dt.timedelta(days=30 * number),
                )
        confirmed_subscribers(subscriber_count, prefix="bench-reader")
        return count if index is not None else 0
