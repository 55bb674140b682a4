"""Demo resources: the welcome pack, policies, support sheets and Easy Read versions.

Drawn from the seed policies (the council's notes on a welcome pack for experts by experience,
the "Completing the Circle" code of practice, the directorate's volunteering policy on expenses,
safeguarding and confidentiality, the trust's promise of an information pack with a jargon
buster), in our own words.

Safe to run again: the index and each resource are found by slug, and nothing that exists
changes.
"""

import datetime as dt

from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.easyread.demo import add_easy_read
from cms.home.demo import get_or_create_child

from .models import ResourceCategory, ResourceIndexPage, ResourcePage

REVIEWED = dt.date(2026, 4, 1)


def text(html: str) -> tuple:
    return ("text", RichText(html))


def inset(html: str) -> tuple:
    return ("inset_text", {"body": RichText(html)})


def details(title: str, html: str) -> tuple:
    return ("details", {"title": title, "body": [("richtext", RichText(html))]})


def page_link(page: Page | None, label: str) -> str:
    """A rich text link to ``page``, or just the words if the page is missing."""
    if page is None:
        return label
    return f'<a linktype="page" id="{page.pk}">{label}</a>'


def _jargon_buster() -> Page | None:
    from cms.glossary.models import JargonBusterPage

    return JargonBusterPage.objects.live().first()


def payment_policy_fields() -> dict:
    return {
        "title": "Payment and expenses policy",
        "category": ResourceCategory.POLICIES,
        "summary": (
            "When we pay people for their time, which costs we pay back, and how we make "
            "sure nobody is out of pocket for helping us."
        ),
        "last_reviewed": REVIEWED,
        "body": [
            text(
                "<h2>Our promise</h2>"
                "<p>Nobody should be out of pocket because they helped us. Money should never "
                "stop someone taking part.</p>"
                "<h2>Paid roles and voluntary roles</h2>"
                "<p>Some roles are paid, such as sitting on an interview panel or a tender "
                "panel, or training our staff. Each opportunity says whether it is paid, how "
                "much, and what the payment is for.</p>"
                "<p>Other roles are voluntary. We do not pay for your time, but we always "
                "pay back your costs.</p>"
                "<h2>Costs we pay back</h2><ul>"
                "<li>travel by bus, train or taxi, or mileage if you drive</li>"
                "<li>parking</li>"
                "<li>replacement care for the person you look after while you are with us</li>"
                "<li>a personal assistant or support worker if you need one to take part</li>"
                "<li>phone or internet costs for online meetings, if you ask first</li></ul>"
                "<p>If something else costs you money, ask us before you spend it.</p>"
                "<h2>How to claim</h2>"
                "<p>Claim within 3 months. Send us your receipts or a photo of them. We aim "
                "to pay within 10 working days.</p>"
                "<h2>If you get benefits</h2>"
                "<p>Being paid can affect some benefits. Paying back your costs does not. "
                "You can choose to be paid, to take a voucher, or to claim costs only. We "
                "will help you get free, independent advice before you decide.</p>"
            ),
        ],
    }


def confidentiality_fields() -> dict:
    return {
        "title": "Confidentiality",
        "category": ResourceCategory.POLICIES,
        "summary": (
            "What you can and cannot talk about outside a meeting, and how we keep your "
            "own information private."
        ),
        "last_reviewed": REVIEWED,
        "body": [
            text(
                "<h2>What we ask of you</h2>"
                "<p>Sometimes you will see plans or papers before they are made public. "
                "We will tell you clearly what you can and cannot talk about outside the "
                "meeting. If you are not sure, ask the chair or the involvement team.</p>"
                "<p>Do not share anything that could identify a person who uses services, "
                "a member of staff or another expert by experience.</p>"
                "<p>Once something is made public, you are free to talk about it.</p>"
                "<h2>What we promise you</h2>"
                "<p>Your own story is yours. We will not share what you tell us about your "
                "life, your health or your family unless you agree, or unless someone is at "
                "risk of harm.</p>"
                "<p>You can always choose whether to carry on taking part, and you can talk "
                "to us in private about anything personal.</p>"
                "<h2>The confidentiality agreement</h2>"
                "<p>Before some roles, such as tender panels, we will ask you to sign a short "
                "agreement. We will go through it with you first.</p>"
            ),
        ],
    }


