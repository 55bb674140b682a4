"""Demo content for the home page and the general pages around it.

Drawn from the seed policies (the council's experts by experience notes, the
"Completing the Circle" code of practice, the trust's 4Pi strategy), in our words.
Every function is safe to run again: it finds what exists by slug.
"""

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from cms.core.models import OrganisationSettings

from .models import HomePage, StandardPage


def get_or_create_child(parent: Page, page_class: type[Page], *, slug: str, **fields) -> Page:
    """The child of ``parent`` with this slug, created and published if it is missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing:
        return existing
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def text(html: str) -> tuple:
    return ("text", RichText(html))


def load_home_page() -> HomePage:
    home = HomePage.objects.get(depth=2)
    if home.title != "Involve":
        return home
    home.title = "Your experience can change local services"
    home.seo_title = "Involve: experts by experience"
    home.introduction = (
        "Involve is how people who use health and social care services, and their carers, "
        "help us plan, buy, run and check those services."
    )
    home.save_revision().publish()
    return home


def load_general_pages(*, home_page: HomePage) -> dict[str, StandardPage]:
    """'Get involved' (in the menu) and the pages every footer links to."""
    get_involved = get_or_create_child(
        home_page,
        StandardPage,
        slug="get-involved",
        title="Get involved",
        show_in_menus=True,
        introduction=(
            "If you use health or social care services, or care for someone who does, "
            "your experience can help make them better."
        ),
        body=[
            (
                "text",
                RichText(
                    "<h2>What experts by experience do</h2>"
                    "<p>An expert by experience is someone who knows a service from the inside. "
                    "You do not speak for everyone. You speak from your own life.</p>"
                    "<p>You might:</p><ul>"
                    "<li>sit on an interview panel to choose new staff</li>"
                    "<li>help us read and score bids when we buy a new service</li>"
                    "<li>visit a service and tell us what it is really like</li>"
                    "<li>join a focus group or a forum</li>"
                    "<li>help write a leaflet so that people can understand it</li></ul>"
                ),
            ),
            (
                "inset_text",
                {
                    "body": RichText(
                        "<p>You choose what to do and how much. You can stop or take a break at any time.</p>"
                    )
                },
            ),
            (
                "text",
                RichText(
                    "<h2>Being paid and getting your costs back</h2>"
                    "<p>Some roles are paid. For all roles we pay your travel, parking and other costs, "
                    "including someone to care for the person you look after while you are with us.</p>"
                    "<p>If you get benefits, you can choose not to be paid, or to take a voucher. "
                    "We will help you find free, independent advice first.</p>"
                    "<h2>Support and training</h2>"
                    "<p>We will give you training, a named person to contact, and papers in the format "
                    "you need: large print, Easy Read, audio or British Sign Language.</p>"
                    "<h2>How to join</h2>"
                    "<p>Call or email the involvement team and we will talk it through with you. "
                    "We can fill in the form with you over the phone.</p>"
                ),
            ),
        ],
    )
    accessibility = get_or_create_child(
        home_page,
        StandardPage,
        slug="accessibility-statement",
        title="Accessibility statement",
        introduction="We want as many people as possible to be able to use this website.",
        body=[
            text(
                "<h2>How you can use this website</h2><ul>"
                "<li>change colours, contrast and fonts using your browser</li>"
                "<li>zoom in up to 400% without the text spilling off the screen</li>"
                "<li>get around the site using just a keyboard</li>"
                "<li>use the site with a screen reader</li>"
                "<li>use every form without JavaScript</li></ul>"
                "<h2>How accessible this website is</h2>"
                "<p>We test every page against the Web Content Accessibility Guidelines (WCAG) 2.2 "
                "at level AA with automated checks and by hand.</p>"
                "<h2>If you need something in a different format</h2>"
                "<p>Tell the involvement team if you need a page or a document in large print, "
                "Easy Read, audio or British Sign Language. We will reply within 5 working days.</p>"
                "<h2>Reporting problems</h2>"
                "<p>If something on this site does not work for you, please tell us. If you are not "
                "happy with our reply, contact the Equality Advisory and Support Service (EASS).</p>"
            )
        ],
    )
    privacy = get_or_create_child(
        home_page,
        StandardPage,
        slug="privacy-notice",
        title="Privacy notice",
        introduction="How we use the information you give us, and your rights over it.",
        body=[
            text(
                "<h2>What we collect</h2>"
                "<p>If you join as an expert by experience we keep your contact details, the areas "
                "you have experience of, your access needs and how you would like to be paid.</p>"
                "<p>Some of this is health information. We only keep it with your clear consent, "
                "and only to support you to take part.</p>"
                "<h2>Who can see it</h2>"
                "<p>Only the staff who arrange involvement, and finance staff for payments. "
                "People who write pages for this website cannot see it.</p>"
                "<h2>How long we keep it</h2>"
                "<p>We keep payment records for as long as the law says. We remove the rest when "
                "you leave, unless you ask us to keep in touch.</p>"
                "<h2>Your rights</h2>"
                "<p>You can ask for a copy of everything we hold about you, ask us to correct it, "
                "or ask us to delete it. You can complain to the Information Commissioner's "
                "Office (ICO).</p>"
            )
        ],
    )
    contact = get_or_create_child(
        home_page,
        StandardPage,
        slug="contact-us",
        title="Contact us",
        introduction="Talk to the involvement team in the way that suits you.",
        body=[
            text(
                "<h2>Phone</h2><p>Call 0300 123 4567, Monday to Friday, 9am to 5pm. "
                "If you use a textphone, dial 18001 first.</p>"
                "<h2>Email</h2><p>involve@example.org. We reply within 2 working days.</p>"
                "<h2>Post</h2><p>Involvement Team, Civic Centre, High Street, Anytown AN1 1AA</p>"
                "<h2>Face to face</h2><p>We hold drop-in sessions at the Civic Centre on the "
                "first Tuesday of each month, 10am to 12 noon. The building is step free and has "
                "a hearing loop.</p>"
            )
        ],
    )
    return {
        "get_involved": get_involved,
        "accessibility_statement": accessibility,
        "privacy_notice": privacy,
        "contact": contact,
    }


def load_organisation_settings(*, general_pages: dict[str, StandardPage]) -> None:
    site = Site.objects.get(is_default_site=True)
    organisation = OrganisationSettings.for_site(site)
    if organisation.contact_email:
        return
    organisation.organisation_name = "Involve"
    organisation.organisation_descriptor = "Experts by experience in Anytown"
    organisation.contact_email = "involve@example.org"
    organisation.contact_phone = "0300 123 4567"
    organisation.accessibility_statement = general_pages["accessibility_statement"]
    organisation.privacy_notice = general_pages["privacy_notice"]
    organisation.contact_page = general_pages["contact"]
    organisation.save()


def fill_home_page(*, home_page: HomePage, sections: dict[str, Page]) -> None:
    """Compose the home page from blocks once the pages it links to exist."""
    if home_page.body:
        return
    cards = [
        {"page": sections[key], "heading": heading, "text": blurb}
        for key, heading, blurb in [
            ("get_involved", "Get involved", "What experts by experience do and how to join."),
            ("training", "Training", "Short courses to help you take part with confidence."),
            ("jargon_buster", "Jargon buster", "What the words that services use really mean."),
            ("bulletins", "Bulletins", "News, opportunities and what changed, every season."),
            ("resources", "Welcome pack and resources", "Expenses, meeting guides and Easy Read."),
        ]
        if key in sections
    ]
    home_page.body = [
        (
            "hero",
            {
                "heading": "Your experience can change local services",
                "text": (
                    "Help us plan, buy and check health and social care services. "
                    "We pay your costs, and we always tell you what changed."
                ),
                "link_page": sections["opportunities"],
                "link_text": "Find an opportunity",
            },
        ),
        (
            "promises",
            {
                "heading": "What we promise",
                "promises": [
                    {
                        "heading": "Involved before we decide",
                        "text": "We ask you early, and we tell you what you can and cannot change.",
                    },
                    {
                        "heading": "Nobody out of pocket",
                        "text": "We pay your travel, care and support costs, and pay for paid roles.",
                    },
                    {
                        "heading": "You said, we did",
                        "text": "We always tell you what happened because of what you said.",
                    },
                ],
            },
        ),
        ("latest_opportunities", {"heading": "Opportunities open now", "count": 3}),
        ("card_links", {"heading": "Find out more", "cards": cards}),
        (
            "quote",
            {
                "quote": (
                    "I sat on the panel that chose the new day service. They listened, and the "
                    "service now opens at weekends."
                ),
                "attribution": "An expert by experience and carer",
            },
        ),
    ]
    home_page.save_revision().publish()
