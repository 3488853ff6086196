"""Issue 21: the small frictions of every day – lists that sort by their column heads, filters
that say "alle", explanations on hover and focus, parts of a case that can be changed, a
household that starts with its main person, questions before irreversible steps."""

import io
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from lxml import html

from cases.filters import ActivityFilter, CaseFilter
from cases.models import Consent, Person, Resource
from cases.services import add_to_case
from districts.filters import DistrictFilter
from networks.filters import OfferFilter, PartnerFilter
from networks.models import Offer, Partner
from sozialraum.filters import AuditEventFilter

FILTERSETS = [CaseFilter, ActivityFilter, DistrictFilter, PartnerFilter, OfferFilter, AuditEventFilter]


@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda filterset: filterset.__name__)
def test_filter_selects_offer_all_instead_of_dashes(filterset_class, sgb2_worker, case):
    request = RequestFactory().get("/")
    request.user = sgb2_worker
    form = filterset_class(None, request=request, queryset=filterset_class._meta.model.objects.none()).form
    selects = [
        field for field in form if hasattr(field.field, "choices") and not field.field.widget.allow_multiple_selected
    ]
    assert selects
    for field in selects:
        first = list(field.field.choices)[0][1]
        assert "---" not in str(first), field.name
    assert "---------" not in form.as_div()


def test_case_list_sorts_by_clicking_a_column_head(client, case, sgb2_worker, styrum):
    client.force_login(sgb2_worker)
    page = html.fromstring(client.get(reverse("cases:case_list"), {"status": "open", "page": "1"}).content)
    heads = {
        link.text_content().strip(): link.get("href") for link in page.xpath("//th/a[contains(@class, 'sort-link')]")
    }
    assert set(heads) >= {"Aktenzeichen", "Sozialraum", "Rechtskreis", "Fachkraft", "Phase", "Status", "Eröffnet am"}
    href = heads["Aktenzeichen"]
    assert "ordering=reference" in href and "status=open" in href and "page=" not in href
    sorted_page = html.fromstring(client.get(reverse("cases:case_list") + href).content)
    [current] = sorted_page.xpath("//th[@aria-sort]")
    assert current.get("aria-sort") == "ascending" and "Aktenzeichen" in current.text_content()
    # The second click sorts the other way round.
    again = current.xpath("a")[0].get("href")
    assert "ordering=-reference" in again
    descending = html.fromstring(client.get(reverse("cases:case_list") + again).content)
    assert descending.xpath("//th[@aria-sort]")[0].get("aria-sort") == "descending"
    for column in ["district", "legal_area", "caseworker"]:
        assert client.get(reverse("cases:case_list"), {"ordering": column}).status_code == 200


def test_the_pseudonymised_badge_explains_itself_on_hover_and_focus(client, case, sgb8_worker):
    client.force_login(sgb8_worker)
    for url in [reverse("cases:case_list"), case.get_absolute_url()]:
        page = html.fromstring(client.get(url).content)
        [badge] = [
            badge
            for badge in page.xpath("//span[contains(@class, 'badge')]")
            if badge.text_content().strip() == "pseudonymisiert"
        ]
        assert badge.get("tabindex") == "0" and badge.get("data-bs-toggle") == "tooltip"
        assert "anderen Rechtskreis" in badge.get("title")


def test_a_resource_can_be_changed(client, case, sgb2_worker, sgb8_worker):
    resource = add_to_case(sgb2_worker, Resource(case=case, kind="family", description="Schwester hilft"))
    client.force_login(sgb2_worker)
    url = reverse("cases:resource_edit", args=[case.reference, resource.pk])
    assert url in client.get(case.get_absolute_url()).content.decode()
    form = client.get(url).content.decode()
    assert "Ressource bearbeiten" in form and "Schwester hilft" in form
    response = client.post(url, {"kind": "family", "description": "Schwester und Schwager", "version": 1})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert (resource.description, resource.version) == ("Schwester und Schwager", 2)
    # A save over someone else's change is refused with the input kept.
    stale = client.post(url, {"kind": "family", "description": "Nur die Schwester", "version": 1})
    assert stale.status_code == 200 and "Nur die Schwester" in stale.content.decode()
    resource.refresh_from_db()
    assert resource.description == "Schwester und Schwager"
    client.force_login(sgb8_worker)  # pseudonymised readers do not edit
    assert client.get(url).status_code == 404


def test_withdrawing_a_consent_asks_first(client, case, sgb2_worker, styrum):
    consent = add_to_case(
        sgb2_worker,
        Consent(
            case=case,
            scope="team",
            team=styrum,
            purpose="Fallberatung",
            given_on=case.opened_on,
            recorded_by=sgb2_worker,
        ),
    )
    client.force_login(sgb2_worker)
    url = reverse("cases:consent_withdraw", args=[case.reference, consent.pk])
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert f'href="{url}"' in case_page  # a link to the question, not a button that acts at once
    question = client.get(url).content.decode()
    assert "Einwilligung widerrufen?" in question and "nicht rückgängig" in question
    consent.refresh_from_db()
    assert consent.withdrawn_at is None  # looking at the question changes nothing
    client.post(url)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert client.get(url).status_code == 404  # nothing left to withdraw


