"""Lists keep a fixed number of queries whatever the number of rows shown."""

import copy
import re
from datetime import date

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import html

from cases import services
from cases.constants import PersonRole, WorkKind
from cases.models import Activity, Case, FollowUp, Goal, MonthlyWork, Person, PhasePeriod
from districts.constants import LegalAreaCode
from districts.models import LegalArea
from sozialraum.forms import staff_name
from sozialraum.search_keys import name_key
from tests.factories import TeamFactory, UserFactory


def add_cases(team, caseworker, service_area, count):
    for number in range(count):
        case = services.open_case(
            caseworker,
            Case(
                team=team,
                legal_area=service_area.legal_area,
                service_area=service_area,
                caseworker=caseworker,
                opened_on=date(2026, 3, 1),
            ),
            Person(role=PersonRole.MAIN, first_name=f"Vorname{number}", last_name=f"Name{number}"),
        )
        Goal.objects.create(case=case, title="Ziel", due_on=timezone.localdate())
        Activity.objects.create(
            user=caseworker,
            district=team.district,
            kind=WorkKind.CASE_SPECIFIC,
            activity_type="counselling",
            minutes=30,
            case=case,
        )
        activity = Activity.objects.create(
            user=caseworker, district=team.district, kind=WorkKind.CROSS_CASE, activity_type="group", minutes=30
        )
        activity.related_cases.add(case)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        reverse("cases:case_list"),
        reverse("cases:activity_list"),
        reverse("home"),
        reverse("cases:case_list") + "?status=open&ordering=-opened",
    ],
)
def test_query_count_is_the_same_for_5_and_50_rows(client, styrum, sgb2_worker, url, django_assert_max_num_queries):
    service_area = sgb2_worker.memberships.get().service_area
    add_cases(styrum, sgb2_worker, service_area, 5)
    client.force_login(sgb2_worker)
    with_five = queries_for(client, url)
    add_cases(styrum, sgb2_worker, service_area, 45)
    with django_assert_max_num_queries(with_five):
        response = client.get(url + ("&" if "?" in url else "?") + "page=1")
    assert response.status_code == 200
    assert with_five <= 14


def test_load_data_generator_fills_visible_cases_and_activities(reference_data, settings):
    from io import StringIO

    from django.core.management import call_command

    from demo.staff import create_demo_data

    create_demo_data()
    call_command("generate_load_data", cases=30, activities=200, follow_ups=90, stdout=StringIO())
    assert Case.objects.count() == 30
    assert PhasePeriod.objects.filter(ended_on__isnull=True).count() == 30  # each case in its phase
    assert FollowUp.objects.count() == 90 and FollowUp.objects.open().count() == 60
    # Every case has its main person, and the bulk insert (no save()) still fills the search keys.
    persons = list(Person.objects.all())
    main_persons = [person for person in persons if person.role == "main"]
    assert len(main_persons) == 30 and len({person.case_id for person in main_persons}) == 30
    assert 30 < len(persons) <= 60  # about half the cases have a household member
    assert all(person.last_name_key == name_key(person.last_name) != "" for person in persons)
    assert all(person.first_name_key == name_key(person.first_name) != "" for person in persons)
    assert all(person.last_name_codes for person in persons)
    assert Activity.objects.count() == 200
    assert len(set(Case.objects.values_list("reference", flat=True))) == 30
    # The generator's bulk SQL goes through the triggers that keep the monthly sums too.
    assert MonthlyWork.objects.aggregate(minutes=Sum("minutes"), entries=Sum("entries")) == Activity.objects.aggregate(
        minutes=Sum("minutes"), entries=Count("id")
    )


def test_the_work_log_pages_by_keyset_and_shows_every_entry_once(client, styrum, sgb2_worker):
    """Equal dates on page borders included: 120 entries over 12 days, 50 a page."""
    Activity.objects.bulk_create(
        Activity(
            user=sgb2_worker,
            district=styrum.district,
            kind=WorkKind.NON_CASE,
            activity_type="network",
            minutes=15,
            date=date(2026, 3, 1 + number % 12),
        )
        for number in range(120)
    )
    expected = list(Activity.objects.filter(user=sgb2_worker).order_by("-date", "-id").values_list("pk", flat=True))
    client.force_login(sgb2_worker)
    url, seen, pages = reverse("cases:activity_list"), [], []
    while url:
        response = client.get(url)
        page = response.context["page"]
        seen += [activity.pk for activity in page.object_list]
        pages.append(page)
        assert "120 Einträge" in response.content.decode()
        links = html.fromstring(response.content).xpath('//a[@class="page-link"][normalize-space()="Ältere"]/@href')
        url = reverse("cases:activity_list") + links[0] if links else None
    assert seen == expected and len(pages) == 3
    # Back from the last page: the newer page is the middle one again.
    newer = client.get(reverse("cases:activity_list"), {"neuer_als": pages[2].newer})
    assert [activity.pk for activity in newer.context["page"].object_list] == expected[50:100]


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "gestern",
        "2026-02-30.5",
        "2026-03-01.x",
        "2026-03-01.5.6",
        "9" * 400,
        "2026-03-01." + "9" * 30,
        "0001-01-01.-1",
    ],
)
def test_a_broken_page_cursor_shows_the_first_page(client, sgb2_worker, cursor):
    client.force_login(sgb2_worker)
    for name in ("aelter_als", "neuer_als"):
        assert client.get(reverse("cases:activity_list"), {name: cursor}).status_code == 200


