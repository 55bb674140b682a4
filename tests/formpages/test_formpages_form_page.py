"""Editor-built form pages: NHS.UK rendering, storing answers, anonymity and the honeypot."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.contrib.forms.models import FormSubmission

from cms.formpages.factories import FormFieldFactory, FormPageFactory
from cms.formpages.forms import ANONYMOUS_FIELD, HONEYPOT_FIELD

VALID = {
    "your_suggestion": "Open the day centre at weekends.",
    "which_service_is_it_about": "Adult social care",
    "how_would_you_rate_it": "OK",
    "your_name": "Pat Jones",
    "your_email_address": "pat@example.org",
    "you_can_contact_me_about_my_suggestion": "on",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def main(response):
    return soup(response).find("main")


def test_every_field_has_a_label_and_hint(client, suggestion_page):
    response = client.get(suggestion_page.url)
    assert response.status_code == 200
    form = main(response).find("form")
    inputs = form.find_all(["input", "textarea", "select"])
    named = [tag for tag in inputs if tag.get("type") not in {"hidden", "submit"}]
    assert {tag["name"] for tag in named} >= {
        "your_suggestion",
        "which_service_is_it_about",
        "how_would_you_rate_it",
        "your_name",
        "your_email_address",
        "you_can_contact_me_about_my_suggestion",
        ANONYMOUS_FIELD,
        HONEYPOT_FIELD,
    }
    for tag in named:
        labels = form.find_all("label", attrs={"for": tag["id"]})
        assert len(labels) == 1, tag["id"]
    # Radios are grouped under a legend naming the question.
    legend = form.find("legend")
    assert "How would you rate it?" in legend.get_text()
    # The hint is tied to its field.
    textarea = form.find("textarea", attrs={"name": "your_suggestion"})
    assert textarea["aria-describedby"] == "id_your_suggestion-hint"
    assert form.find(id="id_your_suggestion-hint").get_text() == "What could be better."
    assert "Your name (optional)" in form.get_text()
    assert form.find("button", attrs={"type": "submit"}).get_text() == "Send suggestion"
    # Headings in order: the page title is the only h1.
    assert [h.name for h in main(response).find_all(["h1", "h2"])] == ["h1"]


def test_optional_dropdown_starts_empty(client, suggestion_page):
    select = main(client.get(suggestion_page.url)).find("select")
    options = select.find_all("option")
    assert options[0]["value"] == ""
    assert [o.get_text() for o in options[1:]] == ["Adult social care", "Support for carers"]


def test_valid_answers_are_stored_emailed_and_thanked(client, suggestion_page):
    response = client.post(suggestion_page.url, VALID)
    assert response.status_code == 200
    page = main(response)
    assert page.find("h1").get_text() == "Thank you for your suggestion"
    submission = FormSubmission.objects.get(page=suggestion_page)
    assert submission.form_data["your_suggestion"] == "Open the day centre at weekends."
    assert submission.form_data["your_name"] == "Pat Jones"
    assert submission.form_data[ANONYMOUS_FIELD] is False
    assert HONEYPOT_FIELD not in submission.form_data
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["involve@example.org"]
    assert email.subject == "A new suggestion"
    assert "Your name: Pat Jones" in email.body
    assert "You can contact me about my suggestion: Yes" in email.body
    assert "Send this anonymously: No" in email.body


def test_invalid_answers_show_the_error_summary_linked_to_fields(client, suggestion_page):
    data = {**VALID, "your_suggestion": "", "how_would_you_rate_it": "", "your_email_address": "x"}
    response = client.post(suggestion_page.url, data)
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    html = soup(response)
    assert html.title.get_text().startswith("Error: ")
    summary = html.find(class_="nhsuk-error-summary")
    links = {a["href"]: a.get_text() for a in summary.find_all("a")}
    assert links == {
        "#id_your_suggestion": "Enter your suggestion",
        "#id_how_would_you_rate_it_0": "Choose an answer for “How would you rate it?”",
        "#id_your_email_address": (
            "Enter an email address in the correct format, like name@example.com"
        ),
    }
    for href in links:
        assert html.find(id=href[1:]) is not None
    # The summary comes first, before the page heading; answers given are kept.
    assert html.find("main").find(["h1", "h2"]) == summary.find("h2")
    assert html.find("input", attrs={"name": "your_name"})["value"] == "Pat Jones"


def test_sending_anonymously_drops_identifying_answers(client, suggestion_page):
    data = {**VALID, ANONYMOUS_FIELD: "on"}
    response = client.post(suggestion_page.url, data)
    assert "You sent this anonymously" in main(response).get_text()
    stored = FormSubmission.objects.get().form_data
    assert "your_name" not in stored
    assert "your_email_address" not in stored
    assert stored["your_suggestion"] == "Open the day centre at weekends."
    assert stored[ANONYMOUS_FIELD] is True
    body = mail.outbox[0].body
    assert "Pat Jones" not in body
    assert "pat@example.org" not in body
    assert "Send this anonymously: Yes" in body


def test_a_mistyped_email_does_not_stop_an_anonymous_message(client, suggestion_page):
    data = {**VALID, "your_email_address": "not an email", ANONYMOUS_FIELD: "on"}
    client.post(suggestion_page.url, data)
    assert "your_email_address" not in FormSubmission.objects.get().form_data


def test_the_submissions_list_shows_whether_sent_anonymously(suggestion_page):
    assert ("send_anonymously", "Sent anonymously") in suggestion_page.get_data_fields()


def test_no_anonymous_box_unless_the_page_allows_it(client, home_page, site):
    page = FormPageFactory(parent=home_page, title="Ask a question", allow_anonymous=False)
    FormFieldFactory(page=page, label="Your question", field_type="multiline")
    html = client.get(page.url).content.decode()
    assert ANONYMOUS_FIELD not in html
    assert "Send this anonymously" not in html
    client.post(page.url, {"your_question": "When is the next forum?", ANONYMOUS_FIELD: "on"})
    assert FormSubmission.objects.get().form_data == {"your_question": "When is the next forum?"}


def test_honeypot_is_hidden_from_people(client, suggestion_page):
    form = main(client.get(suggestion_page.url)).find("form")
    trap = form.find("input", attrs={"name": HONEYPOT_FIELD})
    assert trap["autocomplete"] == "off"
    assert trap["tabindex"] == "-1"
    assert "nhsuk-u-visually-hidden" in trap.parent["class"]
    label = form.find("label", attrs={"for": trap["id"]})
    assert label.get_text() == "Leave this box empty"


def test_honeypot_silently_discards_spam(client, suggestion_page):
    response = client.post(suggestion_page.url, {**VALID, HONEYPOT_FIELD: "http://spam.example"})
    assert response.status_code == 200
    assert main(response).find("h1").get_text() == "Thank you for your suggestion"
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_nothing_personal_is_prefilled_for_members(client, member, suggestion_page):
    client.force_login(member)
    html = client.get(suggestion_page.url).content.decode()
    assert member.email not in html
    client.post(suggestion_page.url, VALID)
    assert member.email not in str(FormSubmission.objects.get().form_data)


@pytest.mark.parametrize("label", ["Send anonymously", "Extra reference"])
def test_editors_cannot_use_the_forms_own_field_names(suggestion_page, label):
    field = FormFieldFactory.build(page=suggestion_page, label=label)
    with pytest.raises(ValidationError) as error:
        field.full_clean()
    assert "label" in error.value.message_dict


def test_editors_can_build_a_form_page(client, editor, home_page, admin_renderer):
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/formpages/formpage/{home_page.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for words in ["Questions", "Identifies the person", "Send this anonymously", "Email"]:
        assert words.lower() in html.lower(), words


def test_honeypot_hint_is_the_one_its_box_points_to(client, suggestion_page):
    form = main(client.get(suggestion_page.url)).find("form")
    trap = form.find("input", attrs={"name": HONEYPOT_FIELD})
    assert form.find(id=trap["aria-describedby"]) is not None


def test_editors_can_read_the_answers(client, editor, suggestion_page, admin_renderer):
    client.post(suggestion_page.url, {**VALID, ANONYMOUS_FIELD: "on"})
    client.force_login(editor)
    response = client.get(f"/admin/forms/submissions/{suggestion_page.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open the day centre at weekends." in html
    assert "Sent anonymously" in html
    assert "Pat Jones" not in html
