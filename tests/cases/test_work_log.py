"""The work log: the kinds' rules in the form and in the database, Meine Arbeit, team figures."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from cases import services
from cases.constants import PersonRole, WorkKind
from cases.home import recent_activities
from cases.models import Activity, Case, Goal, Person
from cases.work_minutes import my_minutes
from districts.models import District

URL = reverse("cases:activity_add")


def activity_data(for_case=None, **changes):
    data = {
        "date": timezone.localdate().isoformat(),
        "minutes": "45",
        "kind": "case",
        "activity_type": "counselling",
        "district": District.objects.get(slug="styrum").pk,
        "note": "",
    }
    if for_case:
        data["case"] = for_case.pk
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_quick_form_logs_case_specific_work(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.post(URL, activity_data(case), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Erfasst: " in response.content.decode()
    activity = Activity.objects.get()
    assert (activity.user, activity.case, activity.minutes, activity.kind) == (sgb2_worker, case, 45, "case")


def test_non_case_work_with_people_reached(client, styrum, sgb8_worker):
    client.force_login(sgb8_worker)
    data = activity_data(kind="non_case", activity_type="district_walk", people_reached="25")
    assert client.post(URL, data).status_code == 302
    assert Activity.objects.get().people_reached == 25


def test_cross_case_work_for_several_cases(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    data = activity_data(
        kind="cross_case", activity_type="group", related_cases=[case.pk], group_description="Elterncafé"
    )
    assert client.post(URL, data).status_code == 302
    assert list(Activity.objects.get().related_cases.all()) == [case]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": "0"}, "Die Minuten müssen zwischen 1 und 1440"),
        ({"minutes": "-30"}, "Die Minuten müssen zwischen 1 und 1440"),
        ({"minutes": "2000"}, "Die Minuten müssen zwischen 1 und 1440"),
        ({"minutes": "viel"}, "Bitte eine ganze Zahl eingeben."),
        ({"case": None}, "Fallspezifische Arbeit gehört zu genau einem Fall."),
        (
            {"kind": "non_case", "activity_type": "district_walk"},
            "Fallunspezifische Arbeit im Sozialraum wird keinem Fall",
        ),
        ({"activity_type": "district_walk"}, "Diese Art passt nicht zur gewählten Art der Tätigkeit."),
        ({"people_reached": "12"}, "Erreichte Personen werden nur bei fallunspezifischer Arbeit gezählt."),
        ({"date": "2099-01-01"}, "Tätigkeiten können nicht für einen Tag in der Zukunft erfasst werden."),
    ],
)
def test_bad_activities_are_refused_in_german(client, case, sgb2_worker, changes, message):
    client.force_login(sgb2_worker)
    response = client.post(URL, activity_data(case, **changes), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_activity_for_a_case_the_user_may_not_see_is_refused(client, case, outsider):
    client.force_login(outsider)
    response = client.post(URL, activity_data(case, district=District.objects.get(slug="wiblingen").pk))
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"kind": WorkKind.CASE_SPECIFIC, "case": None}, "activity_case_specific_has_a_case"),
        ({"kind": WorkKind.NON_CASE}, "activity_only_case_specific_has_one_case"),
        ({"kind": WorkKind.CASE_SPECIFIC, "minutes": 0}, "activity_minutes_within_a_day"),
        ({"kind": WorkKind.CASE_SPECIFIC, "minutes": 24 * 60 + 1}, "activity_minutes_within_a_day"),
        ({"kind": WorkKind.CASE_SPECIFIC, "people_reached": 3}, "activity_people_reached_only_for_district_work"),
    ],
)
def test_database_enforces_the_kinds_rules(case, sgb2_worker, fields, constraint):
    values = {
        "user": sgb2_worker,
        "minutes": 30,
        "activity_type": "counselling",
        "district": case.team.district,
        "case": case,
        **fields,
    }
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Activity.objects.create(**values)


def log(user, district, kind, minutes, day=None, case=None, **extra):
    return Activity.objects.create(
        user=user,
        district=district,
        kind=kind,
        minutes=minutes,
        date=day or timezone.localdate(),
        case=case,
        activity_type="district_walk" if kind == WorkKind.NON_CASE else "counselling",
        **extra,
    )


def test_my_work_shows_cases_due_goals_and_minutes_by_kind(client, case, sgb2_worker):
    district = case.team.district
    today = timezone.localdate()
    log(sgb2_worker, district, WorkKind.CASE_SPECIFIC, 45, case=case)
    log(sgb2_worker, district, WorkKind.NON_CASE, 120)
    log(sgb2_worker, district, WorkKind.NON_CASE, 30, day=today.replace(day=1) - timedelta(days=1))  # last month
    services.add_to_case(sgb2_worker, Goal(case=case, title="Lebenslauf fertig", due_on=today - timedelta(days=3)))
    client.force_login(sgb2_worker)
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "Meine Arbeit" in html
    assert case.reference in html and "Müller, Erika" in html
    assert "Lebenslauf fertig" in html and "überfällig" in html
    assert response.context["minutes"]["month"] == {"case": 45, "cross_case": 0, "non_case": 120}
    assert response.context["minutes"]["week"]["case"] == 45


@pytest.mark.parametrize(
    ("today", "week_start"),
    [(date(2026, 11, 18), date(2026, 11, 16)), (date(2026, 12, 2), date(2026, 11, 30))],  # (a week across months)
)
def test_my_minutes_sum_the_week_and_the_month_by_kind(case, sgb2_worker, sgb8_worker, today, week_start):
    district = case.team.district
    month = today.replace(day=1)
    log(sgb2_worker, district, WorkKind.CASE_SPECIFIC, 45, day=today, case=case)
    log(sgb2_worker, district, WorkKind.CASE_SPECIFIC, 15, day=week_start, case=case)
    log(sgb2_worker, district, WorkKind.NON_CASE, 120, day=month)
    log(sgb2_worker, district, WorkKind.NON_CASE, 30, day=month - timedelta(days=1))
    log(sgb2_worker, district, WorkKind.NON_CASE, 60, day=today + timedelta(days=1))  # (not yet)
    log(sgb8_worker, district, WorkKind.NON_CASE, 90, day=today)  # (someone else's)
    minutes = my_minutes(sgb2_worker, today)
    in_month = 15 if week_start >= month else 0
    assert minutes["week"] == {
        "case": 60,
        "cross_case": 0,
        "non_case": 120 * (month >= week_start) + 30 * (month - timedelta(days=1) >= week_start),
    }
    assert minutes["month"] == {"case": 45 + in_month, "cross_case": 0, "non_case": 120}


def test_recent_activities_link_their_case_and_related_cases_in_one_query(
    client, case, sgb2_worker, django_assert_num_queries
):
    second = services.open_case(
        sgb2_worker,
        Case(team=case.team, legal_area=case.legal_area, service_area=case.service_area, caseworker=sgb2_worker),
        Person(role=PersonRole.MAIN, first_name="Zweite", last_name="Person"),
    )
    district = case.team.district
    log(sgb2_worker, district, WorkKind.CASE_SPECIFIC, 45, case=case)
    group = log(sgb2_worker, district, WorkKind.CROSS_CASE, 90)
    group.related_cases.add(second, case)
    log(sgb2_worker, district, WorkKind.NON_CASE, 30, day=timezone.localdate() - timedelta(days=1))
    with django_assert_num_queries(1):
        recent = recent_activities(sgb2_worker)
    assert [(entry.minutes, entry.case_reference, entry.related_references) for entry in recent] == [
        (90, None, sorted([case.reference, second.reference])),
        (45, case.reference, []),
        (30, None, []),
    ]
    client.force_login(sgb2_worker)
    page = lxml_html.fromstring(client.get(reverse("home")).content)
    (section,) = page.xpath("//section[@aria-labelledby='recent-heading']")
    first, second_entry = (item.text_content() for item in section.xpath(".//li")[:2])
    assert "Beratungsgespräch" in first and "fallübergreifend" in first  # (type and kind named in German)
    assert "fallspezifisch" in second_entry
    links = [(link.text, link.get("href")) for link in section.xpath(".//li//a")]
    assert links == [
        *sorted(
            (reference, reverse("cases:case_detail", args=[reference]))
            for reference in (case.reference, second.reference)
        ),
        (case.reference, reverse("cases:case_detail", args=[case.reference])),
    ]


def test_team_lead_sees_minutes_per_member_and_kind(client, case, sgb2_worker, sgb8_worker, styrum_lead):
    district = case.team.district
    log(sgb2_worker, district, WorkKind.CASE_SPECIFIC, 60, case=case)
    log(sgb8_worker, district, WorkKind.NON_CASE, 90)
    log(sgb8_worker, district, WorkKind.NON_CASE, 30)
    client.force_login(styrum_lead)
    response = client.get(reverse("cases:team_work", args=[case.team.pk]))
    rows = {row["membership"].user.username: row["minutes"] for row in response.context["table"]}
    assert rows["cm-sgb2"] == [60, 0, 0]
    assert rows["ksd-sgb8"] == [0, 0, 120]
    assert response.context["grand_total"] == 180
    assert "66,7 %" in response.content.decode()


def test_team_figures_are_for_the_lead_only(client, case, sgb2_worker, outsider, planner):
    for user in (sgb2_worker, outsider, planner):
        client.force_login(user)
        assert client.get(reverse("cases:team_work", args=[case.team.pk])).status_code == 404


def test_quick_dialog_gets_the_bare_form_and_the_page_gets_the_layout(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    partial = client.get(URL, HTTP_HX_REQUEST="true").content.decode()
    page = client.get(URL).content.decode()
    assert "<html" not in partial and 'name="minutes"' in partial
    assert "<html" in page and 'name="minutes"' in page
    assert case.reference in partial  # the user's open cases are offered


def test_every_page_offers_log_work_to_caseworkers_only(client, case, sgb2_worker, planner):
    client.force_login(sgb2_worker)
    assert 'id="activity-dialog"' in client.get(reverse("districts:municipality_list")).content.decode()
    client.force_login(planner)
    assert 'id="activity-dialog"' not in client.get(reverse("districts:municipality_list")).content.decode()
    assert client.get(URL).status_code == 404


def test_work_and_consents_stay_within_the_municipality(client, case, sgb2_worker, outsider):
    """Finding 6 of issue 11: a Styrum caseworker could log district work for Ulm-Böfingen, and
    a Mülheim case's consent could name an Ulm team."""
    from districts.models import District

    boefingen = District.objects.get(slug="boefingen")
    client.force_login(sgb2_worker)
    response = client.post(
        URL,
        {
            "kind": WorkKind.NON_CASE,
            "activity_type": "district_walk",
            "date": timezone.localdate().isoformat(),
            "minutes": 60,
            "district": boefingen.pk,
        },
    )
    assert response.status_code == 200 and not Activity.objects.filter(district=boefingen).exists()
    ulm_team = outsider.memberships.get().team
    consent_url = reverse("cases:consent_add", args=[case.reference])
    response = client.post(
        consent_url,
        {"scope": "team", "team": ulm_team.pk, "purpose": "Fallberatung", "given_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200 and not case.consents.exists()
    assert f'value="{ulm_team.pk}"' not in client.get(consent_url).content.decode()