def safeguarding_fields() -> dict:
    return {
        "title": "Safeguarding",
        "category": ResourceCategory.POLICIES,
        "summary": (
            "How we keep children and adults who may be at risk safe from harm, and what to "
            "do if you are worried about someone."
        ),
        "last_reviewed": REVIEWED,
        "body": [
            (
                "warning",
                {
                    "title": "If someone is in danger now",
                    "heading_level": 2,
                    "body": RichText("<p>Call 999.</p>"),
                },
            ),
            text(
                "<h2>What safeguarding means</h2>"
                "<p>Safeguarding means protecting people's right to live safely, free from "
                "abuse and neglect. It applies to staff, volunteers and the people who use "
                "our services.</p>"
                "<h2>If you are worried about someone</h2>"
                "<p>Tell the involvement team or the person running the meeting the same "
                "day. You do not need to be sure. Do not promise to keep it a secret, and "
                "do not try to find out more yourself.</p>"
                "<h2>Checks and training</h2>"
                "<p>If a role means you will meet children or adults who may be at risk, we "
                "will ask for a Disclosure and Barring Service (DBS) check. We arrange it and "
                "pay for it.</p>"
                "<p>Everyone takes safeguarding training in their first month, and again "
                "every two years.</p>"
            ),
        ],
    }


def payment_guide_fields(policy: Page) -> dict:
    return {
        "title": "How payment and expenses work",
        "category": ResourceCategory.WELCOME_PACK,
        "summary": "What we pay for, how to claim your costs, and what to do if you get benefits.",
        "body": [
            text(
                "<h2>Before you take part</h2>"
                "<p>Every opportunity tells you whether it is paid or voluntary, and which "
                "costs we pay back. If it is not clear, ask us before you start.</p>"
                "<h2>On the day</h2>"
                "<p>Keep your bus or train tickets, parking receipts and any other receipts. "
                "If you drive, note how many miles you travelled.</p>"
                "<h2>Afterwards</h2>"
                "<p>Claim within 3 months. Sign in to claim online, or ask us for a paper "
                "form. We aim to pay within 10 working days, straight into your bank "
                "account.</p>"
            ),
            inset(
                "<p>If you get benefits, talk to us before you accept a paid role. We will "
                "help you get free, independent advice.</p>"
            ),
            text(
                "<p>The full rules are in our "
                f"{page_link(policy, 'payment and expenses policy')}.</p>"
            ),
        ],
    }


def payment_guide_easy_read_fields(standard: Page) -> dict:
    return {
        "title": "How payment and expenses work (Easy Read)",
        "category": ResourceCategory.WELCOME_PACK,
        "summary": "How we pay you back for money you spend to help us.",
        "easy_read_of": standard,
        "body": [
            text(
                "<h2>You should not lose money</h2>"
                "<p>You help us make services better.</p>"
                "<p>You should not lose money when you help us.</p>"
                "<h2>What we pay for</h2><ul>"
                "<li>Your bus, train or taxi.</li>"
                "<li>Parking your car.</li>"
                "<li>Someone to care for the person you look after.</li>"
                "<li>A support worker, if you need one.</li></ul>"
                "<h2>Some jobs are paid</h2>"
                "<p>Some jobs pay you for your time.</p>"
                "<p>We will tell you before you start.</p>"
                "<h2>Keep your tickets</h2>"
                "<p>Keep your tickets and receipts.</p>"
                "<p>Send them to us.</p>"
                "<p>We will pay you back in about 2 weeks.</p>"
                "<h2>If you get benefits</h2>"
                "<p>Talk to us first.</p>"
                "<p>We will help you get advice.</p>"
            ),
        ],
    }


