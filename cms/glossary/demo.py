"""Demo content for the jargon buster: the A to Z page and the words services use.

Written in plain English (a reading age of about 9) from the vocabulary of the seed
policies. Safe to run again: terms and the page are found by slug, and nothing that
exists already is changed.
"""

from cms.home.demo import get_or_create_child
from cms.home.models import HomePage

from .factories import GlossaryTermFactory
from .models import GlossaryTerm, JargonBusterPage

# (term, slug, other names, meaning, Easy Read meaning)
TERMS = [
    (
        "Advocacy",
        "advocacy",
        "advocate",
        "Help from someone who speaks up for you, or helps you speak up for yourself, "
        "so that your views are heard.",
        "An advocate helps you say what you want.",
    ),
    (
        "Agenda",
        "agenda",
        "",
        "A list of the things a meeting will talk about, in order. "
        "You should get it a week before the meeting.",
        "A list of what a meeting will talk about.",
    ),
    (
        "Care plan",
        "care-plan",
        "support plan",
        "A written plan of the care and support someone gets. It says what help they need "
        "and who will give it, and it is agreed with them.",
        "",
    ),
    (
        "Carer",
        "carer",
        "unpaid carer",
        "Someone who looks after a family member, partner or friend who needs help because "
        "of illness, disability, mental health or addiction, without being paid for it.",
        "",
    ),
    (
        "Carer's assessment",
        "carers-assessment",
        "carers assessment",
        "A talk with the council about how caring affects your life, and what support could "
        "help you. Any carer can ask for one.",
        "",
    ),
    (
        "Commissioning",
        "commissioning",
        "",
        "How the council or the NHS works out what services people need, buys them, and "
        "checks that they work well.",
        "Deciding what services are needed and paying for them.",
    ),
    (
        "Confidentiality",
        "confidentiality",
        "confidential",
        "Keeping private information private. You do not share what you learn about people, "
        "or what was said in a private meeting, unless you are told you can.",
        "Keeping things private.",
    ),
    (
        "Consultation",
        "consultation",
        "consult",
        "When an organisation asks people what they think about a plan before it makes a "
        "final decision.",
        "",
    ),
    (
        "Co-production",
        "co-production",
        "coproduction\nco-produce\nco-produced",
        "When people who use services, carers and staff work together as equals to plan, "
        "design and check services, from the very start.",
        "Working together as equals from the start.",
    ),
    (
        "CQC",
        "cqc",
        "Care Quality Commission",
        "The Care Quality Commission. It checks health and care services in England and "
        "says how good they are.",
        "",
    ),
    (
        "DBS check",
        "dbs-check",
        "DBS\nDisclosure and Barring Service check\ncriminal record check",
        "A check of someone's criminal record by the Disclosure and Barring Service. "
        "Some roles need one before you start.",
        "A check that it is safe for you to work with people.",
    ),
    (
        "Data protection",
        "data-protection",
        "GDPR\nUK GDPR\nData Protection Act",
        "The law about how organisations collect, keep and use information about people. "
        "It keeps your information safe and lets you see what is held about you.",
        "",
    ),
    (
        "Direct payment",
        "direct-payment",
        "",
        "Money from the council paid to you, so that you can arrange and pay for your own "
        "care and support.",
        "",
    ),
    (
        "Easy Read",
        "easy-read",
        "",
        "A way of writing that uses short sentences, everyday words and pictures, so that "
        "information is easier to understand.",
        "Short sentences and pictures.",
    ),
    (
        "Expenses",
        "expenses",
        "out-of-pocket expenses",
        "Money paid back to you for what it costs you to take part, such as bus fares, "
        "parking or replacement care.",
        "",
    ),
    (
        "Expert by experience",
        "expert-by-experience",
        "experts by experience",
        "Someone who uses, or has used, a service, or cares for someone who does. They use "
        "what they know from their own life to help make services better.",
        "Someone who helps make services better, because they have used them.",
    ),
    (
        "Focus group",
        "focus-group",
        "",
        "A small group of people who meet once to talk about one topic. Someone asks "
        "questions and listens to what the group says.",
        "",
    ),
    (
        "Forum",
        "forum",
        "",
        "A group that meets regularly, where people who use services and carers talk with "
        "staff about how services are working.",
        "",
    ),
    (
        "ICB",
        "icb",
        "Integrated Care Board",
        "The NHS organisation that plans and pays for most health services in a local area.",
        "",
    ),
    (
        "Induction",
        "induction",
        "",
        "The training and information you get when you first start, to help you settle in. "
        "Ours happens in your first month.",
        "",
    ),
    (
        "Involvement payment",
        "involvement-payment",
        "",
        "Money paid to you for your time when you take part in paid involvement work. "
        "It is separate from your expenses.",
        "",
    ),
    (
        "Lay representative",
        "lay-representative",
        "lay member\nlay rep",
        "Someone who is not a health or care professional, who sits on a group or committee "
        "to bring the point of view of people who use services.",
        "",
    ),
    (
        "Listening event",
        "listening-event",
        "",
        "A meeting where an organisation mostly listens to what people have to say about a "
        "service or a plan.",
        "",
    ),
    (
        "Lived experience",
        "lived-experience",
        "",
        "What you know from your own life, such as using a service or caring for someone, "
        "rather than from training or study.",
        "",
    ),
    (
        "Mental capacity",
        "mental-capacity",
        "Mental Capacity Act",
        "Being able to make a particular decision for yourself at the time it needs making. "
        "The law says we must start by believing that people can.",
        "",
    ),
    (
        "Minutes",
        "minutes",
        "meeting minutes",
        "A written record of what was said and agreed at a meeting, usually shared with "
        "everyone afterwards.",
        "Notes of what a meeting said and agreed.",
    ),
    (
        "Mystery shopping",
        "mystery-shopping",
        "mystery shopper",
        "When someone uses or contacts a service as if they were an ordinary customer, then "
        "tells the organisation what it was like.",
        "",
    ),
    (
        "Peer support",
        "peer-support",
        "peer supporter",
        "Support from someone who has been through something like you have.",
        "",
    ),
    (
        "Personal budget",
        "personal-budget",
        "",
        "The amount of money the council will spend on your care and support. "
        "You have a say in how it is spent.",
        "",
    ),
    (
        "Quorum",
        "quorum",
        "quorate",
        "The smallest number of members who must be at a meeting before it can make decisions.",
        "",
    ),
    (
        "Reablement",
        "reablement",
        "",
        "Short-term help at home, usually for up to 6 weeks, to get back your skills and "
        "confidence after an illness or a stay in hospital.",
        "",
    ),
    (
        "Reasonable adjustment",
        "reasonable-adjustment",
        "",
        "A change made so that a disabled person can take part as fully as anyone else, "
        "such as papers in large print, a hearing loop or more breaks.",
        "A change that helps you take part.",
    ),
    (
        "Recovery",
        "recovery",
        "",
        "In mental health and addiction services, living a good and hopeful life on your own "
        "terms. It is your own journey, not only getting better.",
        "",
    ),
    (
        "Replacement care",
        "replacement-care",
        "respite care\nrespite\nshort break",
        "Care for the person you look after while you have a break or take part in "
        "something. We pay for it when you are involved with us.",
        "Someone looks after the person you care for, so that you can come.",
    ),
    (
        "Safeguarding",
        "safeguarding",
        "safeguarding adults",
        "Protecting people from abuse and neglect, and acting quickly when someone may be at risk.",
        "Keeping people safe from harm.",
    ),
    (
        "Service user",
        "service-user",
        "person who uses services",
        "Someone who uses health or social care services. Many people prefer to be called "
        "'a person who uses services'.",
        "",
    ),
    (
        "Stakeholder",
        "stakeholder",
        "",
        "Anyone who has an interest in a service, or is affected by it.",
        "",
    ),
    (
        "Statutory",
        "statutory",
        "",
        "Something the law says must happen.",
        "",
    ),
    (
        "Substance misuse",
        "substance-misuse",
        "substance use",
        "Using drugs or alcohol in a way that harms your health or your life.",
        "",
    ),
    (
        "Supervision",
        "supervision",
        "",
        "A regular, private meeting with a named person about how your role is going and "
        "what support you need. Ours are at most two months apart.",
        "",
    ),
    (
        "Tender",
        "tender",
        "tendering\ninvitation to tender",
        "The formal way that the council or the NHS buys a service. Organisations send in "
        "bids, and the best one is chosen.",
        "",
    ),
    (
        "Tender panel",
        "tender-panel",
        "",
        "The group that reads and scores the bids when a service is bought. Experts by "
        "experience often sit on them.",
        "",
    ),
    (
        "Terms of reference",
        "terms-of-reference",
        "ToR",
        "A short document that says what a group is for, who is in it, how often it meets "
        "and how it makes decisions.",
        "",
    ),
]

