"""Demo forms under "Get involved": the suggestion box, feedback and the involvement charter.

The charter is written in our own words from the seed policies (a substance misuse
partnership's participation charter and the "Completing the Circle" code of practice).
Safe to run again: pages are found by slug, signatures by organisation name, and a
page's questions are only added when the page is created.
"""

import datetime as dt

from django.utils import timezone
from wagtail.models import Page

from cms.home.demo import get_or_create_child

from .factories import FormFieldFactory
from .models import CharterPage, CharterSignature, FormField, FormPage

TEAM_EMAIL = "involve@example.org"

SERVICES = [
    "Adult social care",
    "Support for carers",
    "Mental health services",
    "Learning disability services",
    "Leaving hospital and getting home",
    "Drug and alcohol services",
    "This involvement programme",
    "Something else",
]


def question(label: str, field_type: str, **options) -> FormField:
    """An unsaved question, saved with its page."""
    return FormFieldFactory.build(label=label, field_type=field_type, **options)


def your_details() -> list[FormField]:
    return [
        question("Your name", "singleline", required=False, identifies_person=True),
        question(
            "Your email address",
            "email",
            required=False,
            identifies_person=True,
            help_text="Only if you would like us to reply.",
        ),
    ]


def load_suggestion_box(*, parent_page: Page) -> FormPage:
    return get_or_create_child(
        parent_page,
        FormPage,
        slug="suggestion-box",
        title="Suggestion box",
        intro=(
            "<p>Tell us how to make health and social care services, or this programme, "
            "better. Ideas big and small are welcome.</p>"
            "<p>You do not have to tell us who you are. The involvement team reads every "
            "suggestion.</p>"
        ),
        allow_anonymous=True,
        submit_button_text="Send suggestion",
        thank_you_heading="Thank you for your suggestion",
        thank_you_text=(
            "<p>The involvement team reads every suggestion within 5 working days and passes "
            "it to the team that runs the service.</p>"
            "<p>If you gave us your email address and said we could contact you, we will tell "
            "you what happened. We also share what changed in our bulletin.</p>"
        ),
        to_address=TEAM_EMAIL,
        subject="A new suggestion from the website",
        form_fields=[
            question(
                "Your suggestion",
                "multiline",
                help_text=(
                    "What could be better, or what works well and should stay. "
                    "Write as much or as little as you like."
                ),
                error_message="Enter your suggestion",
            ),
            question(
                "Which service is it about?",
                "dropdown",
                required=False,
                choices="\n".join(SERVICES),
                help_text="Choose the closest. Leave it if you are not sure.",
            ),
            *your_details(),
            question(
                "You can contact me about my suggestion",
                "checkbox",
                required=False,
                help_text="We will only use your details to talk about this suggestion.",
            ),
        ],
    )


def load_feedback(*, parent_page: Page) -> FormPage:
    return get_or_create_child(
        parent_page,
        FormPage,
        slug="feedback",
        title="Give feedback",
        intro=(
            "<p>Tell us how an involvement activity went for you: a meeting, a focus group, "
            "an interview panel, a visit or a training session.</p>"
            "<p>We use what you say to make the next one better.</p>"
        ),
        allow_anonymous=True,
        submit_button_text="Send feedback",
        thank_you_heading="Thank you for your feedback",
        thank_you_text=(
            "<p>The person who ran the activity and the involvement team will read it. We look "
            "at all feedback together every 3 months and report what we changed.</p>"
        ),
        to_address=TEAM_EMAIL,
        subject="New feedback on an involvement activity",
        form_fields=[
            question(
                "Which activity did you take part in?",
                "singleline",
                help_text="For example, the focus group on home care in March.",
                error_message="Enter the activity you took part in",
            ),
            question(
                "How would you rate it overall?",
                "radio",
                choices="Very good\nGood\nNeither good nor poor\nPoor\nVery poor",
                error_message="Choose how you would rate it overall",
            ),
            question(
                "Did you feel listened to?",
                "radio",
                required=False,
                choices="Yes\nPartly\nNo",
            ),
            question("What went well?", "multiline", required=False),
            question(
                "What could be better?",
                "multiline",
                required=False,
                help_text=(
                    "For example, the papers, the venue, the time of day, "
                    "or how the meeting was run."
                ),
            ),
            *your_details(),
        ],
    )


