"""Demo agreements: the three documents, version 1 of each, and version 2 of the code of
conduct, so demo members are asked to sign it again. Safe to run again: documents are found
by kind and versions by number, and nothing that exists is changed."""

import datetime as dt

from django.utils import timezone

from .models import AgreementDocument, AgreementKind, AgreementVersion

CONFIDENTIALITY = """
<p>In meetings you may hear about people's care, about staff, or about plans that are not
public yet. This agreement is about keeping that information safe.</p>
<h3>What I agree to</h3>
<ul>
<li>I will not tell anyone outside the meeting about a person's care or their life, and I will
not share anything that could identify them.</li>
<li>I will keep papers marked "confidential" safe, and give them back or destroy them when I am
asked to.</li>
<li>I will ask the chair if I am not sure what I can talk about outside a meeting.</li>
<li>I can still talk about my own experience, and I can talk about things once they are
public.</li>
</ul>
<h3>What we agree to</h3>
<ul>
<li>We will always tell you what can and cannot be discussed outside a meeting.</li>
<li>We will tell you when something is public, so that you are free to talk about it.</li>
<li>If you would rather not hear confidential things, you can choose not to take part, with no
questions asked.</li>
</ul>
<p>If someone tells you they, or another person, are at risk of harm, tell a member of staff
straight away. Keeping people safe comes before keeping a secret.</p>
"""

VOLUNTEER = """
<p>This agreement says what you can expect from us and what we hope for from you. It is not a
contract of employment, and you can stop taking part at any time.</p>
<h3>What we will do</h3>
<ul>
<li>Explain each role clearly before you say yes, including whether it is paid.</li>
<li>Give you an induction in your first month: equality, safeguarding, data protection, and
health and safety.</li>
<li>Give you a named supervisor and meet with you at least every two months.</li>
<li>Pay your expenses, and your involvement payment if the role is paid, promptly.</li>
<li>Make the adjustments you need so that you can take part.</li>
<li>Tell you what happened because of your involvement.</li>
</ul>
<h3>What we ask of you</h3>
<ul>
<li>Let us know if you cannot come to something you agreed to.</li>
<li>Follow our code of conduct and our confidentiality agreement.</li>
<li>Talk to your supervisor if you have a problem or a worry.</li>
<li>Do not accept gifts from people who use services.</li>
</ul>
"""

CODE_OF_CONDUCT_V1 = """
<p>We want everyone to give honest views, and everyone to feel safe to speak.</p>
<h3>At meetings and events I will</h3>
<ul>
<li>Treat everyone with respect, and let other people have their say.</li>
<li>Not treat anyone unfairly because of their race, sex, disability, religion or belief,
sexual orientation, gender identity or age.</li>
<li>Not bully anyone, or use abusive or threatening words.</li>
<li>Speak from my own experience, not on behalf of others.</li>
</ul>
<p>If someone does not keep to this code, the chair may ask them to leave the meeting.</p>
"""

CODE_OF_CONDUCT_V2 = CODE_OF_CONDUCT_V1.replace(
    "<li>Speak from my own experience, not on behalf of others.</li>",
    "<li>Speak from my own experience, not on behalf of others.</li>\n"
    "<li>Keep to the same standards online: in video calls, emails and group chats.</li>\n"
    "<li>Tell staff if I need something to take part, such as breaks or papers in "
    "another format.</li>",
)

DOCUMENTS = [
    (
        AgreementKind.CONFIDENTIALITY,
        "Confidentiality agreement",
        "How we all keep people's personal information safe.",
        [(CONFIDENTIALITY, "")],
    ),
    (
        AgreementKind.VOLUNTEER,
        "Volunteer agreement",
        "What you can expect from us, and what we hope for from you.",
        [(VOLUNTEER, "")],
    ),
    (
        AgreementKind.CODE_OF_CONDUCT,
        "Code of conduct",
        "How we treat each other at meetings and events, so that everyone can speak.",
        [
            (CODE_OF_CONDUCT_V1, ""),
            (
                CODE_OF_CONDUCT_V2,
                "We added two promises: to keep the same standards online, and to tell staff "
                "about anything you need to take part.",
            ),
        ],
    ),
]


def load_demo() -> dict[str, AgreementDocument]:
    """Create the demo agreements that are missing; leave existing ones as editors left them."""
    now = timezone.now()
    documents = {}
    for kind, title, introduction, versions in DOCUMENTS:
        document, _ = AgreementDocument.objects.get_or_create(
            kind=kind, defaults={"title": title, "introduction": introduction}
        )
        for number, (body, changes) in enumerate(versions, start=1):
            published_at = now - dt.timedelta(days=30 * (len(versions) - number + 1))
            if not document.versions.filter(number=number).exists():
                AgreementVersion.objects.create(
                    document=document,
                    number=number,
                    body=" ".join(body.split()),
                    summary_of_changes=changes,
                    published_at=published_at,
                )
        documents[kind] = document
    return documents
