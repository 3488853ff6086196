"""Issue 18: the Sozialraumbudget – money in Decimal, overspending only with an audited reason,
requests from a case decided by the team lead, case references only for those who see the case."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html
from openpyxl import load_workbook

from budgets import services
from budgets.constants import BudgetKind, SpendingStatus
from budgets.forms import MoneyField
from budgets.models import Budget, Spending
from cases.retention import ERASED
from sozialraum.models import AuditEvent

YEAR = timezone.localdate().year


@pytest.fixture
def budget(styrum, planner):
    return Budget.objects.create(
        district=styrum.district,
        year=YEAR,
        created_by=planner,
        planned_case=Decimal("1000.00"),
        planned_cross_case=Decimal("500.00"),
        planned_non_case=Decimal("300.00"),
    )


def today():
    return timezone.localdate()


@pytest.mark.parametrize(
    "typed, amount",
    [
        ("47.981.816,87", Decimal("47981816.87")),
        ("1234,5", Decimal("1234.50")),
        ("250", Decimal("250.00")),
        ("1 250,00 €", Decimal("1250.00")),
        ("0,1", Decimal("0.10")),
    ],
)
def test_amounts_are_read_as_decimal_from_german_notation(typed, amount):
    value = MoneyField().clean(typed)
    assert value == amount and isinstance(value, Decimal) and value.as_tuple().exponent == -2


@pytest.mark.parametrize("typed", ["12.34", "1,234", "1.2345,00", "zehn", "1e3", "-5", "12,345"])
def test_amounts_that_are_not_german_euros_are_refused(typed):
    with pytest.raises(Exception, match="Betrag in Euro"):
        MoneyField().clean(typed)


def test_cents_add_up_exactly_without_float(budget, planner):
    for cents in ("0.10", "0.20"):
        services.book(
            planner, Spending(budget=budget, date=today(), amount=Decimal(cents), kind="non_case", purpose="x")
        )
    booked = services.booked_by_kind(budget)["non_case"]
    assert booked == Decimal("0.30") and isinstance(booked, Decimal)  # 0.1 + 0.2 would be 0.30000000000000004
    assert [line.remaining for line in services.lines(budget)][2] == Decimal("299.70")


def test_overspending_is_refused_without_a_reason_and_audited_with_one(client, budget, planner):
    client.force_login(planner)
    url = reverse("budgets:spending_add", args=[budget.pk])
    data = {"date": today().isoformat(), "amount": "350,00", "kind": "non_case", "purpose": "Stadtteilfest"}
    refused = client.post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 200 and "sind mehr, als vom Budget „fallunspezifisch“ übrig ist (300,00 €)" in page
    assert 'value="350,00"' in page and not Spending.objects.exists()
    booked = client.post(url, {**data, "over_budget_reason": "Zusage des Ausschusses vom 3.11."})
    assert booked.status_code == 302
    spending = Spending.objects.get()
    assert spending.over_budget_reason == "Zusage des Ausschusses vom 3.11."
    event = AuditEvent.objects.get(object_type="budgets.spending", object_id=spending.pk)
    assert event.details["over_budget"] == "50.00" and event.details["reason"].startswith("Zusage")
    assert (
        "über Budget: Zusage des Ausschusses"
        in client.get(reverse("budgets:budget_detail", args=[budget.pk])).content.decode()
    )


def test_a_caseworker_requests_and_the_team_lead_decides_once(client, budget, case, sgb2_worker, styrum_lead):
    client.force_login(sgb2_worker)
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert "Fallspezifisch übrig im Budget Styrum" in case_page and "1.000,00 €" in case_page
    response = client.post(
        reverse("budgets:spending_request", args=[case.reference]),
        {"date": today().isoformat(), "amount": "120,00", "purpose": "Zuschuss Monatskarte"},
    )
    assert response.status_code == 302
    spending = Spending.objects.get()
    assert (
        spending.status == SpendingStatus.REQUESTED
        and spending.case == case
        and spending.kind == BudgetKind.CASE_SPECIFIC
    )
    assert services.booked_by_kind(budget)["case"] == 0  # a request is not booked yet
    assert client.get(reverse("budgets:spending_add", args=[budget.pk])).status_code == 404  # no holder

    client.force_login(styrum_lead)
    detail = client.get(reverse("budgets:budget_detail", args=[budget.pk])).content.decode()
    assert "Zuschuss Monatskarte" in detail and case.reference in detail
    decide = reverse("budgets:spending_decide", args=[spending.pk])
    client.post(decide, {"approve": "1"})
    client.post(decide, {"approve": "1"})  # the second click
    spending.refresh_from_db()
    assert spending.status == SpendingStatus.BOOKED and spending.decided_by == styrum_lead
    assert services.booked_by_kind(budget)["case"] == Decimal("120.00")
    assert AuditEvent.objects.filter(object_type="budgets.spending", action="approve").count() == 1
    page = client.get(reverse("budgets:budget_detail", args=[budget.pk])).content.decode()
    assert "Über diesen Antrag ist schon entschieden." in page


def test_declining_needs_a_reason(client, budget, case, sgb2_worker, styrum_lead):
    spending = services.request_spending(
        sgb2_worker, Spending(budget=budget, date=today(), amount=Decimal("10"), purpose="x", case=case)
    )
    client.force_login(styrum_lead)
    decide = reverse("budgets:spending_decide", args=[spending.pk])
    client.post(decide, {"decline": "1", f"s{spending.pk}-decline_reason": " "})
    spending.refresh_from_db()
    assert spending.status == SpendingStatus.REQUESTED
    client.post(decide, {"decline": "1", f"s{spending.pk}-decline_reason": "Vorrangig Bildung und Teilhabe"})
    spending.refresh_from_db()
    assert spending.status == SpendingStatus.DECLINED and spending.decline_reason.startswith("Vorrangig")


def test_case_specific_spending_names_the_case_only_to_those_who_see_it(
    client, budget, case, planner, sgb2_worker, sgb8_worker, styrum_lead
):
    services.book(
        styrum_lead,
        Spending(
            budget=budget,
            date=today(),
            amount=Decimal("80"),
            kind="case",
            purpose="Schulbedarf für Erika Müller",
            case=case,
        ),
    )
    detail = reverse("budgets:budget_detail", args=[budget.pk])
    client.force_login(planner)  # planners see sums
    page = client.get(detail).content.decode()
    assert "80,00 €" in page and case.reference not in page and "Schulbedarf" not in page
    assert "für einen Fall des Sozialraums" in page
    sheet = load_workbook(io.BytesIO(client.get(reverse("budgets:budget_export", args=[budget.pk])).content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert case.reference not in str(rows) and "Schulbedarf" not in str(rows)
    assert rows[-1][1:] == [80, "fallspezifisch", None, None, None]  # the amount, without purpose or case
    client.force_login(sgb8_worker)  # same team, other legal area, no consent: the case pseudonymised
    page = client.get(detail).content.decode()
    assert case.reference in page and "Erika" not in page and "Schulbedarf für [Name]" in page
    client.force_login(sgb2_worker)
    assert "Schulbedarf für Erika Müller" in client.get(detail).content.decode()


def test_erasure_blanks_what_the_money_was_for(budget, case, styrum_lead):
    from cases.hooks import erasure_steps

    spending = services.book(
        styrum_lead,
        Spending(budget=budget, date=today(), amount=Decimal("80"), kind="case", purpose="Schulbedarf", case=case),
    )
    for step in erasure_steps:
        step([case.pk])
    spending.refresh_from_db()
    assert spending.purpose == ERASED and spending.amount == Decimal("80.00")


def test_a_planner_enters_a_budget_in_german_amounts(client, planner, styrum):
    client.force_login(planner)
    data = {
        "district": styrum.district.pk,
        "team": "",
        "year": YEAR,
        "planned_case": "47.981.816,87",
        "planned_cross_case": "",
        "planned_non_case": "12.000",
        "planned_other": "0",
        "other_label": "",
    }
    assert client.post(reverse("budgets:budget_add"), data).status_code == 302
    budget = Budget.objects.get()
    assert budget.planned_case == Decimal("47981816.87") and budget.planned_total == Decimal("47993816.87")
    again = client.post(reverse("budgets:budget_add"), data)  # one budget per district and year
    assert again.status_code == 200 and Budget.objects.count() == 1
    listing = client.get(reverse("budgets:budget_list")).content.decode()
    assert "47.993.816,87 €" in listing


def test_lists_keep_their_number_of_queries(client, planner, styrum, django_assert_max_num_queries):
    from districts.models import District

    client.force_login(planner)
    for year in range(2020, 2026):
        Budget.objects.create(district=District.objects.get(slug="styrum"), year=year, created_by=planner)
    with django_assert_max_num_queries(8):
        client.get(reverse("budgets:budget_list"))


def test_each_request_gets_its_own_decision_fields_and_an_approval_over_budget_needs_its_reason(
    client, budget, case, sgb2_worker, styrum_lead
):
    first, second = (
        services.request_spending(
            sgb2_worker, Spending(budget=budget, date=today(), amount=Decimal(amount), purpose="x", case=case)
        )
        for amount in ("10", "1500")
    )
    client.force_login(styrum_lead)
    page = html.fromstring(client.get(reverse("budgets:budget_detail", args=[budget.pk])).content)
    ids = page.xpath("//textarea/@id")
    assert len(ids) == 4 and len(set(ids)) == 4
    decide = reverse("budgets:spending_decide", args=[second.pk])
    client.post(decide, {"approve": "1"})  # 1.500 € of 1.000 € case-specific: refused without a reason
    second.refresh_from_db()
    assert second.status == SpendingStatus.REQUESTED
    client.post(decide, {"approve": "1", f"s{second.pk}-over_budget_reason": "Notlage, mit der Leitung besprochen"})
    second.refresh_from_db()
    assert second.status == SpendingStatus.BOOKED and second.over_budget_reason.startswith("Notlage")
    first.refresh_from_db()
    assert first.status == SpendingStatus.REQUESTED


def test_a_member_of_two_teams_of_the_district_sees_each_sum_once(client, budget, planner, sgb2_worker, styrum):
    from districts.models import ServiceArea
    from tests.factories import MembershipFactory, TeamFactory

    second_team = TeamFactory(district=styrum.district, name="Zweites Team Styrum")
    MembershipFactory(team=second_team, user=sgb2_worker, service_area=ServiceArea.objects.get(name="Casemanagement"))
    services.book(planner, Spending(budget=budget, date=today(), amount=Decimal("100"), kind="non_case", purpose="x"))
    client.force_login(sgb2_worker)
    [listed] = client.get(reverse("budgets:budget_list")).context["budgets"]
    assert listed.booked == Decimal("100.00") and listed.planned_sum == Decimal("1800.00")