# The points with pictures at the top of "How payment and expenses work (Easy Read)".
PAYMENT_EASY_READ_POINTS = [
    ("point", "You should not lose money when you help us.", "money"),
    ("point", "Keep your tickets and send them to us.", "tick"),
    ("point", "We pay you back in about 2 weeks.", "calendar"),
]


def what_to_expect_fields() -> dict:
    return {
        "title": "Welcome to Involve: what to expect",
        "category": ResourceCategory.WELCOME_PACK,
        "summary": (
            "A welcome from the involvement team, what you can expect from us, and what we "
            "ask of you."
        ),
        "body": [
            text(
                "<h2>Welcome</h2>"
                "<p>Thank you for joining us. Your experience of using services, or of "
                "caring for someone who does, helps us plan, buy and check health and "
                "social care services. It makes them better.</p>"
                "<p>You are an expert by experience. You speak from your own life, not for "
                "everyone. That is what makes your view so useful.</p>"
                "<h2>How we are organised</h2>"
                "<p>The council and the NHS trust plan and pay for services together. Each "
                "area, such as adult social care or mental health, has a team and a board "
                "that makes decisions. The involvement team links you with them.</p>"
                "<h2>What you can expect from us</h2><ul>"
                "<li>a named person to contact</li>"
                "<li>a clear description of each task, and what you can and cannot change</li>"
                "<li>papers at least a week before a meeting, in the format you need</li>"
                "<li>training and support, including a meeting before the meeting</li>"
                "<li>your costs paid, and payment for paid roles</li>"
                "<li>feedback on what changed because of what you said</li></ul>"
                "<h2>What we ask of you</h2><ul>"
                "<li>tell us if you cannot come, as early as you can</li>"
                "<li>respect other people's views and experiences</li>"
                "<li>keep private things private</li>"
                "<li>tell us what support you need</li></ul>"
            ),
            details(
                "Meetings, parking and getting here",
                "<p>We send a calendar of our regular meetings each year. Most are at the "
                "Civic Centre, which has step-free access, a hearing loop and free parking, "
                "with Blue Badge spaces by the door. Ask us for a parking permit.</p>",
            ),
        ],
    }


def code_of_practice_fields() -> dict:
    return {
        "title": "Our code of practice for involvement",
        "category": ResourceCategory.WELCOME_PACK,
        "summary": (
            "The promises staff make when they involve experts by experience, written with "
            "the people we involve."
        ),
        "body": [
            text(
                "<p>Involvement means doing something together, as part of a relationship. "
                "Our staff follow these four promises.</p>"
                "<h2>1. We involve you as an expert by experience</h2>"
                "<p>Your own experience is what matters. You are not expected to speak for "
                "everyone. We offer many ways to take part, and you choose which suit you.</p>"
                "<h2>2. We are clear about what we are asking</h2>"
                "<p>We tell you what the task is, what you need to do, who makes the final "
                "decision and what might change. We give you the information and training "
                "you need, and we pay for personal support if you need it.</p>"
                "<h2>3. We build a good working relationship</h2>"
                "<p>We keep in touch in good time and we are open and honest. We are clear "
                "about what is confidential. When the work is finished, we tell you what "
                "happened.</p>"
                "<h2>4. We work together to make it worthwhile</h2>"
                "<p>We look back on the work together, regularly. If we disagree, we say "
                "what can and cannot change, and why.</p>"
            ),
        ],
    }


def preparing_for_a_meeting_fields() -> dict:
    return {
        "title": "Preparing for a meeting",
        "category": ResourceCategory.SUPPORT_SHEETS,
        "summary": "What to do before, during and after a meeting, so you can have your say.",
        "body": [
            text(
                "<h2>Before the meeting</h2><ul>"
                "<li>read the papers: we send them at least a week before</li>"
                "<li>write down what you want to say, and any questions</li>"
                "<li>ask for a pre-meeting if you want to talk it through first</li>"
                "<li>tell us about any access needs, such as a hearing loop or an interpreter</li></ul>"
                "<h2>At the meeting</h2><ul>"
                "<li>the chair will introduce everyone: it is fine to ask who someone is</li>"
                "<li>if someone uses a word you do not know, ask what it means</li>"
                "<li>let each person finish before you speak</li>"
                "<li>you can take a break at any time</li></ul>"
                "<h2>After the meeting</h2>"
                "<p>Keep your receipts so you can claim your costs. If anything upset you, "
                "or you have more to say, contact the involvement team.</p>"
            ),
        ],
    }