CHARTER_TEXT = (
    "<h2>Why we have a charter</h2>"
    "<p>People who use health and social care services, and the people who care for them, "
    "know those services from the inside. Their experience makes services better.</p>"
    "<p>Organisations that sign this charter promise to involve people with lived experience "
    "in planning, buying, running and checking services, and to do it well.</p>"
    "<h2>What we promise</h2>"
    "<p>As a partner organisation we will:</p><ul>"
    "<li>treat everyone who takes part with dignity and respect, as an equal partner whose "
    "knowledge counts as much as a professional's</li>"
    "<li>only ask people to get involved when they can make a real difference, and say "
    "clearly what they can and cannot change</li>"
    "<li>never withdraw or change anyone's care or support because of what they said</li>"
    "<li>keep people's personal stories confidential</li>"
    "<li>pay people's expenses, and pay a fee for work we would otherwise pay a "
    "professional to do</li>"
    "<li>send papers in good time and in the format people need, and hold meetings at times "
    "and places that suit them, including carers</li>"
    "<li>train our staff in how to involve people well</li>"
    "<li>go to people's own groups and forums, rather than expect them to come to us</li>"
    "</ul>"
    "<h2>What people who take part can expect</h2><ul>"
    "<li>to know how decisions are made and who makes them</li>"
    "<li>support before, during and after meetings, if they want it</li>"
    "<li>training, and a clear description of their role</li>"
    "<li>to be told what happened because of what they said, and why, if something "
    "did not change</li>"
    "<li>to help check how well services, and this charter, are working</li>"
    "</ul>"
    "<h2>How we check the charter is working</h2>"
    "<p>Once a year, experts by experience and the partner organisations look together at "
    "how well each promise has been kept. We publish what we find.</p>"
)

# (organisation, website, contact name, role, email, days since signing, approved)
SIGNATURES = [
    (
        "Anytown Council Adult Social Care",
        "https://www.anytown.example/adult-social-care",
        "Helen Marsh",
        "Director of Adult Social Care",
        "helen.marsh@anytown.example",
        120,
        True,
    ),
    (
        "Anytown and District NHS Mental Health Trust",
        "https://www.anytownmentalhealth.example",
        "Dr Rajesh Kumar",
        "Director of Nursing",
        "rajesh.kumar@anytownmentalhealth.example",
        95,
        True,
    ),
    (
        "Anytown Carers' Centre",
        "https://www.anytowncarers.example",
        "Mary O'Neill",
        "Manager",
        "mary@anytowncarers.example",
        60,
        True,
    ),
    (
        "The Bridge Recovery Service",
        "https://www.bridgerecovery.example",
        "Tom Evans",
        "Service lead",
        "tom.evans@bridgerecovery.example",
        30,
        True,
    ),
    (
        "Oakfield Housing Association",
        "",
        "Lucy Chen",
        "Tenant involvement officer",
        "lucy.chen@oakfieldhousing.example",
        2,
        False,
    ),
]


def load_charter(*, parent_page: Page) -> CharterPage:
    charter = get_or_create_child(
        parent_page,
        CharterPage,
        slug="charter",
        title="Involvement charter",
        intro=(
            "<p>Our promise to involve people who use services, and their carers, in "
            "everything we do. Partner organisations sign it to make the same promise.</p>"
        ),
        charter_text=CHARTER_TEXT,
        sign_intro=(
            "<p>Sign if you can speak for a health, social care, housing or voluntary "
            "organisation in Anytown. We will check with you before your organisation's name "
            "goes on the list.</p>"
        ),
        thank_you_text=(
            "<p>We usually check signatures within 5 working days. Contact the involvement "
            "team if you have any questions about the charter.</p>"
        ),
        notify_email=TEAM_EMAIL,
    )
    now = timezone.now()
    for organisation, website, name, role, email, days_ago, approved in SIGNATURES:
        signed_at = now - dt.timedelta(days=days_ago)
        CharterSignature.objects.get_or_create(
            page=charter,
            organisation_name=organisation,
            defaults={
                "website": website,
                "contact_name": name,
                "contact_role": role,
                "contact_email": email,
                "signed_at": signed_at,
                "is_approved": approved,
                "approved_at": signed_at + dt.timedelta(days=3) if approved else None,
            },
        )
    return charter


def load_demo(*, home_page: Page, parent_page: Page) -> dict[str, Page]:
    """The suggestion box, feedback form and charter under ``parent_page`` ("Get involved").

    ``home_page`` is taken for the same call as every app's demo; these pages live under
    "Get involved", not the home page.
    """
    return {
        "suggestion_box": load_suggestion_box(parent_page=parent_page),
        "feedback": load_feedback(parent_page=parent_page),
        "charter": load_charter(parent_page=parent_page),
    }
