"""Demo content for training: the index, five modules and the roles that must take them.

Drawn from the seed policies (induction in the first month covering equality,
safeguarding and data protection; confidentiality agreements; panels and tenders),
in our own words. Safe to run again: roles are found by name and pages by slug, and
nothing that exists already is changed. ``load_demo_records`` adds the demo members'
training histories once the members exist.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.rich_text import RichText

from cms.core.dates import add_months
from cms.easyread.demo import add_easy_read
from cms.home.demo import get_or_create_child
from cms.home.models import HomePage
from cms.members.models import InvolvementRole

from .factories import InvolvementRoleFactory, TrainingCompletionFactory, question
from .models import CompletionMethod, TrainingCompletion, TrainingIndexPage, TrainingModulePage

COORDINATOR_EMAIL = "coordinator@example.org"

VOLUNTEER = "Expert by experience (volunteer)"
PAID = "Expert by experience (paid)"
PEER_MENTOR = "Peer mentor"
PANEL_MEMBER = "Interview panel member"

ROLES = [
    (
        VOLUNTEER,
        "Gives their time to help us plan, buy and check services. We always pay expenses.",
        False,
        False,
    ),
    (
        PAID,
        "Takes on paid involvement work, such as tender panels, training staff and "
        "checking services.",
        True,
        False,
    ),
    (
        PEER_MENTOR,
        "Supports newer experts by experience, sharing what they have learned. "
        "Meets people one to one.",
        False,
        True,
    ),
    (
        PANEL_MEMBER,
        "Helps choose new staff by sitting on interview panels with managers.",
        True,
        False,
    ),
]


def load_roles() -> dict[str, InvolvementRole]:
    """The involvement roles the modules are mandatory for, found or created by name."""
    return {
        name: InvolvementRoleFactory(
            name=name, description=description, is_paid=is_paid, needs_dbs_check=needs_dbs
        )
        for name, description, is_paid, needs_dbs in ROLES
    }


def text(html: str) -> tuple:
    return ("text", RichText(html))


def inset(html: str) -> tuple:
    return ("inset_text", {"body": RichText(html)})


def module_pages(roles: dict[str, InvolvementRole]) -> list[dict]:
    everyone = list(roles.values())
    return [
        {
            "slug": "welcome-and-induction",
            "title": "Welcome and induction",
            "summary": (
                "Start here. Find out how involvement works, what we expect of each other, "
                "and how we pay you and your costs."
            ),
            "learning_outcomes": (
                "<ul><li>say what an expert by experience does, and what they do not do</li>"
                "<li>know who your named contact is and how often you will meet</li>"
                "<li>claim your expenses and, in paid roles, your involvement payment</li>"
                "<li>ask for the support you need to take part</li></ul>"
            ),
            "duration": "30 minutes",
            "format": TrainingModulePage.Format.ONLINE,
            "mandatory_for_roles": everyone,
            "mandatory_at_induction": True,
            "renewal_months": None,
            "body": [
                text(
                    "<h2>What you bring</h2>"
                    "<p>You know what it is like to use a service, or to care for someone who "
                    "does. That lived experience is why we want you. You do not speak for "
                    "everyone. You speak from your own life.</p>"
                    "<h2>What we promise</h2><ul>"
                    "<li>we ask you before decisions are made, not after</li>"
                    "<li>we tell you what you can change and who makes the final decision</li>"
                    "<li>we send papers in time, in the format you need</li>"
                    "<li>we tell you what happened because of what you said</li></ul>"
                ),
                inset(
                    "<p>You can take a break or stop at any time. Just tell your named contact.</p>"
                ),
                text(
                    "<h2>Your named contact</h2>"
                    "<p>Everyone has a named person in the involvement team. You will meet "
                    "them at least every two months to talk about how things are going.</p>"
                    "<h2>Money</h2>"
                    "<p>We pay your travel, parking and replacement care, so nobody is out of "
                    "pocket. If you get benefits, talk to us before you take a paid role: you "
                    "can choose to be paid, take a voucher or not be paid at all.</p>"
                ),
            ],
            "knowledge_check": [
                question(
                    "What do you speak from as an expert by experience?",
                    [
                        "Your own life and experience",
                        "The views of everyone who uses the service",
                        "What staff have told you",
                    ],
                    correct=0,
                    explanation=(
                        "You speak from your own experience. Nobody expects you to speak "
                        "for everyone."
                    ),
                ),
                question(
                    "How often will you meet your named contact?",
                    ["Once a year", "At least every two months", "Only if there is a problem"],
                    correct=1,
                    explanation=(
                        "You meet your named contact at least every two months, and you can "
                        "ask to talk to them at any time."
                    ),
                ),
                question(
                    "Who pays for someone to look after the person you care for while you "
                    "take part?",
                    ["You do", "We do", "Nobody: you have to bring them with you"],
                    correct=1,
                    explanation=(
                        "We pay for replacement care, so caring is never a reason you cannot "
                        "take part."
                    ),
                ),
            ],
        },
        {
            "slug": "safeguarding-adults",
            "title": "Safeguarding adults",
            "summary": (
                "How to spot signs that someone may be being harmed, and what to do about it."
            ),
            "learning_outcomes": (
                "<ul><li>name the main kinds of abuse and neglect</li>"
                "<li>spot signs that someone may be at risk</li>"
                "<li>know what to do, and who to tell, if you are worried</li>"
                "<li>know why you must never promise to keep a worry secret</li></ul>"
            ),
            "duration": "1 hour",
            "format": TrainingModulePage.Format.MIXED,
            "mandatory_for_roles": everyone,
            "mandatory_at_induction": True,
            "renewal_months": 24,
            "body": [
                text(
                    "<h2>What safeguarding means</h2>"
                    "<p>Safeguarding is everyone's job, and that includes you. If something "
                    "worries you, you do not have to sort it out yourself: your job is to tell "
                    "the right person quickly.</p>"
                    "<h2>Kinds of abuse</h2><ul>"
                    "<li>physical: hitting, pushing or using the wrong medicine</li>"
                    "<li>emotional: threats, bullying or making someone feel worthless</li>"
                    "<li>financial: taking someone's money or belongings</li>"
                    "<li>neglect: not giving someone the care they need</li>"
                    "<li>sexual, discriminatory and domestic abuse, and modern slavery</li></ul>"
                    "<h2>If you are worried</h2>"
                    "<p>Listen. Do not ask lots of questions and do not promise to keep it a "
                    "secret. Write down what you saw or heard, in the person's own words, and "
                    "tell the involvement team or the safeguarding lead the same day.</p>"
                ),
                inset(
                    "<p>If someone is in danger right now, call 999. You do not have to be sure "
                    "that something is wrong before you tell someone.</p>"
                ),
            ],
            "knowledge_check": [
                question(
                    "Someone tells you they are being hurt and asks you to keep it secret. "
                    "What do you do?",
                    [
                        "Promise to keep it secret",
                        "Listen, explain you must tell someone, and tell the safeguarding lead",
                        "Ask them lots of questions to be sure it is true",
                    ],
                    correct=1,
                    explanation=(
                        "You cannot keep it secret, because the person may be at risk. Listen, "
                        "be honest that you have to tell someone, and tell the safeguarding "
                        "lead the same day."
                    ),
                ),
                question(
                    "Which of these is financial abuse?",
                    [
                        "Taking someone's money without asking",
                        "Helping someone pay a bill they asked for help with",
                        "Buying someone a birthday present",
                    ],
                    correct=0,
                    explanation="Taking or using someone's money or belongings without their "
                    "agreement is financial abuse.",
                ),
                question(
                    "Do you need to be sure that abuse is happening before you tell someone?",
                    ["Yes", "No"],
                    correct=1,
                    explanation=(
                        "No. Tell someone if you are worried. Finding out what happened is "
                        "the job of the safeguarding team, not yours."
                    ),
                ),
            ],
        },
        {
            "slug": "equality-diversity-and-inclusion",
            "title": "Equality, diversity and inclusion",
            "summary": (
                "Why everyone should be able to take part, and how to make meetings and "
                "groups welcoming for all."
            ),
            "learning_outcomes": (
                "<ul><li>explain what equality, diversity and inclusion mean</li>"
                "<li>name the characteristics the Equality Act protects</li>"
                "<li>suggest reasonable adjustments that help people take part</li>"
                "<li>challenge unfair treatment in a calm way</li></ul>"
            ),
            "duration": "45 minutes",
            "format": TrainingModulePage.Format.ONLINE,
            "mandatory_for_roles": everyone,
            "mandatory_at_induction": True,
            "renewal_months": 36,
            "body": [
                text(
                    "<h2>What the words mean</h2><ul>"
                    "<li><strong>Equality</strong> means everyone has a fair chance.</li>"
                    "<li><strong>Diversity</strong> means valuing how people are different.</li>"
                    "<li><strong>Inclusion</strong> means making sure people can really take "
                    "part, not just be in the room.</li></ul>"
                    "<h2>The law</h2>"
                    "<p>The Equality Act 2010 protects people from unfair treatment because of "
                    "their age, disability, gender reassignment, marriage or civil partnership, "
                    "pregnancy or maternity, race, religion or belief, sex and sexual "
                    "orientation.</p>"
                    "<h2>Making meetings work for everyone</h2>"
                    "<p>A reasonable adjustment is a change that helps a disabled person take "
                    "part. It could be papers in Easy Read or large print, a hearing loop, a "
                    "British Sign Language interpreter, more breaks or a meeting at a different "
                    "time of day.</p>"
                ),
            ],
            "knowledge_check": [
                question(
                    "What does inclusion mean?",
                    [
                        "Inviting everyone to the same meeting",
                        "Making sure people can really take part",
                        "Treating everyone in exactly the same way",
                    ],
                    correct=1,
                    explanation=(
                        "Inclusion is about taking part, not just being there. Sometimes that "
                        "means doing things differently for different people."
                    ),
                ),
                question(
                    "Which of these is a reasonable adjustment?",
                    [
                        "Sending papers in large print to someone who asked for them",
                        "Asking someone not to come because the room has steps",
                        "Speaking faster so the meeting ends on time",
                    ],
                    correct=0,
                    explanation=(
                        "Large print papers help someone with sight loss take part as fully "
                        "as everyone else."
                    ),
                ),
                question(
                    "Is age one of the characteristics the Equality Act protects?",
                    ["Yes", "No"],
                    correct=0,
                    explanation="Yes. Age is one of the nine protected characteristics.",
                ),
            ],
        },
        {
            "slug": "data-protection-and-confidentiality",
            "title": "Data protection and confidentiality",
            "summary": (
                "How to keep people's information safe, and what you can and cannot talk "
                "about after a meeting."
            ),
            "learning_outcomes": (
                "<ul><li>explain what personal information is</li>"
                "<li>keep papers and emails safe</li>"
                "<li>know what you can share after a meeting and what you cannot</li>"
                "<li>know what to do if information gets lost or sent to the wrong person</li>"
                "</ul>"
            ),
            "duration": "40 minutes",
            "format": TrainingModulePage.Format.ONLINE,
            "mandatory_for_roles": everyone,
            "mandatory_at_induction": True,
            "renewal_months": 12,
            "body": [
                text(
                    "<h2>Personal information</h2>"
                    "<p>Personal information is anything that tells you who someone is, such "
                    "as their name, address or date of birth. Information about someone's "
                    "health is extra sensitive. Data protection law says how it must be "
                    "kept safe.</p>"
                    "<h2>Confidentiality in meetings</h2>"
                    "<p>Some meetings are private. The chair will say what you can talk about "
                    "afterwards. If you are not sure, ask. You can always talk about your own "
                    "experience.</p>"
                    "<h2>Keeping papers safe</h2><ul>"
                    "<li>do not leave papers on the bus or in a café</li>"
                    "<li>give private papers back, or shred them, when you are done</li>"
                    "<li>check who an email is going to before you send it</li></ul>"
                ),
                inset(
                    "<p>If you lose papers or send something to the wrong person, tell the "
                    "involvement team straight away. Telling us quickly matters more than "
                    "the mistake.</p>"
                ),
            ],
            "knowledge_check": [
                question(
                    "Which of these is personal information?",
                    ["Someone's date of birth", "The time of a meeting", "The name of a road"],
                    correct=0,
                    explanation="A date of birth helps tell you who someone is, so it is "
                    "personal information.",
                ),
                question(
                    "After a private meeting, what can you always talk about?",
                    [
                        "What other people said about their lives",
                        "Your own experience",
                        "The names of the people who were there",
                    ],
                    correct=1,
                    explanation=(
                        "Your own experience is yours to share. What others said in a private "
                        "meeting stays in the meeting."
                    ),
                ),
                question(
                    "You sent an email to the wrong person. What should you do?",
                    [
                        "Nothing: it was an accident",
                        "Tell the involvement team straight away",
                        "Delete your copy so nobody knows",
                    ],
                    correct=1,
                    explanation=(
                        "Tell us straight away. We may be able to stop any harm, and we may "
                        "have to report it."
                    ),
                ),
            ],
        },
        {
            "slug": "being-an-effective-panel-member",
            "title": "Being an effective panel member",
            "summary": (
                "Get ready to sit on an interview panel or a tender panel: reading the papers, "
                "asking good questions and scoring fairly."
            ),
            "learning_outcomes": (
                "<ul><li>prepare for a panel using the papers you are sent</li>"
                "<li>ask open questions that draw on your own experience</li>"
                "<li>score against the criteria, not on gut feeling</li>"
                "<li>keep what you read and hear confidential</li></ul>"
            ),
            "duration": "2 hours",
            "format": TrainingModulePage.Format.FACE_TO_FACE,
            "mandatory_for_roles": [roles[PANEL_MEMBER], roles[PAID]],
            "mandatory_at_induction": False,
            "renewal_months": None,
            "body": [
                text(
                    "<h2>Before the panel</h2>"
                    "<p>We send you the papers at least a week before, in the format you need. "
                    "Read the job description or the service specification, and note what "
                    "matters most to people who use the service.</p>"
                    "<h2>On the day</h2>"
                    "<p>Everyone on the panel is equal. Ask open questions, such as 'Tell us "
                    "about a time when…'. Listen to the answers and take short notes.</p>"
                    "<h2>Scoring</h2>"
                    "<p>Score each answer against the criteria you were given, on your own "
                    "first, then talk it through with the panel. You can disagree, and your "
                    "view will be recorded.</p>"
                    "<p>On a tender panel you will read bids from organisations that want to "
                    "run a service. What is in the bids is confidential until the council "
                    "announces its decision.</p>"
                ),
            ],
            "knowledge_check": [
                question(
                    "Which is an open question?",
                    [
                        "Do you like working with people?",
                        "Tell us about a time you helped someone who was upset.",
                        "Have you done this job before?",
                    ],
                    correct=1,
                    explanation=(
                        "An open question cannot be answered with yes or no, so people tell "
                        "you more."
                    ),
                ),
                question(
                    "What should you score each answer against?",
                    ["Your gut feeling", "The criteria you were given", "What the chair thinks"],
                    correct=1,
                    explanation="Scoring against the same criteria keeps things fair for everyone.",
                ),
                question(
                    "Can you tell friends what was in a bid you scored on a tender panel?",
                    ["Yes, once the panel is over", "No, it is confidential"],
                    correct=1,
                    explanation=(
                        "Bids are confidential. Sharing them could be unfair to the "
                        "organisations and could stop the council buying the service."
                    ),
                ),
            ],
        },
    ]


def load_demo(*, home_page: HomePage) -> TrainingIndexPage:
    """The training index under the home page, its modules and the roles they need."""
    roles = load_roles()
    index = get_or_create_child(
        home_page,
        TrainingIndexPage,
        slug="training",
        title="Training",
        show_in_menus=True,
        introduction=(
            "Short courses to help you take part with confidence. Some are needed for your "
            "role, and the involvement team will help you fit them in."
        ),
    )
    for fields in module_pages(roles):
        get_or_create_child(index, TrainingModulePage, **fields)
    safeguarding = index.get_children().filter(slug="safeguarding-adults")
    add_easy_read(safeguarding.specific().first(), SAFEGUARDING_EASY_READ)
    return index


# The Easy Read version of "Safeguarding adults".
SAFEGUARDING_EASY_READ = [
    ("heading", "Keeping people safe"),
    ("point", "Everyone has the right to be safe.", "house"),
    ("point", "Some people may be hurt or treated badly.", "people"),
    ("heading", "What to do"),
    ("point", "If you are worried, tell us the same day.", "talk"),
    ("point", "You do not need to be sure.", "tick"),
    ("point", "We will help you and tell you what happens next.", "calendar"),
]


# Demo members' training histories: for each module (by slug), when it was completed and
# how. ("ago", n): n days ago; ("renew_in", n): so its renewal falls n days from today
# (expiring soon); ("renewed_ago", n): its renewal date passed n days ago (overdue).
# "attended" marks a face-to-face session recorded by the coordinator.
WELCOME = "welcome-and-induction"
SAFEGUARDING = "safeguarding-adults"
EQUALITY = "equality-diversity-and-inclusion"
DATA = "data-protection-and-confidentiality"
PANEL = "being-an-effective-panel-member"

HISTORIES = {
    "member@example.org": {
        WELCOME: ("ago", 150, "online"),
        SAFEGUARDING: ("renew_in", 18, "attended"),
        EQUALITY: ("ago", 148, "online"),
        DATA: ("ago", 90, "online"),
        PANEL: ("ago", 120, "attended"),
    },
    "mentor@example.org": {
        WELCOME: ("ago", 300, "online"),
        SAFEGUARDING: ("ago", 290, "attended"),
        EQUALITY: ("ago", 295, "online"),
        DATA: ("renew_in", 25, "online"),
        PANEL: ("ago", 280, "attended"),
    },
    "amara.okafor@example.org": {
        WELCOME: ("ago", 100, "online"),
        SAFEGUARDING: ("ago", 98, "online"),
        EQUALITY: ("ago", 97, "online"),
        DATA: ("ago", 95, "online"),
    },
    "ben.thompson@example.org": {
        WELCOME: ("ago", 160, "online"),
        SAFEGUARDING: ("renewed_ago", 40, "attended"),
        EQUALITY: ("ago", 155, "online"),
        DATA: ("ago", 60, "online"),
        PANEL: ("ago", 150, "attended"),
    },
    "rhiannon.evans@example.org": {
        WELCOME: ("ago", 170, "online"),
        SAFEGUARDING: ("ago", 165, "attended"),
        EQUALITY: ("ago", 160, "online"),
        DATA: ("renew_in", 10, "online"),
    },
    "graham.scott@example.org": {
        WELCOME: ("ago", 200, "online"),
        SAFEGUARDING: ("ago", 198, "online"),
        EQUALITY: ("ago", 196, "online"),
        DATA: ("ago", 194, "online"),
    },
    "priya.nair@example.org": {
        WELCOME: ("ago", 220, "online"),
        SAFEGUARDING: ("ago", 215, "attended"),
        EQUALITY: ("ago", 218, "online"),
        DATA: ("ago", 120, "online"),
        PANEL: ("ago", 210, "attended"),
    },
    "john.mcdonald@example.org": {
        WELCOME: ("ago", 240, "online"),
        SAFEGUARDING: ("ago", 238, "online"),
        EQUALITY: ("ago", 236, "online"),
        DATA: ("ago", 100, "online"),
    },
}


def _completed_on(module: TrainingModulePage, when: tuple, today: dt.date) -> dt.date:
    kind, days = when
    if kind == "ago":
        return today - dt.timedelta(days=days)
    renewal = today + dt.timedelta(days=days if kind == "renew_in" else -days)
    return add_months(renewal, -(module.renewal_months or 0))


def load_demo_records(*, today: dt.date | None = None) -> list[TrainingCompletion]:
    """Training histories for the demo members: most current, some expiring soon, one
    overdue. Run after the members exist. Safe to run again: a module someone already
    has any completion of is left as it is."""
    today = today or timezone.localdate()
    User = get_user_model()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    modules = {module.slug: module for module in TrainingModulePage.objects.all()}
    people = {user.email: user for user in User.objects.filter(email__in=list(HISTORIES))}
    already = set(
        TrainingCompletion.objects.filter(user__in=people.values()).values_list(
            "user_id", "module_id"
        )
    )
    created = []
    for email, history in HISTORIES.items():
        user = people.get(email)
        if user is None:
            continue
        for slug, (kind, days, how) in history.items():
            module = modules.get(slug)
            if module is None or (user.pk, module.pk) in already:
                continue
            completed_on = _completed_on(module, (kind, days), today)
            attended = how == "attended"
            created.append(
                TrainingCompletionFactory(
                    user=user,
                    module=module,
                    completed_on=completed_on,
                    method=(
                        CompletionMethod.ATTENDANCE
                        if attended
                        else CompletionMethod.KNOWLEDGE_CHECK
                    ),
                    recorded_by=coordinator if attended else None,
                )
            )
    return created
