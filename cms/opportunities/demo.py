"""Demo opportunities, drawn from the seed policies and written in our own words.

Dates are relative to the day the demo is loaded, so the site always shows some open
opportunities, some closed, some under way and some completed with "You said, we did".
Safe to run again: the index and each opportunity are found by slug and left as they are.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.easyread.demo import add_easy_read
from cms.taxonomy.models import ServiceArea

from .factories import (
    OpportunitiesIndexPageFactory,
    OpportunityPageFactory,
    OpportunitySessionFactory,
)
from .models import (
    ChecksRequired,
    InvolvementLevel,
    InvolvementType,
    OpportunitiesIndexPage,
    OpportunityPage,
    PaymentType,
    PaymentUnit,
)

VENUES = {
    "civic": {
        "venue_name": "Civic Centre, Committee Room 2",
        "venue_address": "High Street\nAnytown\nAN1 1AA",
        "step_free_access": True,
        "hearing_loop": True,
        "accessible_toilet": True,
        "parking_note": "Free in the Civic Centre car park. Tell us your car's number plate first.",
    },
    "oakfield": {
        "venue_name": "Oakfield Community Centre, Garden Room",
        "venue_address": "12 Oakfield Road\nAnytown\nAN3 4PQ",
        "step_free_access": True,
        "hearing_loop": False,
        "accessible_toilet": True,
        "parking_note": "Free car park with 2 Blue Badge spaces by the door.",
    },
    "library": {
        "venue_name": "Anytown Central Library, Meeting Room 1",
        "venue_address": "Market Square\nAnytown\nAN1 2BB",
        "step_free_access": True,
        "hearing_loop": True,
        "accessible_toilet": True,
        "parking_note": "No car park. Market Street car park is 5 minutes away. We pay the fee.",
    },
    "hospital": {
        "venue_name": "St Mary's Hospital, Education Centre",
        "venue_address": "Hospital Lane\nAnytown\nAN5 6CD",
        "step_free_access": True,
        "hearing_loop": True,
        "accessible_toilet": True,
        "parking_note": "Pay and display. Keep your ticket and we will pay you back.",
    },
    "bridge": {
        "venue_name": "The Bridge Recovery Hub",
        "venue_address": "4 Canal Street\nAnytown\nAN2 7EF",
        "step_free_access": False,
        "hearing_loop": False,
        "accessible_toilet": False,
        "parking_note": "Street parking only. The number 7 bus stops outside.",
    },
    "survey": {
        "is_online": True,
        "online_joining_note": (
            "Fill in the survey online at any time before it closes. Ask us for a paper copy, "
            "or to do it with you over the phone."
        ),
    },
    "online": {
        "is_online": True,
        "online_joining_note": (
            "We will email you a Microsoft Teams link the day before. We can call you first "
            "to help you set it up."
        ),
    },
}

EXPENSES_STANDARD = (
    "Travel by bus, train or taxi, or mileage if you drive. Parking. "
    "Replacement care for the person you look after. A personal assistant or support worker "
    "if you need one."
)


@dataclass
class SessionSpec:
    title: str
    day: int  # days from today; negative is in the past
    start: tuple[int, int]
    end: tuple[int, int]
    venue: str
    interpreters: str = ""
    papers_days_before: int | None = None


@dataclass
class OpportunitySpec:
    slug: str
    title: str
    summary: str
    involvement_type: str
    level: str
    areas: list[str]
    body: str
    influence: str
    who_decides: str
    outcomes: str
    time_commitment: str
    closes_in_days: int
    contact: tuple[str, str, str]
    sessions: list[SessionSpec] = field(default_factory=list)
    payment_type: str = PaymentType.EXPENSES_ONLY
    payment_rate: Decimal | None = None
    payment_unit: str = ""
    expenses: str = EXPENSES_STANDARD
    checks: str = ChecksRequired.NONE
    training: str = ""
    places: int | None = None
    outcome: tuple[str, str, str] | None = None  # what you said, what changed, what did not
    outcome_days_ago: int = 7


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


ANNE = ("Anne Okafor", "anne.okafor@example.org", "0300 123 4571")
DAVID = ("David Hughes", "david.hughes@example.org", "0300 123 4572")
PRIYA = ("Priya Shah", "priya.shah@example.org", "0300 123 4573")
GARETH = ("Gareth Lewis", "gareth.lewis@example.org", "0300 123 4574")

OPPORTUNITIES = [
    OpportunitySpec(
        slug="choose-the-new-home-care-provider",
        title="Help choose the new home care provider",
        summary=(
            "Help us read and score the bids from companies who want to run home care. "
            "Your scores count towards who wins."
        ),
        involvement_type=InvolvementType.TENDER_PANEL,
        level=InvolvementLevel.COLLABORATE,
        areas=["older-people", "carers", "physical-disability"],
        body=p(
            "We are buying a new home care service. Carers will visit people at home to help "
            "them wash, dress, eat and take their medicines.",
            "Companies send us a bid. A bid says how they would run the service. You will read "
            "the answers to 3 questions and give each one a score.",
            "We will train you first. A member of staff will sit with you on the day.",
        ),
        influence=p(
            "You score the questions about what it is like to get care at home. "
            "Your scores make up 20 out of every 100 marks.",
            "You cannot change the budget or the length of the contract. These are already set.",
        ),
        who_decides="The council's Adult Social Care Committee, using the panel's scores",
        outcomes=p("A home care service that turns up on time and treats people with respect."),
        time_commitment="A half-day training session and 2 full scoring days",
        closes_in_days=21,
        contact=ANNE,
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("20.00"),
        payment_unit=PaymentUnit.PER_HOUR,
        training="Tender panel training, half a day. It is part of this role and it is paid.",
        places=4,
        sessions=[
            SessionSpec("Training", 28, (10, 0), (13, 0), "civic", papers_days_before=7),
            SessionSpec("Scoring day 1", 42, (10, 0), (16, 0), "civic", papers_days_before=10),
            SessionSpec("Scoring day 2", 43, (10, 0), (16, 0), "civic"),
        ],
    ),
    OpportunitySpec(
        slug="dementia-day-services-focus-group",
        title="Talk to us about dementia day services",
        summary=(
            "Join a small group to tell us what a good day centre is like for people with "
            "dementia and the people who care for them."
        ),
        involvement_type=InvolvementType.FOCUS_GROUP,
        level=InvolvementLevel.CONSULT,
        areas=["dementia", "carers", "older-people"],
        body=p(
            "We want to hear what works well at day centres, and what could be better.",
            "You will sit with 6 to 8 other people and talk. A member of staff will ask "
            "some questions. There are no right or wrong answers.",
            "The person you care for is welcome to come too. We will have tea, coffee and cake.",
        ),
        influence=p(
            "What happens during the day, the activities, food and transport.",
            "We cannot change where the day centres are.",
        ),
        who_decides="The Head of Commissioning for Older People",
        outcomes=p("Day centres that people look forward to going to."),
        time_commitment="One meeting of 2 hours",
        closes_in_days=10,
        contact=DAVID,
        places=8,
        sessions=[SessionSpec("Focus group", 17, (13, 30), (15, 30), "oakfield")],
    ),
    OpportunitySpec(
        slug="interview-panel-community-mental-health-lead",
        title="Sit on the interview panel for a community mental health lead",
        summary=(
            "Help us choose the person who will lead our community mental health team. "
            "You will ask questions and score the answers."
        ),
        involvement_type=InvolvementType.INTERVIEW_PANEL,
        level=InvolvementLevel.COLLABORATE,
        areas=["mental-health"],
        body=p(
            "You will be one of 4 people on the panel. You will ask 2 questions that you help "
            "to write, and score every candidate's answers.",
            "We will meet for 30 minutes before the interviews to plan, and for 30 minutes "
            "after to agree the scores.",
        ),
        influence=p("Your scores count the same as everyone else's on the panel."),
        who_decides="The interview panel together, chaired by the Service Director",
        outcomes=p("A team leader who understands what people using the service need."),
        time_commitment="One day, 9:30am to 4pm, and 1 hour to read papers",
        closes_in_days=7,
        contact=PRIYA,
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("75.00"),
        payment_unit=PaymentUnit.PER_HALF_DAY,
        checks=ChecksRequired.BASIC_DBS,
        training="Recruitment and selection training, 2 hours online. We pay you for it.",
        places=1,
        sessions=[
            SessionSpec("Interviews", 24, (9, 30), (16, 0), "hospital", papers_days_before=7),
        ],
    ),
    OpportunitySpec(
        slug="test-the-new-care-assessment-form",
        title="Test our new online form to ask for a care assessment",
        summary=(
            "Try out our new form and tell us where it is hard to use. "
            "It takes about an hour, on a video call."
        ),
        involvement_type=InvolvementType.USER_TESTING,
        level=InvolvementLevel.CONSULT,
        areas=["physical-disability", "sensory-impairment", "older-people"],
        body=p(
            "We have made a new online form to ask for a care assessment. Before it goes live, "
            "we want people to try it.",
            "On a video call, you will fill in the form with made-up answers. Tell us what you "
            "think as you go. You can use your own screen reader or magnifier.",
        ),
        influence=p("The words, the questions we ask and the order they come in."),
        who_decides="The Digital Services Manager",
        outcomes=p("A form that everyone can fill in without help, or with the help they choose."),
        time_commitment="One video call of about 1 hour",
        closes_in_days=14,
        contact=GARETH,
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("30.00"),
        payment_unit=PaymentUnit.PER_ACTIVITY,
        expenses="Any costs of taking part, such as a support worker's time.",
        places=6,
        sessions=[SessionSpec("Testing sessions (choose a time)", 20, (10, 0), (15, 0), "online")],
    ),
    OpportunitySpec(
        slug="mystery-shopping-front-door",
        title="Mystery shopping: how easy is it to get help?",
        summary=(
            "Phone or email our adult social care team with a made-up question, "
            "then tell us how well we helped you."
        ),
        involvement_type=InvolvementType.MYSTERY_SHOPPING,
        level=InvolvementLevel.INVOLVE,
        areas=["older-people", "carers", "learning-disability"],
        body=p(
            "You will help us write 5 made-up stories, like 'my mum is finding it hard to "
            "manage at home'. Then you will phone or email us using one of them.",
            "After each call, you fill in a short form about how it went.",
        ),
        influence=p(
            "The stories we test, the questions on the form, and what we tell staff to change."
        ),
        who_decides="The Customer Services Manager",
        outcomes=p("Everyone who contacts us gets a clear answer, first time."),
        time_commitment="A 2-hour planning meeting and 3 calls or emails over a month",
        closes_in_days=28,
        contact=ANNE,
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("15.00"),
        payment_unit=PaymentUnit.PER_ACTIVITY,
        training="A short briefing at the planning meeting. Nothing to do beforehand.",
        places=10,
        sessions=[SessionSpec("Planning meeting", 35, (11, 0), (13, 0), "library")],
    ),
    OpportunitySpec(
        slug="carers-forum",
        title="Join the Carers' Forum",
        summary=(
            "Meet other carers every month and tell us about the issues that matter to you. "
            "The forum sets its own agenda."
        ),
        involvement_type=InvolvementType.FORUM,
        level=InvolvementLevel.INVOLVE,
        areas=["carers"],
        body=p(
            "The Carers' Forum is run by carers, for carers. Council staff come to listen "
            "and to answer questions.",
            "Meetings start at 11am, so that you have time to get the person you care for "
            "settled first.",
        ),
        influence=p(
            "What the council's carers' services do next year, and how we spend the carers' grant."
        ),
        who_decides="The council's Lead Member for Adult Social Care",
        outcomes=p("Carers get the breaks and the information they need."),
        time_commitment="2 hours a month. Come to as many meetings as you like.",
        closes_in_days=30,
        contact=DAVID,
        sessions=[
            SessionSpec(
                "Monthly meeting",
                12,
                (11, 0),
                (13, 0),
                "library",
                interpreters="BSL interpreter booked",
                papers_days_before=7,
            ),
            SessionSpec(
                "Monthly meeting",
                40,
                (11, 0),
                (13, 0),
                "library",
                interpreters="BSL interpreter booked",
                papers_days_before=7,
            ),
            SessionSpec("Monthly meeting (online)", 68, (11, 0), (13, 0), "online"),
        ],
    ),
    OpportunitySpec(
        slug="drug-and-alcohol-services-survey",
        title="Survey: making drug and alcohol services easier to use",
        summary=(
            "Answer 10 short questions about our drug and alcohol services. "
            "You do not have to give your name."
        ),
        involvement_type=InvolvementType.SURVEY,
        level=InvolvementLevel.CONSULT,
        areas=["substance-misuse"],
        body=p(
            "Tell us what helped, and what got in the way, when you or someone close to you "
            "used our services.",
            "You can fill in the survey online, or ask for a paper copy at The Bridge.",
        ),
        influence=p("Opening times, where services are, and how people are welcomed."),
        who_decides="The Substance Misuse Partnership Board",
        outcomes=p("More people get help sooner, and stay with it."),
        time_commitment="About 10 minutes",
        closes_in_days=35,
        contact=PRIYA,
        expenses="None: you can fill it in from home.",
        sessions=[SessionSpec("Survey open", 0, (9, 0), (17, 0), "survey")],
    ),
    OpportunitySpec(
        slug="easy-read-care-charges",
        title="Co-produce Easy Read information about paying for care",
        summary=(
            "Work with us, as equals, to write Easy Read guides about what care costs "
            "and how we work it out."
        ),
        involvement_type=InvolvementType.CO_PRODUCTION,
        level=InvolvementLevel.CO_PRODUCE,
        areas=["learning-disability", "autism"],
        body=p(
            "Our letters about paying for care are hard to understand. We want to write them "
            "again, with the people who get them.",
            "Together we will decide what the guides say, how they look, and which pictures "
            "we use.",
        ),
        influence=p("Everything about the guides. The charges themselves are set by law."),
        who_decides="The project group together, by agreement",
        outcomes=p("Everyone who pays for care understands what they pay and why."),
        time_commitment="4 workshops of 2 hours, over 2 months",
        closes_in_days=-5,
        contact=GARETH,
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("20.00"),
        payment_unit=PaymentUnit.PER_HOUR,
        places=6,
        sessions=[
            SessionSpec("Workshop 1", 9, (13, 0), (15, 0), "oakfield"),
            SessionSpec("Workshop 2", 23, (13, 0), (15, 0), "oakfield"),
        ],
    ),
    OpportunitySpec(
        slug="listening-event-leaving-hospital",
        title="Listening event: getting home from hospital",
        summary=(
            "Tell us what it was like leaving hospital, for you or someone you care for. "
            "Come to one of two events."
        ),
        involvement_type=InvolvementType.LISTENING_EVENT,
        level=InvolvementLevel.CONSULT,
        areas=["hospital-discharge", "older-people", "carers"],
        body=p(
            "The hospital and the council are working out how to help people get home sooner "
            "and more safely.",
            "We want to hear your story first, before we make any plans.",
        ),
        influence=p("What we look at first, and what our plans say."),
        who_decides="The Joint Discharge Board of the hospital trust and the council",
        outcomes=p("Nobody waits in hospital for care they could have at home."),
        time_commitment="One event of 2 hours",
        closes_in_days=-20,
        contact=DAVID,
        sessions=[
            SessionSpec(
                "Event at the hospital",
                -2,
                (14, 0),
                (16, 0),
                "hospital",
                interpreters="BSL interpreter booked. Ask us for a Polish or Urdu interpreter.",
            ),
            SessionSpec("Online event", 5, (18, 0), (20, 0), "online"),
        ],
    ),
    OpportunitySpec(
        slug="learning-disability-partnership-board",
        title="Lay member of the Learning Disability Partnership Board",
        summary=(
            "Be one of the people with a learning disability on the board that plans "
            "services across the area."
        ),
        involvement_type=InvolvementType.LAY_REPRESENTATIVE,
        level=InvolvementLevel.COLLABORATE,
        areas=["learning-disability", "autism"],
        body=p(
            "The board meets every 3 months. You will sit with managers from the council, "
            "the NHS and local charities.",
            "We will meet you before each meeting to go through the papers together.",
        ),
        influence=p("The board's plan for the year and how it checks services are working."),
        who_decides="The Partnership Board, by vote",
        outcomes=p("People with a learning disability shape the services they use."),
        time_commitment="A 3-hour meeting every 3 months, for 2 years",
        closes_in_days=-60,
        contact=ANNE,
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("60.00"),
        payment_unit=PaymentUnit.PER_HALF_DAY,
        training="Our 'Being a board member' course, 2 mornings. We pay you for it.",
        places=2,
        sessions=[
            SessionSpec("Board meeting", -30, (10, 0), (13, 0), "civic", papers_days_before=10),
            SessionSpec("Board meeting", 60, (10, 0), (13, 0), "civic", papers_days_before=10),
        ],
    ),
    OpportunitySpec(
        slug="peer-research-homelessness",
        title="Peer researchers: homelessness and mental health",
        summary=(
            "Train as a peer researcher and interview people with experience of "
            "homelessness about the help they got."
        ),
        involvement_type=InvolvementType.PARTICIPATORY_RESEARCH,
        level=InvolvementLevel.COLLABORATE,
        areas=["homelessness", "mental-health", "substance-misuse"],
        body=p(
            "Peer researchers have lived through something similar to the people they talk to. "
            "People often tell them things they would not tell staff.",
        ),
        influence=p("The questions we ask, who we talk to and what the report says."),
        who_decides="The Homelessness Strategy Group",
        outcomes=p("Help that reaches people before they lose their home."),
        time_commitment="2 days of training and 6 interviews over 2 months",
        closes_in_days=-120,
        contact=PRIYA,
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("15.00"),
        payment_unit=PaymentUnit.PER_HOUR,
        checks=ChecksRequired.ENHANCED_DBS,
        training="Peer research training, 2 days. Safeguarding training, 1 hour online.",
        places=5,
        sessions=[
            SessionSpec("Training day 1", -100, (10, 0), (15, 0), "bridge"),
            SessionSpec("Training day 2", -99, (10, 0), (15, 0), "bridge"),
            SessionSpec("Sharing what we found", -40, (10, 0), (12, 0), "library"),
        ],
        outcome=(
            ul(
                "People did not know where to go for help until it was too late.",
                "Being passed between teams made people give up.",
                "Drop-ins at the foodbank were the most trusted place to get advice.",
            ),
            ul(
                "A housing adviser now runs a drop-in at the foodbank every Tuesday.",
                "Mental health and housing staff now meet every week to talk about people at risk.",
            ),
            p(
                "People asked for a 24-hour phone line. We could not fund this, but the "
                "out-of-hours council number now puts people straight through to "
                "the homelessness team."
            ),
        ),
        outcome_days_ago=14,
    ),
    OpportunitySpec(
        slug="choose-the-autism-support-service",
        title="Help choose the new autism support service",
        summary="Score bids for a new service helping autistic adults with daily life and work.",
        involvement_type=InvolvementType.TENDER_PANEL,
        level=InvolvementLevel.COLLABORATE,
        areas=["autism"],
        body=p(
            "Autistic adults helped write the questions in the tender, then scored the answers."
        ),
        influence=p("The questions in the tender and 25 out of every 100 marks."),
        who_decides="The council's Commissioning Board",
        outcomes=p("A service designed around what autistic adults say they need."),
        time_commitment="3 meetings of 3 hours",
        closes_in_days=-150,
        contact=GARETH,
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("20.00"),
        payment_unit=PaymentUnit.PER_HOUR,
        places=4,
        sessions=[
            SessionSpec("Writing the questions", -130, (13, 0), (16, 0), "civic"),
            SessionSpec("Scoring", -80, (10, 0), (13, 0), "civic"),
            SessionSpec("Meeting the bidders", -75, (10, 0), (13, 0), "civic"),
        ],
        outcome=(
            ul(
                "Staff must understand autism, not just have done a course.",
                "Quiet, clear appointments matter more than anything else.",
                "Support should not stop when someone gets a job.",
            ),
            ul(
                "Every bidder had to show how autistic people train their staff.",
                "The new service offers appointments in quiet rooms, or by text and email.",
                "Support now carries on for 6 months after someone starts work.",
            ),
            p(
                "People wanted the service open at weekends. The budget did not allow it. "
                "We will look again when the contract is reviewed in 2 years."
            ),
        ),
    ),
    OpportunitySpec(
        slug="respite-care-consultation",
        title="Consultation: changes to short breaks for carers",
        summary="Tell us what you think of our plans to change how carers book short breaks.",
        involvement_type=InvolvementType.CONSULTATION,
        level=InvolvementLevel.CONSULT,
        areas=["carers", "older-people"],
        body=p(
            "We planned to move booking for short breaks online and to close one of the two "
            "booking phone lines. We asked carers what they thought."
        ),
        influence=p("Whether and how we make the changes, and what support we offer."),
        who_decides="The council's Adult Social Care Committee",
        outcomes=p("Booking a break is quick and easy for every carer."),
        time_commitment="A 20-minute questionnaire, or a 2-hour meeting",
        closes_in_days=-90,
        contact=DAVID,
        sessions=[
            SessionSpec("Drop-in meeting", -95, (11, 0), (13, 0), "oakfield"),
            SessionSpec("Online meeting", -93, (19, 0), (20, 30), "online"),
        ],
        outcome=(
            ul(
                "Many carers do not use the internet, or not easily.",
                "Carers need to book at short notice, sometimes at the weekend.",
            ),
            ul(
                "We kept both phone lines.",
                "Online booking was added as an extra choice, not instead of the phone.",
                "You can now book a break up to 48 hours before, not 2 weeks.",
            ),
            p(
                "We did not open the phone lines at weekends. Too few calls came in to pay "
                "for the staff. You can book online at any time instead."
            ),
        ),
        outcome_days_ago=30,
    ),
    OpportunitySpec(
        slug="moving-to-adult-services-focus-group",
        title="Focus group: moving from children's to adults' services",
        summary=(
            "Young people and families told us what it is like moving from children's to "
            "adults' services."
        ),
        involvement_type=InvolvementType.FOCUS_GROUP,
        level=InvolvementLevel.CONSULT,
        areas=["children-and-families", "learning-disability"],
        body=p("Two groups met: one for young people aged 16 to 25, and one for parents."),
        influence=p("How we plan each young person's move, and when it starts."),
        who_decides="The Director of Children's Services and the Director of Adult Services",
        outcomes=p("Young people move to adult services without a gap in their support."),
        time_commitment="One meeting of 2 hours",
        closes_in_days=-45,
        contact=PRIYA,
        sessions=[
            SessionSpec("Young people's group", -21, (16, 0), (18, 0), "library"),
            SessionSpec("Parents' group", -20, (10, 0), (12, 0), "library"),
        ],
    ),
]


def _local(today: dt.date, days: int, hour_minute: tuple[int, int]) -> dt.datetime:
    moment = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(*hour_minute))
    return timezone.make_aware(moment)


def _build_page(spec: OpportunitySpec, *, today: dt.date, areas: dict) -> OpportunityPage:
    outcome_fields = {}
    if spec.outcome:
        said, changed, did_not_change = spec.outcome
        outcome_fields = {
            "outcome_what_you_said": said,
            "outcome_what_changed": changed,
            "outcome_what_did_not_change": did_not_change,
            "outcome_published_on": today - dt.timedelta(days=spec.outcome_days_ago),
        }
    page = OpportunityPageFactory.build(
        slug=spec.slug,
        title=spec.title,
        summary=spec.summary,
        involvement_type=spec.involvement_type,
        level_of_involvement=spec.level,
        service_areas=[areas[slug] for slug in spec.areas if slug in areas],
        body=[("text", RichText(spec.body))],
        what_you_can_influence=spec.influence,
        who_decides=spec.who_decides,
        intended_outcomes=spec.outcomes,
        time_commitment=spec.time_commitment,
        payment_type=spec.payment_type,
        payment_rate=spec.payment_rate,
        payment_unit=spec.payment_unit,
        expenses_covered=spec.expenses,
        checks_required=spec.checks,
        training_required_note=spec.training,
        places=spec.places,
        closing_date=today + dt.timedelta(days=spec.closes_in_days),
        contact_name=spec.contact[0],
        contact_email=spec.contact[1],
        contact_phone=spec.contact[2],
        **outcome_fields,
    )
    sessions = []
    for session in spec.sessions:
        venue = VENUES[session.venue]
        papers = None
        if session.papers_days_before is not None:
            papers = today + dt.timedelta(days=session.day - session.papers_days_before)
        sessions.append(
            OpportunitySessionFactory.build(
                title=session.title,
                starts_at=_local(today, session.day, session.start),
                ends_at=_local(today, session.day, session.end),
                interpreters=session.interpreters,
                papers_published_on=papers,
                online=venue.get("is_online", False),
                **{key: value for key, value in venue.items() if key != "is_online"},
            )
        )
    # A survey runs for its whole open period, so its one "session" spans it.
    if spec.involvement_type == InvolvementType.SURVEY and sessions:
        sessions[0].ends_at = _local(today, spec.closes_in_days, (17, 0))
    page.sessions = sessions
    return page


def load_demo(*, home_page: Page) -> OpportunitiesIndexPage:
    """The Opportunities index at /opportunities/ with the demo opportunities under it.

    Creates only what is missing (found by slug), so running it again changes nothing.
    """
    index = home_page.get_children().type(OpportunitiesIndexPage).filter(slug="opportunities")
    index = index.specific().first()
    if index is None:
        index = OpportunitiesIndexPageFactory.build(
            title="Opportunities",
            slug="opportunities",
            show_in_menus=True,
            intro=(
                "<p>These are the ways you can help us plan, buy and check health and social "
                "care services right now. Anyone who uses services, or cares for someone who "
                "does, can take part.</p><p>We pay your expenses for everything, and some "
                "roles are paid. We will always tell you what happened because of what "
                "you said.</p>"
            ),
        )
        home_page.add_child(instance=index)
        index.save_revision().publish()

    today = timezone.localdate()
    areas = ServiceArea.objects.in_bulk(field_name="slug")
    existing = set(index.get_children().values_list("slug", flat=True))
    for spec in OPPORTUNITIES:
        if spec.slug in existing:
            continue
        page = _build_page(spec, today=today, areas=areas)
        index.add_child(instance=page)
        page.save_revision().publish()
    home_care = index.get_children().filter(slug="choose-the-new-home-care-provider")
    add_easy_read(home_care.specific().first(), HOME_CARE_EASY_READ)
    return index


# The Easy Read version of "Help choose the new home care provider".
HOME_CARE_EASY_READ = [
    ("heading", "What this is about"),
    ("point", "We are choosing a new company to help people at home.", "house"),
    ("point", "We want you to help us choose.", "people"),
    ("heading", "What you will do"),
    ("point", "You read what each company says it will do.", "talk"),
    ("point", "You give each company a score.", "tick"),
    ("point", "There are 2 meetings.", "calendar"),
    ("heading", "Money"),
    ("point", "We pay you for your time.", "money"),
    ("point", "We pay for your bus or taxi too.", "money"),
]


# Which demo opportunities need which demo training modules (by slug).
REQUIRED_TRAINING = {
    "choose-the-new-home-care-provider": [
        "being-an-effective-panel-member",
        "data-protection-and-confidentiality",
    ],
    "interview-panel-community-mental-health-lead": ["being-an-effective-panel-member"],
    "choose-the-autism-support-service": ["being-an-effective-panel-member"],
    "peer-research-homelessness": ["safeguarding-adults", "data-protection-and-confidentiality"],
}


def link_required_training(*, index: OpportunitiesIndexPage, training_index: Page) -> None:
    """Name the training each demo opportunity needs; leaves any an editor has set alone."""
    modules = {module.slug: module for module in training_index.get_children().specific()}
    pages = OpportunityPage.objects.child_of(index).filter(slug__in=REQUIRED_TRAINING)
    for page in pages.prefetch_related("required_training"):
        if page.required_training.all():
            continue
        wanted = [modules[slug] for slug in REQUIRED_TRAINING[page.slug] if slug in modules]
        page.required_training = wanted
        page.save_revision().publish()
