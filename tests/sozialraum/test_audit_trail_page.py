"""The data protection officer reviews the audit trail (DESIGN §1): events and their metadata,
no case content — and only that role sees the page."""

from django.urls import reverse

from sozialraum.models import AuditEvent

URL = reverse("audit_trail")


def test_the_officer_sees_who_read_which_case_but_no_content(client, case, sgb2_worker, data_protection):
    client.force_login(sgb2_worker)
    client.get(case.get_absolute_url())
    client.force_login(data_protection)
    html = client.get(URL).content.decode()
    assert "cm-sgb2" in html and "hat personenbezogene Daten angesehen" in html
    assert str(case.pk) in html
    for content in ("Erika", "Müller", case.will[:20], "Kaiserstraße"):
        assert content not in html
    filtered = client.get(URL, {"username": "cm-sgb2", "action": "view", "case_id": case.pk})
    assert filtered.status_code == 200
    assert all(event.case_id == case.pk and event.action == "view" for event in filtered.context["events"])
    assert AuditEvent.objects.filter(case_id=case.pk, action="view").count() == len(filtered.context["events"])


def test_nobody_else_sees_the_audit_trail(client, case, sgb2_worker, administrator, planner):
    for user in (sgb2_worker, administrator, planner):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_the_officer_reaches_the_audit_trail_from_the_navigation(client, data_protection, planner):
    client.force_login(data_protection)
    assert f'href="{URL}"' in client.get(reverse("home")).content.decode()
    client.force_login(planner)
    assert f'href="{URL}"' not in client.get(reverse("home")).content.decode()


def test_the_trail_pages_by_keyset_without_counting_the_table(client, data_protection, django_assert_max_num_queries):
    """A city's trail has tens of millions of events: no COUNT, no OFFSET (issue 15), and every
    event appears once, also where many share one moment (a bulk insert)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from lxml import html

    from sozialraum.models import AuditAction

    AuditEvent.objects.bulk_create(
        AuditEvent(action=AuditAction.VIEW, object_type="cases.case", object_id=number, username="cm")
        for number in range(230)
    )
    expected = list(AuditEvent.objects.order_by("-occurred_at", "-id").values_list("pk", flat=True))
    client.force_login(data_protection)
    url, seen = URL, []
    while url:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert not any("COUNT(" in query["sql"] or "OFFSET" in query["sql"] for query in queries.captured_queries)
        seen += [event.pk for event in response.context["events"]]
        links = html.fromstring(response.content).xpath('//a[@class="page-link"][normalize-space()="Ältere"]/@href')
        url = URL + links[0] if links else None
    assert seen == expected
    assert client.get(URL, {"aelter_als": "gestern_x"}).status_code == 200  # a broken cursor: the first page