def test_household_starts_with_the_main_person_and_new_members_take_the_address(client, case, sgb2_worker):
    main = case.persons.get(role="main")
    main.street, main.postal_code, main.city = "Oberhausener Straße 12", "45476", "Mülheim an der Ruhr"
    main.save()
    Person.objects.create(case=case, role="household", first_name="Anna", last_name="Aal", relationship="child")
    assert list(case.persons.values_list("role", flat=True)) == ["main", "household"]
    client.force_login(sgb2_worker)
    form = client.get(reverse("cases:person_add", args=[case.reference])).content.decode()
    assert 'value="Oberhausener Straße 12"' in form and 'value="45476"' in form
    page = client.get(case.get_absolute_url()).content.decode()
    assert page.index(main.last_name) < page.index("Aal")


def test_a_proposal_says_which_meeting_it_goes_to(client, case, sgb2_worker, meeting, proposal):
    client.force_login(sgb2_worker)
    form = client.get(reverse("meetings:propose_case", args=[case.reference])).content.decode()
    assert "Nächste Sitzung des Teams" in form and meeting.date.strftime("%d.%m.%Y") in form
    page = client.get(case.get_absolute_url()).content.decode()
    assert re.search(r"nächste Sitzung des Teams am [^<]*" + meeting.date.strftime("%d.%m.%Y"), page), page


def test_the_consultation_form_shows_will_goals_and_resources_masked_as_the_meeting_shows_the_case(
    client, case, sgb2_worker, styrum_lead, meeting, proposal
):
    from cases.models import Goal
    from meetings import services as meeting_services

    main = case.persons.get(role="main")
    add_to_case(sgb2_worker, Goal(case=case, title=f"Bewerbung mit {main.first_name} schreiben"))
    add_to_case(sgb2_worker, Resource(case=case, kind="family", description="Schwester hilft beim Lebenslauf"))
    item = meeting_services.put_on_agenda(meeting, proposal)
    client.force_login(styrum_lead)
    page = client.get(reverse("meetings:consultation", args=[meeting.pk, item.pk])).content.decode()
    assert "Worum es im Fall geht" in page
    assert case.will in page and "Schwester hilft beim Lebenslauf" in page
    assert "Bewerbung mit [Name] schreiben" in page and main.first_name not in page  # no consent for the team


def test_a_topic_gets_a_result_that_goes_into_the_minutes(client, styrum_lead, sgb2_worker, meeting):
    from meetings.models import AgendaItem

    topic = AgendaItem.objects.create(meeting=meeting, kind="information", title="Neues Stadtteilcafé", position=3)
    url = reverse("meetings:topic_result", args=[meeting.pk, topic.pk])
    client.force_login(styrum_lead)
    assert url in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(url, {"result": "Öffnet im März, Flyer an alle Teams.", "version": 1})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.result == "Öffnet im März, Flyer an alle Teams."
    stale = client.post(url, {"result": "Anders", "version": 1})
    assert stale.status_code == 200 and "Anders" in stale.content.decode()
    client.force_login(sgb2_worker)  # only the team lead manages the meeting
    assert client.get(url).status_code == 404


