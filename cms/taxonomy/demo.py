"""The service areas a council's adult social care, an NHS trust and a substance misuse
partnership work across. Safe to run again: each is found by its slug."""

from .models import ServiceArea

SERVICE_AREAS = [
    ("older-people", "Older people", "Services for people in later life, at home or in care."),
    ("dementia", "Dementia", "Support for people living with dementia and their families."),
    ("mental-health", "Mental health", "Services for people with mental health problems."),
    (
        "learning-disability",
        "Learning disability",
        "Support for people with a learning disability to live the life they choose.",
    ),
    ("autism", "Autism", "Services and support for autistic people of any age."),
    (
        "physical-disability",
        "Physical disability",
        "Support for people with a physical disability or long-term condition.",
    ),
    (
        "sensory-impairment",
        "Sensory impairment",
        "Services for people who are blind, partially sighted, Deaf or hard of hearing.",
    ),
    (
        "substance-misuse",
        "Substance misuse",
        "Treatment and recovery services for people who use drugs or alcohol.",
    ),
    ("carers", "Carers", "Support for people who look after a family member or friend."),
    (
        "children-and-families",
        "Children and families",
        "Services for children, young people and their families.",
    ),
    ("homelessness", "Homelessness", "Help for people who are homeless or may lose their home."),
    (
        "hospital-discharge",
        "Leaving hospital",
        "Help to get home, and settle back in, after a stay in hospital.",
    ),
]


def load_demo() -> None:
    """Create the demo service areas that are missing; leave existing ones as editors left them."""
    for slug, name, description in SERVICE_AREAS:
        ServiceArea.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
