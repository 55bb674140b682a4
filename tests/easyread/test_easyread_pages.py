"""Easy Read versions: served at <page>easy-read/, linked both ways, shown first to members
who asked for Easy Read, and the standard version stays chosen for the session."""

import pytest

pytestmark = pytest.mark.django_db


def easy_url(page):
    return page.url + "easy-read/"


def test_the_easy_read_version_shows_each_point_with_its_picture(client, easy_read_opportunity):
    response = client.get(easy_url(easy_read_opportunity))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Help choose the home care provider (Easy Read)" in html
    assert "<h2>What this is about</h2>" in html
    assert html.count('class="involve-easy-read__point"') == 2
    assert "We pay you for your time." in html
    # A picture that only repeats its sentence is skipped by screen readers; others are described.
    assert 'alt=""' in html
    assert 'alt="Two people"' in html
    assert (
        f'<a class="involve-version-switch__link" href="{easy_read_opportunity.url}'
        '?version=standard">Standard version'
    ) in html


def test_the_standard_version_links_to_the_easy_read_version(client, easy_read_opportunity):
    html = client.get(easy_read_opportunity.url).content.decode()
    assert (
        f'<a class="involve-version-switch__link" href="{easy_url(easy_read_opportunity)}">'
        "Easy Read version"
    ) in html


def test_a_page_without_an_easy_read_version_has_no_link_and_sends_the_address_back(
    client, make_opportunity, site
):
    page = make_opportunity()
    assert "Easy Read version" not in client.get(page.url).content.decode()
    response = client.get(easy_url(page))
    assert response.status_code == 302
    assert response.url == page.url


@pytest.mark.parametrize("fixture", ["easy_read_module", "easy_read_bulletin"])
def test_training_modules_and_bulletins_have_easy_read_versions(client, request, fixture):
    page = request.getfixturevalue(fixture)
    assert f'href="{easy_url(page)}"' in client.get(page.url).content.decode()
    html = client.get(easy_url(page)).content.decode()
    assert "We want you to help us choose." in html


def test_a_member_who_asked_for_easy_read_sees_it_first(
    client, easy_read_opportunity, easy_read_member
):
    client.force_login(easy_read_member)
    response = client.get(easy_read_opportunity.url)
    assert response.status_code == 302
    assert response.url == easy_url(easy_read_opportunity)


def test_choosing_the_standard_version_sticks_for_the_session(
    client, easy_read_opportunity, easy_read_member
):
    client.force_login(easy_read_member)
    response = client.get(easy_read_opportunity.url + "?version=standard")
    assert response.status_code == 200
    # Later visits in the same session are not sent back to Easy Read.
    assert client.get(easy_read_opportunity.url).status_code == 200


def test_others_are_not_sent_to_easy_read(
    client, easy_read_opportunity, large_print_member, editor
):
    assert client.get(easy_read_opportunity.url).status_code == 200
    for user in (large_print_member, editor):
        client.force_login(user)
        assert client.get(easy_read_opportunity.url).status_code == 200


def test_a_member_who_asked_for_easy_read_sees_the_easy_read_resource_first(
    client, resource_pair, easy_read_member
):
    standard, easy = resource_pair
    client.force_login(easy_read_member)
    response = client.get(standard.url)
    assert response.status_code == 302
    assert response.url == easy.url
    html = client.get(easy.url).content.decode()
    assert f'<a href="{standard.url}?version=standard">Read the standard version' in html
    assert "We pay you for your time." in html
    assert client.get(f"{standard.url}?version=standard").status_code == 200
    assert client.get(standard.url).status_code == 200


def test_knowledge_check_answers_are_still_marked_on_a_module_with_easy_read(
    client, easy_read_module
):
    response = client.post(easy_read_module.url, {})
    assert response.status_code == 200


def test_editors_can_preview_the_easy_read_version(easy_read_opportunity):
    modes = dict(easy_read_opportunity.preview_modes)
    assert modes["easy-read"] == "Easy Read version"
    response = easy_read_opportunity.make_preview_request(preview_mode="easy-read")
    assert response.status_code == 200
    assert "We pay you for your time." in response.content.decode()


def test_a_new_page_with_easy_read_can_be_previewed_before_it_has_an_address(
    opportunities_index, easy_read_points
):
    from cms.opportunities.factories import OpportunityPageFactory

    page = OpportunityPageFactory.build(title="Not saved yet", easy_read=easy_read_points)
    assert page.get_easy_read_url() is None
    assert page.get_standard_url() is None
    response = page.make_preview_request(preview_mode="easy-read")
    assert response.status_code == 200
    html = response.content.decode()
    assert "We pay you for your time." in html
    assert "Standard version" not in html
