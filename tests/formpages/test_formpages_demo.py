"""The demo forms and charter under "Get involved"."""

from bs4 import BeautifulSoup
from wagtail.models import Page

from cms.formpages import demo
from cms.formpages.models import CharterSignature, FormField, FormPage
from cms.home.demo import load_general_pages


def test_demo_creates_the_forms_once(client, home_page, site):
    get_involved = load_general_pages(home_page=home_page)["get_involved"]
    pages = demo.load_demo(home_page=home_page, parent_page=get_involved)
    counts = (Page.objects.count(), FormField.objects.count(), CharterSignature.objects.count())

    again = demo.load_demo(home_page=home_page, parent_page=get_involved)
    assert {key: page.pk for key, page in again.items()} == {
        key: page.pk for key, page in pages.items()
    }
    assert (
        Page.objects.count(),
        FormField.objects.count(),
        CharterSignature.objects.count(),
    ) == counts

    suggestion = pages["suggestion_box"]
    assert suggestion.url == "/get-involved/suggestion-box/"
    assert suggestion.allow_anonymous
    identifying = {f.label for f in suggestion.form_fields.all() if f.identifies_person}
    assert identifying == {"Your name", "Your email address"}
    assert FormPage.objects.get(slug="feedback").form_fields.filter(field_type="radio").exists()

    charter = pages["charter"]
    assert charter.signatures.filter(is_approved=True).count() == 4
    assert charter.signatures.filter(is_approved=False).count() == 1

    for page in pages.values():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    listed = BeautifulSoup(client.get(charter.url).content, "html.parser").find(id="signatories")
    names = [li.get_text(strip=True) for li in listed.find_next_sibling().find_all("li")]
    assert len(names) == 4
    assert "Oakfield Housing Association" not in names


def test_demo_suggestion_box_accepts_an_anonymous_suggestion(client, home_page, site):
    get_involved = load_general_pages(home_page=home_page)["get_involved"]
    page = demo.load_demo(home_page=home_page, parent_page=get_involved)["suggestion_box"]
    response = client.post(
        page.url,
        {
            "your_suggestion": "Put the meeting papers online in large print.",
            "which_service_is_it_about": "This involvement programme",
            "your_name": "Sam",
            "send_anonymously": "on",
        },
    )
    assert "Thank you for your suggestion" in response.content.decode()
    stored = page.get_submissions().get().form_data
    assert "your_name" not in stored
    assert stored["which_service_is_it_about"] == "This involvement programme"