def test_consent_form_shows_each_target_field_only_for_its_scope(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    page = html.fromstring(client.get(reverse("cases:consent_add", args=[case.reference])).content)
    for scope, field in [
        ("team", "team"),
        ("legal_area", "legal_area"),
        ("partner", "partner"),
        ("partner_kind", "partner_kind"),
    ]:
        [block] = page.xpath(f"//div[@data-shown-when='scope'][.//*[@name='{field}']]")
        assert block.get("data-shown-values") == scope
    for always in ["scope", "purpose", "given_on", "valid_until"]:
        assert not page.xpath(f"//div[@data-shown-when][.//*[@name='{always}']]"), always


def test_a_refused_referral_leads_to_the_consent_and_back(client, case, sgb2_worker, styrum):
    partner = Partner.objects.create(municipality=styrum.district.municipality, name="Diakonie Styrum")
    offer = Offer.objects.create(partner=partner, title="Schuldnerberatung", topics=["finances"])
    client.force_login(sgb2_worker)
    referral_url = reverse("cases:referral_add", args=[case.reference])
    refused = client.post(
        referral_url, {"offer": offer.pk, "date": "2026-11-02", "hands_over_personal_data": "on", "outcome": "Termin"}
    )
    assert "Es fehlt eine aktive Einwilligung" in refused.content.decode()
    [link] = html.fromstring(refused.content).xpath("//a[normalize-space()='Einwilligung erfassen']")
    consent_url = link.get("href")
    form = client.get(consent_url).context["form"]
    assert form["scope"].value() == "partner" and str(form["partner"].value()) == str(partner.pk)
    assert form["purpose"].value() == "Vermittlung zu „Schuldnerberatung“"
    next_url = client.get(consent_url).context["next"]
    assert next_url.startswith(referral_url)

    saved = client.post(
        consent_url,
        {
            "scope": "partner",
            "partner": partner.pk,
            "purpose": "Vermittlung",
            "given_on": "2026-11-02",
            "next": next_url,
        },
    )
    assert saved.status_code == 302 and saved["Location"] == next_url
    back = client.get(next_url).context["form"]
    assert str(back["offer"].value()) == str(offer.pk) and str(back["partner"].value()) == str(partner.pk)
    assert back["hands_over_personal_data"].value()
    done = client.post(next_url, {"offer": offer.pk, "date": "2026-11-02", "hands_over_personal_data": "on"})
    assert done.status_code == 302 and case.referrals.filter(partner=partner).exists()


def test_the_consent_form_goes_back_only_to_pages_of_this_site(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    url = reverse("cases:consent_add", args=[case.reference])
    data = {"scope": "legal_area", "legal_area": case.legal_area_id, "purpose": "x", "given_on": "2026-11-02"}
    response = client.post(url, {**data, "next": "https://example.org/"})
    assert response["Location"] == case.get_absolute_url()
    assert "example.org" not in client.get(url, {"next": "//example.org/"}).content.decode()


def test_team_figures_for_a_month_quarter_or_year_in_hours_and_as_xlsx(client, case, sgb2_worker, styrum_lead):
    from datetime import date, timedelta

    from openpyxl import load_workbook

    from cases.constants import WorkKind
    from cases.models import Activity

    def log(day, minutes, kind=WorkKind.NON_CASE):
        Activity.objects.create(
            user=sgb2_worker,
            district=case.team.district,
            kind=kind,
            minutes=minutes,
            date=day,
            activity_type="district_walk" if kind == WorkKind.NON_CASE else "counselling",
            case=case if kind == WorkKind.CASE_SPECIFIC else None,
        )

    log(date(2026, 4, 2), 200)  # 3 Std. 20 Min.
    log(date(2026, 5, 20), 40, WorkKind.CASE_SPECIFIC)
    log(date(2026, 7, 1), 60)
    client.force_login(styrum_lead)
    url = reverse("cases:team_work", args=[case.team.pk])

    def total(**query):
        return client.get(url, query).context["grand_total"]

    assert total(period="month", month="2026-04") == 200
    assert total(period="quarter", month="2026-05") == 240
    assert total(period="year", month="2026-11") == 300
    page = client.get(url, {"period": "quarter", "month": "2026-04"}).content.decode()
    assert "3 Std. 20 Min." in page and "01.04.2026" in page and "30.06.2026" in page
    assert "?period=quarter&amp;month=2026-01" in page and "?period=quarter&amp;month=2026-07" in page  # earlier, later

    # Bad input: a German message, the typed value kept, the current month shown.
    bad = client.get(url, {"period": "year", "month": "20x6-13"})
    assert bad.status_code == 200
    assert (
        "Bitte den Monat als Jahr und Monat eingeben" in bad.content.decode()
        and 'value="20x6-13"' in bad.content.decode()
    )
    assert client.get(url, {"period": "decade"}).status_code == 200

    export = client.get(
        reverse("cases:team_work_export", args=[case.team.pk]), {"period": "quarter", "month": "2026-04"}
    )
    assert export["Content-Disposition"].endswith('-2026-04-quarter.xlsx"')
    sheet = load_workbook(io.BytesIO(export.content)).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "01.04.2026–30.06.2026" in cells[0][0]
    worker_row = next(row for row in cells if row[0] == sgb2_worker.get_full_name())
    assert worker_row[-1] == 240 and worker_row[-2] == timedelta(minutes=240)  # [h]:mm durations add up
    assert sheet.cell(row=3, column=3).number_format == "[h]:mm"
    assert case.reference not in str(cells)  # sums only, nothing about cases


def test_empty_choices_say_choose_or_none_instead_of_dashes(client, case, sgb2_worker, coordinator, styrum):
    partner = Partner.objects.create(municipality=styrum.district.municipality, name="Diakonie Styrum")
    client.force_login(sgb2_worker)
    consent_page = html.fromstring(client.get(reverse("cases:consent_add", args=[case.reference])).content)
    for name in ("scope", "team", "legal_area", "partner", "partner_kind"):
        assert consent_page.xpath(f"string(//select[@name='{name}']/option[1])") == "– bitte wählen –", name
    client.force_login(coordinator)
    contact_page = client.get(reverse("networks:contact_add", args=[partner.pk])).content.decode()
    assert "– keine Angabe –" in contact_page  # the deputy is optional
    assert "---------" not in consent_page.text_content() + contact_page