def preparing_for_a_meeting_easy_read_fields(standard: Page) -> dict:
    return {
        "title": "Preparing for a meeting (Easy Read)",
        "category": ResourceCategory.SUPPORT_SHEETS,
        "summary": "How to get ready for a meeting.",
        "easy_read_of": standard,
        "body": [
            text(
                "<h2>Before the meeting</h2>"
                "<p>We send you papers to read.</p>"
                "<p>Write down what you want to say.</p>"
                "<p>Tell us if you need help to come.</p>"
                "<h2>At the meeting</h2>"
                "<p>You can ask questions.</p>"
                "<p>You can ask what a word means.</p>"
                "<p>You can have a break.</p>"
                "<h2>After the meeting</h2>"
                "<p>Keep your tickets so we can pay you back.</p>"
                "<p>Call us if you want to talk.</p>"
            ),
        ],
    }


def jargon_fields() -> dict:
    buster = _jargon_buster()
    return {
        "title": "What the jargon means",
        "category": ResourceCategory.SUPPORT_SHEETS,
        "summary": "Some words you will hear at meetings, and what they mean in plain English.",
        "body": [
            text(
                "<p>Health and care services use a lot of words and letters that most "
                "people never need. Here are some you will often hear.</p><ul>"
                "<li><strong>Commissioning</strong>: planning and buying services</li>"
                "<li><strong>Tender</strong>: when a service is put out for organisations to "
                "bid to run it</li>"
                "<li><strong>Co-production</strong>: designing and deciding together, as equal "
                "partners, from the start</li>"
                "<li><strong>Safeguarding</strong>: keeping people safe from abuse and "
                "neglect</li>"
                "<li><strong>Agenda</strong>: the list of things a meeting will talk about</li>"
                "<li><strong>Minutes</strong>: the written record of a meeting</li></ul>"
                f"<p>For many more words, see the {page_link(buster, 'jargon buster')}. "
                "If someone uses a word you do not know, it is always fine to ask.</p>"
            ),
        ],
    }


def load_demo(*, home_page: Page) -> ResourceIndexPage:
    """The Resources page at /resources/ with the welcome pack, policies and support sheets."""
    index = get_or_create_child(
        home_page,
        ResourceIndexPage,
        slug="resources",
        title="Resources",
        show_in_menus=True,
        introduction=(
            "Everything you need to take part: the welcome pack, our policies and short "
            "support sheets. Some are also in Easy Read."
        ),
    )

    def add(slug: str, fields: dict) -> ResourcePage:
        return get_or_create_child(index, ResourcePage, slug=slug, **fields)

    add("what-to-expect", what_to_expect_fields())
    # The policy comes before the welcome pack guide that links to it.
    policy = add("payment-and-expenses-policy", payment_policy_fields())
    payment_guide = add("how-payment-and-expenses-work", payment_guide_fields(policy))
    add("code-of-practice", code_of_practice_fields())
    add("confidentiality", confidentiality_fields())
    add("safeguarding", safeguarding_fields())
    meeting = add("preparing-for-a-meeting", preparing_for_a_meeting_fields())
    add("what-the-jargon-means", jargon_fields())
    payment_easy_read = add(
        "how-payment-and-expenses-work-easy-read",
        payment_guide_easy_read_fields(payment_guide),
    )
    add_easy_read(payment_easy_read, PAYMENT_EASY_READ_POINTS)
    add("preparing-for-a-meeting-easy-read", preparing_for_a_meeting_easy_read_fields(meeting))
    return index
