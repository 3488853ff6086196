"""The work log can be corrected: own entries of the current and the previous month, version-
checked and audited; deleted with a second click changing nothing; exported as XLSX without names
or notes; coordinators log their own district work; a case page preselects its case (issue 16)."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cases import services
from cases.constants import WorkKind
from cases.models import Activity
from districts.models import District, Municipality
from networks.models import Network
from sozialraum.models import AuditEvent
from tests.helpers import PERSON

TODAY = timezone.localdate()


def entry(user, case, day=None, minutes=45, note="") -> Activity:
    return services.log_activity(
        user,
        Activity(
            date=day or TODAY,
            minutes=minutes,
            kind=WorkKind.CASE_SPECIFIC,
            activity_type="counselling",
            case=case,
            district=case.team.district,
            note=note,
        ),
    )


def correction(activity, **changes) -> dict:
    data = {
        "date": activity.date.isoformat(),
        "minutes": activity.minutes,
        "kind": activity.kind,
        "activity_type": activity.activity_type,
        "case": activity.case_id or "",
        "district": activity.district_id,
        "note": activity.note,
        "version": activity.version,
    }
    return data | changes


def test_correctable_since_is_the_first_of_the_previous_month(settings):
    settings.WORK_LOG_EDITABLE_MONTHS = 1
    assert services.correctable_since(date(2026, 3, 15)) == date(2026, 2, 1)
    assert services.correctable_since(date(2026, 1, 31)) == date(2025, 12, 1)
    settings.WORK_LOG_EDITABLE_MONTHS = 0
    assert services.correctable_since(date(2026, 3, 15)) == date(2026, 3, 1)


def test_an_own_entry_is_corrected_audited_and_the_figures_follow(client, case, sgb2_worker, styrum_lead):
    activity = entry(sgb2_worker, case)
    client.force_login(sgb2_worker)
    url = reverse("cases:activity_correct", args=[activity.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, correction(activity, minutes=90))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.minutes, activity.version) == (90, 2)
    event = AuditEvent.objects.filter(object_type="cases.activity", object_id=activity.pk, action="update").get()
    assert event.changed_fields == ["minutes"] and event.case_id == case.pk
    client.force_login(styrum_lead)
    figures = client.get(reverse("cases:team_work", args=[case.team.pk])).context["table"]
    row = next(row for row in figures if row["membership"].user == sgb2_worker)
    assert 90 in row["minutes"]


def test_a_correction_over_someone_elses_change_is_refused_with_the_input_kept(client, case, sgb2_worker):
    activity = entry(sgb2_worker, case)
    seen = correction(activity)
    services.correct_activity(sgb2_worker, activity, {"minutes": 60}, activity.version)  # another tab
    client.force_login(sgb2_worker)
    response = client.post(reverse("cases:activity_correct", args=[activity.pk]), seen | {"minutes": 75})
    html = response.content.decode()
    assert response.status_code == 200 and "Inzwischen gespeichert: 60" in html and 'value="75"' in html
    activity.refresh_from_db()
    assert activity.minutes == 60


def test_old_months_and_other_peoples_entries_cannot_be_corrected(client, case, sgb2_worker, sgb2_colleague):
    old = entry(sgb2_worker, case, day=services.correctable_since() - timedelta(days=1))
    client.force_login(sgb2_worker)
    page = client.get(reverse("cases:activity_correct", args=[old.pk])).content.decode()
    assert "können nicht mehr korrigiert werden" in page
    client.post(reverse("cases:activity_delete", args=[old.pk]))
    assert Activity.objects.filter(pk=old.pk).exists()
    recent = entry(sgb2_worker, case)
    # Moving a recent entry into a closed month is refused too.
    back = (services.correctable_since() - timedelta(days=3)).isoformat()
    response = client.post(reverse("cases:activity_correct", args=[recent.pk]), correction(recent, date=back))
    assert "können nicht mehr korrigiert werden" in response.content.decode()
    client.force_login(sgb2_colleague)
    assert client.get(reverse("cases:activity_correct", args=[recent.pk])).status_code == 404
    client.post(reverse("cases:activity_delete", args=[recent.pk]))
    assert Activity.objects.filter(pk=recent.pk).exists()


def test_delete_is_audited_and_a_double_click_changes_nothing(client, case, sgb2_worker):
    activity = entry(sgb2_worker, case)
    client.force_login(sgb2_worker)
    url = reverse("cases:activity_delete", args=[activity.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert AuditEvent.objects.filter(object_type="cases.activity", object_id=activity.pk, action="delete").count() == 1


def test_the_export_has_the_period_references_and_no_names_or_notes(client, case, sgb2_worker):
    entry(sgb2_worker, case, minutes=200, note=f"{PERSON['first_name']} {PERSON['last_name']} war da")
    entry(sgb2_worker, case, day=TODAY - timedelta(days=40), minutes=10)
    client.force_login(sgb2_worker)
    start = (TODAY - timedelta(days=5)).isoformat()
    response = client.get(reverse("cases:activity_export"), {"date_after": start})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Datum", "Minuten", "Dauer"]
    assert len(rows) == 3  # header, the one entry of the period, the total
    assert rows[1][1] == 200 and rows[1][2] == "3 Std. 20 Min." and case.reference in rows[1][6]
    assert rows[2][:3] == ["Summe", 200, "3 Std. 20 Min."]
    cells = " ".join(str(value) for row in rows for value in row)
    assert PERSON["last_name"] not in cells and "war da" not in cells


def test_figures_show_hours_and_minutes(client, case, sgb2_worker):
    entry(sgb2_worker, case, minutes=200)
    client.force_login(sgb2_worker)
    assert "3 Std. 20 Min." in client.get(reverse("home")).content.decode()
    assert "3 Std. 20 Min." in client.get(reverse("cases:activity_list")).content.decode()


def test_logging_from_a_case_page_preselects_the_case(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    assert f"?fall={case.reference}" in client.get(case.get_absolute_url()).content.decode()
    form = client.get(reverse("cases:activity_add"), {"fall": case.reference}).context["form"]
    assert form.initial["case"] == case.pk and form.initial["kind"] == WorkKind.CASE_SPECIFIC


@pytest.mark.parametrize("kind", [WorkKind.NON_CASE])
def test_a_coordinator_logs_its_own_district_work(client, coordinator, reference_data, kind):
    municipality = Municipality.objects.get(slug="ulm")
    Network.objects.create(municipality=municipality, name="Netzwerk Wiblingen", coordinator=coordinator)
    district = District.objects.filter(municipality=municipality).first()
    client.force_login(coordinator)
    form = client.get(reverse("cases:activity_add")).context["form"]
    assert "case" not in form.fields and [value for value, _label in form.fields["kind"].choices] == [kind]
    response = client.post(
        reverse("cases:activity_add"),
        {
            "date": TODAY.isoformat(),
            "minutes": "60",
            "kind": kind,
            "activity_type": "network_meeting",
            "district": district.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Activity.objects.get(user=coordinator).kind == WorkKind.NON_CASE
    refused = client.post(
        reverse("cases:activity_add"),
        {"date": TODAY.isoformat(), "minutes": "60", "kind": WorkKind.CASE_SPECIFIC, "activity_type": "counselling"},
    )
    assert refused.status_code == 200 and Activity.objects.filter(user=coordinator).count() == 1