# Words that also have an everyday meaning: listed in the A to Z but not explained on pages.
NOT_EXPLAINED_ON_PAGES = {"minutes"}

RELATED = {
    "tender": ["tender-panel", "commissioning"],
    "commissioning": ["tender-panel", "consultation"],
    "co-production": ["consultation", "expert-by-experience"],
    "carer": ["carers-assessment", "replacement-care"],
    "dbs-check": ["safeguarding"],
    "data-protection": ["confidentiality"],
    "agenda": ["minutes", "quorum", "terms-of-reference"],
    "personal-budget": ["direct-payment", "care-plan"],
    "expert-by-experience": ["lived-experience", "service-user"],
    "peer-support": ["recovery"],
    "expenses": ["involvement-payment", "replacement-care"],
    "lay-representative": ["forum"],
}


def load_terms() -> dict[str, GlossaryTerm]:
    """Every demo term by slug; new terms get their related terms, existing ones are left."""
    existing = set(GlossaryTerm.objects.values_list("slug", flat=True))
    terms = {
        slug: GlossaryTermFactory(
            term=term,
            slug=slug,
            other_names=other_names,
            meaning=meaning,
            easy_read_meaning=easy_read,
            explain_on_pages=slug not in NOT_EXPLAINED_ON_PAGES,
        )
        for term, slug, other_names, meaning, easy_read in TERMS
    }
    for slug, related_slugs in RELATED.items():
        if slug not in existing:
            terms[slug].related_terms.add(*(terms[other] for other in related_slugs))
    return terms


def load_demo(*, home_page: HomePage) -> JargonBusterPage:
    """The jargon buster page under the home page, and its terms."""
    load_terms()
    return get_or_create_child(
        home_page,
        JargonBusterPage,
        slug="jargon-buster",
        title="Jargon buster",
        show_in_menus=True,
        introduction=(
            "Health and care services use a lot of words that most people never need. "
            "Here is what they mean, in plain English. If a word is missing, tell the "
            "involvement team and we will add it."
        ),
    )
