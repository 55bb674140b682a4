"""Demo applicants at every stage of recruitment and a varied involvement bank.

Safe to run again: people are found by email and a record is only filled in, with its
history, when it is first created. History rows are written as already told, so loading
the demo never sends anyone an email.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.core.dates import add_months
from cms.taxonomy.models import ServiceArea
from cms.training import demo as training_demo

from .choices import (
    ContactMethod,
    Day,
    Format,
    LivedExperience,
    NoticeNeeded,
    PaymentPreference,
    RolePreference,
    Status,
    TimeOfDay,
)
from .models import EqualityMonitoring, MemberProfile, StatusChange, SupervisionReview

COORDINATOR_EMAIL = "coordinator@example.org"

# The route each demo status took from a draft, with the reason for the last move if any.
ROUTES = {
    Status.SUBMITTED: [Status.SUBMITTED],
    Status.IN_REVIEW: [Status.SUBMITTED, Status.IN_REVIEW],
    Status.CONVERSATION_BOOKED: [Status.SUBMITTED, Status.IN_REVIEW, Status.CONVERSATION_BOOKED],
    Status.CHECKS: [Status.SUBMITTED, Status.IN_REVIEW, Status.CONVERSATION_BOOKED, Status.CHECKS],
    Status.INDUCTION: [
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.CONVERSATION_BOOKED,
        Status.CHECKS,
        Status.INDUCTION,
    ],
    Status.ACTIVE: [
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.CONVERSATION_BOOKED,
        Status.CHECKS,
        Status.INDUCTION,
        Status.ACTIVE,
    ],
    Status.ON_HOLD: [Status.SUBMITTED, Status.IN_REVIEW, Status.ON_HOLD],
    Status.DECLINED: [Status.SUBMITTED, Status.IN_REVIEW, Status.DECLINED],
}

D, T, F = Day, TimeOfDay, Format

# email, first, last, status, expertise slugs, extra fields; the three demo sign-ins
# (applicant, member, mentor) already exist as users: only their records are added.
PEOPLE = [
    (
        "applicant@example.org",
        "Chris",
        "Evans",
        Status.SUBMITTED,
        ["mental-health", "substance-misuse"],
        {
            "lived_experience": LivedExperience.SERVICE_USER,
            "lived_experience_note": (
                "I have used community mental health services for ten years and spent "
                "time in recovery services for alcohol."
            ),
            "skills": "Good at listening and at asking the question nobody else will.",
            "biography": "I volunteer at a peer support group in town every Thursday.",
            "involvement_types": ["focus_group", "user_testing", "consultation"],
            "involvement_levels": ["consult", "involve"],
            "role_preference": RolePreference.EITHER,
            "available_days": [D.TUESDAY, D.THURSDAY],
            "available_times": [T.AFTERNOON],
            "formats": [F.PLAIN_TEXT_EMAIL],
            "meeting_support": "Breaks every hour, please.",
            "payment_preference": PaymentPreference.EXPENSES_ONLY,
        },
    ),
    ("fatima.begum@example.org", "Fatima", "Begum", Status.SUBMITTED, ["carers"], {}),
    ("gareth.morgan@example.org", "Gareth", "Morgan", Status.IN_REVIEW, ["older-people"], {}),
    (
        "kerry.walsh@example.org",
        "Kerry",
        "Walsh",
        Status.CONVERSATION_BOOKED,
        ["learning-disability", "autism"],
        {"formats": [F.EASY_READ], "role_preference": RolePreference.VOLUNTARY},
    ),
    (
        "tomasz.nowak@example.org",
        "Tomasz",
        "Nowak",
        Status.CHECKS,
        ["homelessness", "substance-misuse"],
        {"references_received_on": -10},
    ),
    (
        "yvonne.clarke@example.org",
        "Yvonne",
        "Clarke",
        Status.INDUCTION,
        ["physical-disability"],
        {"references_received_on": -30, "needs_replacement_care": False},
    ),
    (
        "declan.byrne@example.org",
        "Declan",
        "Byrne",
        Status.ON_HOLD,
        ["mental-health"],
        {"reason": "Declan asked us to pause while he moves house; we will call in March."},
    ),
    (
        "susan.price@example.org",
        "Susan",
        "Price",
        Status.DECLINED,
        ["hospital-discharge"],
        {
            "reason": (
                "Susan lives outside the area we cover. We have passed on the details of "
                "the group in her own borough."
            )
        },
    ),
    # The involvement bank
    (
        "member@example.org",
        "Dev",
        "Patel",
        Status.ACTIVE,
        ["mental-health", "carers"],
        {
            "available_days": [D.MONDAY, D.WEDNESDAY],
            "available_times": [T.MORNING, T.AFTERNOON],
            "role_preference": RolePreference.PAID,
            "roles": [training_demo.PAID],
        },
    ),
    (
        "mentor@example.org",
        "Maureen",
        "Gallagher",
        Status.ACTIVE,
        ["dementia", "older-people", "carers"],
        {
            "lived_experience": LivedExperience.CARER,
            "available_days": [D.TUESDAY, D.THURSDAY],
            "available_times": [T.MORNING],
            "formats": [F.LARGE_PRINT],
            "role_preference": RolePreference.EITHER,
            "roles": [training_demo.PEER_MENTOR, training_demo.PAID],
            "dbs_checked_on": -200,
            "dbs_certificate_number": "001587462391",
        },
    ),
    (
        "amara.okafor@example.org",
        "Amara",
        "Okafor",
        Status.ACTIVE,
        ["children-and-families", "mental-health"],
        {
            "available_days": [D.SATURDAY],
            "available_times": [T.MORNING, T.AFTERNOON],
            "role_preference": RolePreference.VOLUNTARY,
            "roles": [training_demo.VOLUNTEER],
        },
    ),
    (
        "ben.thompson@example.org",
        "Ben",
        "Thompson",
        Status.ACTIVE,
        ["sensory-impairment"],
        {
            "lived_experience": LivedExperience.SERVICE_USER,
            "available_days": [D.MONDAY, D.FRIDAY],
            "available_times": [T.AFTERNOON],
            "formats": [F.BSL],
            "meeting_support": "A BSL interpreter at every meeting.",
            "contact_methods": [ContactMethod.EMAIL, ContactMethod.TEXT],
            "role_preference": RolePreference.PAID,
            "roles": [training_demo.PANEL_MEMBER],
        },
    ),
    (
        "rhiannon.evans@example.org",
        "Rhiannon",
        "Evans",
        Status.ACTIVE,
        ["learning-disability"],
        {
            "available_days": [D.WEDNESDAY],
            "available_times": [T.MORNING],
            "formats": [F.EASY_READ, F.AUDIO],
            "role_preference": RolePreference.VOLUNTARY,
            "roles": [training_demo.VOLUNTEER],
            "induction_completed_on": None,  # checks not complete
        },
    ),
    (
        "graham.scott@example.org",
        "Graham",
        "Scott",
        Status.ACTIVE,
        ["substance-misuse", "homelessness"],
        {
            "available_days": [D.TUESDAY, D.WEDNESDAY, D.THURSDAY],
            "available_times": [T.EVENING],
            "contact_methods": [ContactMethod.PHONE, ContactMethod.POST],
            "role_preference": RolePreference.EITHER,
            "payment_preference": PaymentPreference.NO_PAYMENT,
            "roles": [training_demo.PEER_MENTOR],  # needs DBS, not yet done
        },
    ),
    (
        "priya.nair@example.org",
        "Priya",
        "Nair",
        Status.ACTIVE,
        ["autism", "children-and-families"],
        {
            "lived_experience": LivedExperience.BOTH,
            "available_days": [D.MONDAY, D.TUESDAY],
            "available_times": [T.EVENING],
            "formats": [F.PLAIN_TEXT_EMAIL],
            "role_preference": RolePreference.PAID,
            "roles": [training_demo.PAID, training_demo.PANEL_MEMBER],
        },
    ),
    (
        "john.mcdonald@example.org",
        "John",
        "McDonald",
        Status.ACTIVE,
        ["physical-disability", "hospital-discharge", "older-people"],
        {
            "available_days": [D.THURSDAY, D.FRIDAY],
            "available_times": [T.MORNING, T.AFTERNOON],
            "formats": [F.LARGE_PRINT, F.AUDIO],
            "needs_replacement_care": True,
            "meeting_support": "Step-free access and a parking space near the door.",
            "role_preference": RolePreference.VOLUNTARY,
            "roles": [training_demo.VOLUNTEER],
        },
    ),
]

# Equality monitoring answers by email; everyone else answers the defaults below. Declan
# chose not to answer, so the report has people who did not. Enough active members share
# some answers for the equality report to show numbers as well as "fewer than 5".
EQUALITY_DEFAULTS = {
    "sex": "female",
    "gender_same_as_at_birth": "yes",
    "sexual_orientation": "straight",
    "ethnicity": "white",
    "religion": "none",
    "disability": "no",
}
EQUALITY = {
    "fatima.begum@example.org": {"ethnicity": "asian", "religion": "muslim"},
    "gareth.morgan@example.org": {"sex": "male", "religion": "christian"},
    "tomasz.nowak@example.org": {"sex": "male", "religion": "christian"},
    "yvonne.clarke@example.org": {"ethnicity": "black", "religion": "christian"},
    "declan.byrne@example.org": None,
    "member@example.org": {"sex": "male", "ethnicity": "asian", "disability": "yes"},
    "amara.okafor@example.org": {"ethnicity": "black", "religion": "christian"},
    "ben.thompson@example.org": {"sex": "male", "sexual_orientation": "gay_lesbian"},
    "rhiannon.evans@example.org": {"sexual_orientation": "prefer_not_to_say", "disability": "yes"},
    "graham.scott@example.org": {"sex": "male", "religion": "christian"},
    "priya.nair@example.org": {"ethnicity": "asian", "religion": "hindu"},
    "john.mcdonald@example.org": {"sex": "male", "disability": "yes", "religion": "christian"},
}
AGE_BANDS = ["25_34", "35_49", "50_64", "65_74", "50_64", "35_49", "50_64", "75_plus"]

DATE_FIELDS = {
    "references_received_on",
    "dbs_checked_on",
    "induction_completed_on",
}


def _answers(first: str, last: str, index: int) -> dict:
    """A full application with plausible answers, varied a little per person."""
    return {
        "completed_sections": [
            "about_you",
            "lived_experience",
            "skills",
            "involvement",
            "availability",
            "access_needs",
            "contact",
            "payment",
            "emergency_contact",
            "equality",
            "consent",
        ],
        "phone": f"07700 900{100 + index:03d}",
        "address": f"{10 + index} Victoria Road\nAnytown",
        "postcode": f"AN{1 + index % 9} {index % 10}XY",
        "lived_experience": [
            LivedExperience.SERVICE_USER,
            LivedExperience.CARER,
            LivedExperience.BOTH,
        ][index % 3],
        "lived_experience_note": "I know services from the inside and want them to work better.",
        "skills": "Listening, reading papers closely, speaking up in groups.",
        "biography": f"{first} has lived in the area for many years and wants to give back.",
        "involvement_types": ["focus_group", "survey", "interview_panel"][: 1 + index % 3],
        "involvement_levels": ["consult", "involve", "co_produce"][: 1 + index % 3],
        "role_preference": RolePreference.EITHER,
        "available_days": [D.MONDAY, D.WEDNESDAY],
        "available_times": [T.MORNING],
        "notice_needed": list(NoticeNeeded)[index % 4],
        "formats": [],
        "contact_methods": [ContactMethod.EMAIL],
        "payment_preference": PaymentPreference.PAID,
        "emergency_contact_name": f"Alex {last}",
        "emergency_contact_relationship": "Sister" if index % 2 else "Partner",
        "emergency_contact_phone": f"07700 900{600 + index:03d}",
        "agreed_to_privacy_notice": True,
        "consented_to_health_data": True,
    }


def _user(email: str, first: str, last: str):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, first_name=first, last_name=last)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def load_demo() -> list[MemberProfile]:
    """Create the demo records that are missing; leave existing ones as coordinators left them."""
    coordinator = get_user_model().objects.filter(email=COORDINATOR_EMAIL).first()
    roles = training_demo.load_roles()
    areas = {area.slug: area for area in ServiceArea.objects.all()}
    today = timezone.localdate()
    now = timezone.now()
    records = []
    for index, (email, first, last, status, slugs, extra) in enumerate(PEOPLE):
        extra = dict(extra)
        user = _user(email, first, last)
        member = MemberProfile.objects.filter(user=user).first()
        if member is not None:
            records.append(member)
            continue
        reason = extra.pop("reason", "")
        role_names = extra.pop("roles", [])
        fields = _answers(first, last, index)
        route = ROUTES[status]
        # Each move a week or so apart; active members joined weeks or months ago.
        last_move_days_ago = 3 + index + (20 + 12 * index if status == Status.ACTIVE else 0)
        moves = [
            now - dt.timedelta(days=last_move_days_ago + 8 * (len(route) - 1 - step))
            for step in range(len(route))
        ]
        if status in (Status.CHECKS, Status.INDUCTION, Status.ACTIVE):
            fields["references_received_on"] = (moves[-1] - dt.timedelta(days=2)).date()
        if status == Status.ACTIVE:
            fields["induction_completed_on"] = moves[-1].date()
            fields["supervisor"] = coordinator
            fields["trial_period_ends_on"] = add_months(moves[-1].date(), 3)
        for name, value in extra.items():
            if name in DATE_FIELDS and isinstance(value, int):
                value = today + dt.timedelta(days=value)
            fields[name] = value
        member = MemberProfile.objects.create(
            user=user,
            status=status,
            status_changed_at=moves[-1],
            submitted_at=moves[0],
            **fields,
        )
        member.expertise.set([areas[slug] for slug in slugs if slug in areas])
        member.roles.set([roles[name] for name in role_names if name in roles])
        answers = EQUALITY.get(email, {})
        if answers is not None:
            EqualityMonitoring.objects.get_or_create(
                user=user,
                defaults={
                    **EQUALITY_DEFAULTS,
                    "age_band": AGE_BANDS[index % len(AGE_BANDS)],
                    **answers,
                },
            )
        previous = Status.DRAFT
        for step, (to_status, when) in enumerate(zip(route, moves, strict=True)):
            last_step = step == len(route) - 1
            StatusChange.objects.create(
                member=member,
                from_status=previous,
                to_status=to_status,
                changed_at=when,
                changed_by=user if to_status == Status.SUBMITTED else coordinator,
                reason=reason if last_step else "",
                notified_at=when,
            )
            previous = to_status
        if status == Status.ACTIVE:
            held_on = moves[-1].date() + dt.timedelta(days=14)
            if held_on <= today:
                # Some reviews are overdue, so the flag shows in the demo.
                next_due = add_months(held_on, 2) if index % 3 else held_on + dt.timedelta(7)
                SupervisionReview.objects.create(
                    member=member,
                    held_on=held_on,
                    reviewer=coordinator,
                    notes="Settling in well. Would like more work on interview panels.",
                    next_due_on=next_due,
                )
        records.append(member)
    records.append(load_person_without_email(coordinator))
    return records


def load_person_without_email(coordinator=None) -> MemberProfile:
    """Margaret Hughes, who applied on paper and has no email: a coordinator acts for her.

    Her welcome waits in "Messages to send by hand" as a letter with its printable PDF.
    Safe to run again: she is found by her registration.
    """
    from cms.notifications.models import Topic
    from cms.notifications.services import notify

    from .factories import PersonWithoutEmailFactory
    from .models import OfflineRegistration, OnBehalfAction
    from .on_behalf import RECRUITED_ON_PAPER_PATH

    coordinator = coordinator or get_user_model().objects.filter(email=COORDINATOR_EMAIL).first()
    existing = OfflineRegistration.objects.filter(
        member__user__first_name="Margaret", member__user__last_name="Hughes"
    ).first()
    if existing is not None:
        return existing.member
    joined = timezone.now() - dt.timedelta(days=21)
    member = PersonWithoutEmailFactory(
        user__first_name="Margaret",
        user__last_name="Hughes",
        address="7 Chapel Lane\nHillside\nLeeds",
        postcode="LS6 2QT",
        phone="0113 496 0732",
        contact_methods=[ContactMethod.POST.value, ContactMethod.PHONE.value],
        formats=[Format.LARGE_PRINT.value],
        status_changed_at=joined,
        submitted_at=joined,
        consent_given_at=joined,
        references_received_on=joined.date(),
        induction_completed_on=joined.date(),
        supervisor=coordinator,
        registration__consent_given_on=joined.date(),
        registration__registered_by=coordinator,
        registration__registered_at=joined,
    )
    areas = ServiceArea.objects.filter(slug__in=["older-people", "carers"])
    member.expertise.set(areas)
    # The paper pack has the same equality monitoring sheet as the online form.
    EqualityMonitoring.objects.get_or_create(
        user=member.user,
        defaults={**EQUALITY_DEFAULTS, "age_band": "75_plus", "religion": "christian"},
    )
    # The steps she went through on paper, as register_person records them; already told.
    previous = Status.DRAFT
    for to_status in RECRUITED_ON_PAPER_PATH:
        StatusChange.objects.create(
            member=member,
            from_status=previous,
            to_status=to_status,
            changed_at=joined,
            changed_by=coordinator,
            reason="Recruited on paper before she was registered on Involve.",
            notified_at=joined,
        )
        previous = to_status
    OnBehalfAction.objects.create(
        member=member,
        kind=OnBehalfAction.Kind.REGISTERED,
        summary="Applied by paper form; now active member",
        done_by=coordinator,
        done_at=joined,
    )
    notify(
        recipient=member.user,
        topic=Topic.APPLICATION,
        key="demo:paper-welcome",
        subject="Welcome to the involvement programme",
        body="Thank you for sending us your form. You are now a member of our involvement "
        "programme.\n\nWe will write to you, or phone you, when there is something we think "
        "you would like to take part in. If you would like to talk to us, please phone the "
        "involvement team.",
    )
    return member
