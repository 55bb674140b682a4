"""The involvement charter: signing, approval in the admin, and the public list."""

from bs4 import BeautifulSoup
from django.core import mail

from cms.formpages import services
from cms.formpages.factories import CharterSignatureFactory
from cms.formpages.forms import HONEYPOT_FIELD
from cms.formpages.models import CharterSignature

LISTING = "/admin/snippets/formpages/chartersignature/"
SIGN = {
    "organisation_name": "Anytown Carers' Centre",
    "website": "https://www.anytowncarers.example",
    "contact_name": "Mary O'Neill",
    "contact_role": "Manager",
    "contact_email": "mary@anytowncarers.example",
    "agree": "on",
}


def main(response):
    return BeautifulSoup(response.content, "html.parser").find("main")


def signatory_names(response) -> list[str]:
    heading = main(response).find("h2", id="signatories")
    listing = heading.find_next_sibling()
    return [item.get_text(strip=True) for item in listing.find_all("li")]


def test_charter_page_shows_the_charter_and_a_labelled_form(client, charter_page):
    response = client.get(charter_page.url)
    assert response.status_code == 200
    page = main(response)
    assert [h.get_text() for h in page.find_all(["h1", "h2"])] == [
        "Involvement charter",
        "What we promise",
        "Organisations that have signed",
        "Sign the charter",
    ]
    assert "No organisations have signed yet." in page.get_text()
    form = page.find("form")
    for tag in form.find_all("input"):
        if tag.get("type") == "hidden":
            continue
        assert form.find("label", attrs={"for": tag["id"]}), tag["name"]
    assert "Your organisation's website (optional)" in form.get_text()


def test_signing_creates_a_signature_that_waits_for_approval(client, charter_page):
    response = client.post(charter_page.url, SIGN)
    assert main(response).find("h1").get_text() == "Thank you for signing"
    signature = CharterSignature.objects.get()
    assert signature.page == charter_page
    assert signature.organisation_name == "Anytown Carers' Centre"
    assert signature.contact_role == "Manager"
    assert not signature.is_approved
    assert signature.approved_at is None
    # The team is told, with a link to approve it.
    assert mail.outbox[0].to == ["involve@example.org"]
    assert f"/admin/snippets/formpages/chartersignature/edit/{signature.pk}/" in (
        mail.outbox[0].body
    )
    # Not listed until someone approves it.
    assert signatory_names(client.get(charter_page.url)) == []


def test_approved_signatures_are_listed_without_contact_details(client, charter_page, editor):
    signature = CharterSignatureFactory(
        page=charter_page,
        organisation_name="The Bridge Recovery Service",
        website="https://www.bridgerecovery.example",
        contact_name="Tom Evans",
        contact_email="tom@bridgerecovery.example",
    )
    CharterSignatureFactory(page=charter_page, organisation_name="Anytown Council", website="")
    CharterSignatureFactory(page=charter_page, organisation_name="Waiting Housing Trust")
    services.charter_signature_set_approved(signature=signature, approved=True, by=editor)
    services.charter_signature_set_approved(
        signature=CharterSignature.objects.get(organisation_name="Anytown Council"),
        approved=True,
        by=editor,
    )
    signature.refresh_from_db()
    assert signature.approved_by == editor
    assert signature.approved_at is not None

    response = client.get(charter_page.url)
    assert signatory_names(response) == ["Anytown Council", "The Bridge Recovery Service"]
    link = main(response).find("a", string="The Bridge Recovery Service")
    assert link["href"] == "https://www.bridgerecovery.example"
    html = response.content.decode()
    for private in ["Tom Evans", "tom@bridgerecovery.example", "Jo Bloggs", "Waiting Housing"]:
        assert private not in html


def test_withdrawing_approval_takes_an_organisation_off_the_list(client, charter_page):
    signature = CharterSignatureFactory(page=charter_page, approved=True)
    services.charter_signature_set_approved(signature=signature, approved=False)
    signature.refresh_from_db()
    assert (signature.is_approved, signature.approved_at, signature.approved_by) == (
        False,
        None,
        None,
    )
    assert signatory_names(client.get(charter_page.url)) == []


def test_signing_twice_does_not_create_a_second_signature(client, charter_page):
    client.post(charter_page.url, SIGN)
    again = {
        **SIGN,
        "organisation_name": "anytown carers' centre",
        "contact_email": "MARY@anytowncarers.example",
    }
    response = client.post(charter_page.url, again)
    assert CharterSignature.objects.count() == 1
    assert main(response).find("h1").get_text() == "You have already signed"
    assert len(mail.outbox) == 1
    # Someone else from the same organisation is a new signature.
    client.post(charter_page.url, {**SIGN, "contact_email": "ceo@anytowncarers.example"})
    assert CharterSignature.objects.count() == 2


def test_invalid_signing_shows_the_error_summary(client, charter_page):
    data = {**SIGN, "organisation_name": "", "website": "not a website", "agree": ""}
    response = client.post(charter_page.url, data)
    assert CharterSignature.objects.count() == 0
    html = BeautifulSoup(response.content, "html.parser")
    assert html.title.get_text().startswith("Error: ")
    links = {a["href"]: a.get_text() for a in html.find(class_="nhsuk-error-summary").find_all("a")}
    assert links == {
        "#id_organisation_name": "Enter the name of your organisation",
        "#id_website": "Enter a website address, like www.example.org",
        "#id_agree": "Tick the box to agree to the charter",
    }


def test_website_without_a_scheme_is_accepted(client, charter_page):
    client.post(charter_page.url, {**SIGN, "website": "www.anytowncarers.example"})
    assert CharterSignature.objects.get().website == "https://www.anytowncarers.example"


def test_honeypot_discards_spam_signatures(client, charter_page):
    response = client.post(charter_page.url, {**SIGN, HONEYPOT_FIELD: "buy now"})
    assert main(response).find("h1").get_text() == "Thank you for signing"
    assert CharterSignature.objects.count() == 0
    assert mail.outbox == []


def test_editors_list_filter_and_approve_signatures(client, editor, charter_page, admin_renderer):
    waiting = CharterSignatureFactory(page=charter_page, organisation_name="Waiting Trust")
    CharterSignatureFactory(page=charter_page, organisation_name="Approved Trust", approved=True)
    client.force_login(editor)

    response = client.get(LISTING)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Waiting Trust" in html and "Approved Trust" in html
    filtered = client.get(LISTING, {"is_approved": "false"}).content.decode()
    assert "Waiting Trust" in filtered and "Approved Trust" not in filtered
    assert "Charter signatures" in client.get("/admin/").content.decode()

    edit_url = f"{LISTING}edit/{waiting.pk}/"
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url,
        {
            "organisation_name": "Waiting Trust",
            "website": "https://www.waiting.example",
            "contact_name": "Jo Bloggs",
            "contact_role": "Chief executive",
            "contact_email": "jo@waiting.example",
            "is_approved": "on",
        },
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_approved
    assert waiting.approved_by == editor
    assert waiting.approved_at is not None
    assert "Waiting Trust" in client.get(charter_page.url).content.decode()
