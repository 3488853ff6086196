"""Coordinators edit the directory; caseworkers and planning read it; everyone else gets 403."""

import pytest
from django.urls import reverse


def urls(partner, network, offer, contact):
    read = [
        reverse("networks:partner_list"),
        reverse("networks:partner_detail", args=[partner.pk]),
        reverse("networks:network_list"),
        reverse("networks:network_detail", args=[network.pk]),
        reverse("networks:roster_export", args=[network.pk, "csv"]),
        reverse("networks:offer_list"),
        reverse("networks:offer_detail", args=[offer.pk]),
        reverse("networks:offer_hsds"),
        reverse("networks:upkeep"),
    ]
    edit = [
        reverse("networks:partner_add"),
        reverse("networks:partner_edit", args=[partner.pk]),
        reverse("networks:contact_add", args=[partner.pk]),
        reverse("networks:contact_edit", args=[partner.pk, contact.pk]),
        reverse("networks:network_add"),
        reverse("networks:network_edit", args=[network.pk]),
        reverse("networks:membership_add", args=[network.pk]),
        reverse("networks:roster_import", args=[network.pk]),
        reverse("networks:offer_add"),
        reverse("networks:offer_edit", args=[offer.pk]),
        reverse("networks:search_synonyms"),
    ]
    return read, edit


@pytest.mark.parametrize(
    ("user_fixture", "read_status", "edit_status"),
    [
        ("coordinator", 200, 200),
        ("caseworker", 200, 403),
        ("team_lead", 200, 403),
        ("planner", 200, 403),
        ("administrator", 403, 403),
    ],
)
def test_permission_matrix(client, request, partner, network, offer, contact, user_fixture, read_status, edit_status):
    client.force_login(request.getfixturevalue(user_fixture))
    read, edit = urls(partner, network, offer, contact)
    for url in read:
        assert client.get(url).status_code == read_status, url
    for url in edit:
        assert client.get(url).status_code == edit_status, url


def test_objects_outside_scope_give_404(client, coordinator, partner, network):
    client.force_login(coordinator)
    assert client.get(reverse("networks:partner_detail", args=[99999])).status_code == 404
    assert client.get(reverse("networks:contact_edit", args=[partner.pk, 99999])).status_code == 404
    assert client.get(reverse("networks:roster_export", args=[network.pk, "exe"])).status_code == 404


def test_caseworker_cannot_post_edits(client, caseworker, partner):
    client.force_login(caseworker)
    response = client.post(reverse("networks:partner_edit", args=[partner.pk]), {"name": "Übernommen"})
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Nachbarschaftshilfe Ruf und Tat"