def test_the_cases_in_scope_are_found_by_index_not_by_reading_the_table(sgb2_worker, case):
    """`team IN (SELECT …) OR caseworker = …` cannot use an index: every count and page of the
    case list read all of a city's cases (issue 15, finding 6). With the teams as values (and no
    `OR caseworker = …` where the caseworker's own cases all lie in its teams) the planner reads
    the team's index, even when reading the table is priced out."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        plan = Case.objects.visible_to(sgb2_worker).order_by().explain()  # (as the list's count reads it)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
    assert "Seq Scan on cases_case" not in plan and "Index Cond: (team_id = " in plan, plan
    assert [found.pk for found in Case.objects.visible_to(sgb2_worker)] == [case.pk]


def test_the_users_teams_are_read_once_per_request_and_stand_as_values_in_the_sql(sgb2_worker, case):
    """Building visible_to compiled three membership subqueries into every case query and
    planning them took PostgreSQL about 3 ms a page at city scale (issue 15, throughput)."""
    user = type(sgb2_worker).objects.get(pk=sgb2_worker.pk)  # a fresh request's user
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert [found.pk for found in Case.objects.visible_to(user)] == [case.pk]
    assert len(queries) == 2 + 3  # the roles and the memberships once, then one query per list
    case_queries = [query["sql"] for query in queries.captured_queries[2:]]
    assert all("districts_membership" not in sql for sql in case_queries), case_queries[0]


CONTEXT_PROCESSOR_RUNS = []


def counting_context_processor(request):
    CONTEXT_PROCESSOR_RUNS.append(request.path)
    return {}


def test_the_start_page_runs_the_context_processors_once(client, settings, sgb2_worker, case):
    """Each section of "Meine Arbeit" was rendered on its own with the request, and so ran the
    navigation, the roles and every other context processor once more per section (issue 15)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["context_processors"].append(f"{__name__}.counting_context_processor")
    settings.TEMPLATES = templates
    client.force_login(sgb2_worker)
    CONTEXT_PROCESSOR_RUNS.clear()
    assert client.get(reverse("home")).status_code == 200
    assert CONTEXT_PROCESSOR_RUNS == ["/"]


def test_the_case_filters_choices_are_read_once_a_minute_and_a_chosen_value_still_checked(
    client, styrum, sgb2_worker, case
):
    """The teams, districts, legal areas and colleagues of the case list's filter form were read
    on every page (four queries of twelve, issue 15). They are kept a minute per user; what is
    chosen is still checked against the database."""
    client.force_login(sgb2_worker)
    first = queries_for(client, reverse("cases:case_list"))
    second = queries_for(client, reverse("cases:case_list"))
    assert second == first - 5  # teams, districts (and the municipality in their name), legal areas, colleagues
    page = html.fromstring(client.get(reverse("cases:case_list")).content)
    assert page.xpath("//select[@id='id_team']/option/text()")[1:] == [str(styrum)]
    assert sgb2_worker.get_full_name() in page.xpath("//select[@id='id_caseworker']/option/text()")
    foreign = TeamFactory()
    answer = client.get(reverse("cases:case_list"), {"team": foreign.pk})
    assert answer.status_code == 200
    (team_select,) = html.fromstring(answer.content).xpath("//select[@id='id_team']")
    assert "is-invalid" in team_select.get("class")
    assert case.reference not in answer.content.decode()  # (an invalid filter lists nothing)


def test_kept_choices_build_no_queryset_unless_a_value_is_chosen(client, styrum, sgb2_worker, case, monkeypatch):
    """Building the per-user querysets of the teams, districts and colleagues cost an eighth of
    the case list's time even when their choices were kept: they are built only to check a
    chosen value."""
    from cases.filters import CaseFilter

    built = []
    for name in ("team", "district", "caseworker"):
        model_filter = CaseFilter.base_filters[name]
        monkeypatch.setattr(
            model_filter,
            "queryset",
            lambda request, name=name, make=model_filter.queryset: built.append(name) or make(request),
        )
    client.force_login(sgb2_worker)
    client.get(reverse("cases:case_list"))
    assert sorted(set(built)) == ["caseworker", "district", "team"]
    built.clear()
    empty_form = {"reference": "", "team": "", "district": "", "caseworker": "", "status": "open"}
    page = html.fromstring(client.get(reverse("cases:case_list"), empty_form).content)
    assert built == []
    assert page.xpath("//select[@id='id_team']/option/text()")[1:] == [str(styrum)]
    unchosen = queries_for(client, reverse("cases:case_list") + "?status=open")
    chosen = queries_for(client, reverse("cases:case_list") + f"?status=open&team={styrum.pk}")
    assert chosen == unchosen + 1  # (the chosen team checked; the choices still kept)
    built.clear()
    answer = client.get(reverse("cases:case_list"), {"team": styrum.pk})
    assert set(built) == {"team"}
    assert case.reference in answer.content.decode()
    (chosen,) = html.fromstring(answer.content).xpath("//select[@id='id_team']/option[@selected]")
    assert chosen.get("value") == str(styrum.pk)


def test_the_case_list_reads_the_main_person_only_of_cases_shown_named(client, sgb8_worker, case):
    """The list shows names only where the reader has full access; the persons of the other cases
    are not read at all (and the rest of a case and its caseworker not either: a quarter of the
    page's time at city scale, issue 15)."""
    named = case_in_team_of(sgb8_worker, last_name="Lesbar")
    client.force_login(sgb8_worker)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("cases:case_list")).content.decode()
    assert case.reference in page and named.reference in page
    assert "Lesbar" in page and "Müller" not in page
    persons_queries = [query["sql"] for query in queries.captured_queries if 'FROM "cases_person"' in query["sql"]]
    assert len(persons_queries) == 1
    (listed,) = re.findall(r"\{([\d,]+)\}", persons_queries[0].split("WHERE")[1])  # (= ANY('{…}'))
    assert listed.split(",") == [str(named.pk)]
    (rows_query,) = [
        query["sql"] for query in queries.captured_queries if query["sql"].startswith('SELECT "cases_case"')
    ]
    assert '"auth_user"."password"' not in rows_query and '"cases_case"."will"' not in rows_query
    # The joins for district, legal area and caseworker are the rows' only: the count reads the cases.
    (count_query,) = [
        query["sql"] for query in queries.captured_queries if 'COUNT(*) AS "__count" FROM "cases_case"' in query["sql"]
    ]
    assert "JOIN" not in count_query


def test_a_rows_district_legal_area_and_caseworker_read_as_values(client, sgb2_worker, case, styrum):
    """Read as plain values instead of related objects: the cells say what the objects would."""
    nameless = UserFactory(username="ohne-namen", first_name="", last_name="")
    client.force_login(sgb2_worker)
    Case.objects.filter(pk=case.pk).update(caseworker=nameless)
    cells = html.fromstring(client.get(reverse("cases:case_list")).content).xpath("//tbody/tr/td")
    assert [cell.text_content().strip() for cell in cells[2:5]] == [
        styrum.district.name,
        str(case.legal_area),
        "ohne-namen",
    ]
    Case.objects.filter(pk=case.pk).update(
        caseworker=sgb2_worker, legal_area=LegalArea.objects.get(code=LegalAreaCode.OTHER)
    )
    page = html.fromstring(client.get(reverse("home")).content)
    (item,) = page.xpath(f"//li[a[text()='{case.reference}']]")
    assert f"· {styrum.district.name} · {LegalAreaCode.OTHER.label} ·" in item.text_content()
    cells = html.fromstring(client.get(reverse("cases:case_list")).content).xpath("//tbody/tr/td")
    assert cells[4].text_content().strip() == staff_name(sgb2_worker) == sgb2_worker.get_full_name()


def case_in_team_of(user, last_name: str) -> Case:
    membership = user.memberships.get()
    return services.open_case(
        user,
        Case(
            team=membership.team,
            legal_area=membership.service_area.legal_area,
            service_area=membership.service_area,
            caseworker=user,
            opened_on=date(2026, 1, 5),
        ),
        Person(first_name="Greta", last_name=last_name, birth_date=date(1970, 1, 1)),
    )


def test_the_rows_drawn_in_python_escape_what_users_typed(client, sgb2_worker):
    """The case list's rows and the start page's open cases are built as strings, not by the
    template engine: each value is escaped there."""
    typed = case_in_team_of(sgb2_worker, last_name='<img src=x onerror="alert(1)">&Co')
    client.force_login(sgb2_worker)
    for url in (reverse("cases:case_list"), reverse("home")):
        page = client.get(url).content.decode()
        assert typed.reference in page
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;Co" in page
