"""The proof of DESIGN §4 rule 1, URL by URL (issue 11): every URL of the app × every kind of
user → the status they get. Objects belong to the Styrum team; the outsider works in Ulm; the
former member left the Styrum team after attending its meeting. A meta-test fails for any URL
pattern the table does not list, so no view ships without its row.

Statuses: 200 page, 302 redirect (login for anonymous users; back after a POST), 403 known
page the role may not use, 404 the object is out of scope (nobody learns it exists), 405 the
method is not offered."""

from datetime import date, time
from decimal import Decimal
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from budgets import services as budget_services
from budgets.models import Budget, Spending
from cases import services as case_services
from cases import transfers
from cases.attachments import file_document
from cases.constants import ConsentScope
from cases.models import Activity, Attachment, Case, Consent, FollowUp, FollowUpSource, Goal, Person, Referral, Resource
from districts.models import AccessRequest
from meetings import services as meeting_services
from meetings.constants import MeetingKind, Rhythm
from meetings.models import ActionItem, AgendaItem, CalendarToken, MeetingAttachment, MeetingSeries
from networks.models import ContactPerson, Network, NetworkMembership, Offer, Partner, Place
from reports.models import ReportPreview, ReportRun
from sozialraum.roles import Role
from tests.helpers import member

USERS = [
    "anonymous",
    "responsible",
    "other_area",
    "lead",
    "outsider",
    "former",
    "planner",
    "coordinator",
    "admin",
    "dpo",
]

# Who is what, as statuses for GET, by the kind of page.
CASE_EDIT = {"responsible": 200, "lead": 200, "other_area": 404, "outsider": 404, "former": 404}
NO_CASE_ROLE = {"planner": 404, "coordinator": 404, "admin": 404, "dpo": 404}


def everyone(status: int) -> dict[str, int]:
    """The same status for every signed-in user."""
    return dict.fromkeys(USERS[1:], status)


ANY_ROLE = everyone(200)
DIRECTORY_READ = {
    **dict.fromkeys(["responsible", "other_area", "lead", "outsider", "former"], 200),
    "planner": 200,
    "coordinator": 200,
    "admin": 403,
    "dpo": 403,
}
ADMINISTRATION = {**dict.fromkeys(USERS[1:], 403), "admin": 200}
DIRECTORY_EDIT = {**dict.fromkeys(USERS[1:], 403), "coordinator": 200}
REPORTS = {**dict.fromkeys(USERS[1:], 403), "planner": 200}
CASE_WORK = {**dict.fromkeys(["responsible", "other_area", "lead", "outsider", "former"], 200), **NO_CASE_ROLE}
STYRUM_MEETING = {"responsible": 200, "other_area": 200, "lead": 200, "outsider": 404, "former": 404, **NO_CASE_ROLE}
LEAD_ONLY = {"responsible": 404, "other_area": 404, "lead": 200, "outsider": 404, "former": 404, **NO_CASE_ROLE}
# A GET on a form-less action: the method is refused before any object is looked at, so the
# answer tells nothing about the object (405); roles without case work do not get that far.
CASE_ACTION_GET = {**dict.fromkeys(["responsible", "other_area", "lead", "outsider", "former"], 405), **NO_CASE_ROLE}
MEETING_ACTION_GET = dict.fromkeys(USERS[1:], 405)
# "Meine Aufgaben": case work and network coordination; a follow-up is its owner's alone.
FOLLOW_UPS = {**CASE_WORK, "coordinator": 200}
FOLLOW_UP_ACTION_GET = {**CASE_ACTION_GET, "coordinator": 405}
OWNER_ONLY = {**dict.fromkeys(["other_area", "lead", "outsider", "former", "coordinator"], 404), **NO_CASE_ROLE}


# The Sozialraumbudget: planning and the district's case workers read it; planning and the
# team leads of the district keep it.
BUDGET_READ = {
    **dict.fromkeys(["responsible", "other_area", "lead", "planner"], 200),
    "outsider": 404,
    "former": 404,
    "coordinator": 404,
    "admin": 404,
    "dpo": 404,
}
BUDGET_KEEP = {**BUDGET_READ, "responsible": 404, "other_area": 404}


def signed_in(statuses):
    return {"anonymous": 302, **statuses}


@pytest.fixture
def world(
    case, styrum, sgb2_worker, sgb8_worker, styrum_lead, outsider, planner, coordinator, administrator, data_protection
):
    former = member(styrum, "ehemalig", "Kommunaler Sozialer Dienst")
    series = MeetingSeries.objects.create(
        team=styrum,
        name="Sozialraumteam Styrum",
        kind=MeetingKind.SOZIALRAUMTEAM,
        rhythm=Rhythm.GIVEN_DATES,
        given_dates=[date(2026, 12, 8)],
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 31),
        start_time=time(9),
        end_time=time(11),
        place="Raum 1",
    )
    meeting_services.generate_meetings(series)
    meeting = series.meetings.get()
    proposal = meeting_services.propose_case(sgb2_worker, case, "Wie weiter?")
    item = meeting_services.put_on_agenda(meeting, proposal)
    meeting_services.set_attendance(styrum_lead, meeting, [former, sgb2_worker])
    former.memberships.all().delete()
    topic = AgendaItem.objects.create(meeting=meeting, kind="information", title="Neues aus dem Quartier", position=5)
    action = ActionItem.objects.create(meeting=meeting, what="Anrufen", owner=sgb2_worker, due_on=meeting.date)
    partner = Partner.objects.create(municipality=styrum.district.municipality, name="Diakonie", kind="other")
    contact = ContactPerson.objects.create(partner=partner, name="Petra Paul")
    network = Network.objects.create(municipality=styrum.district.municipality, name="Runder Tisch")
    roster_member = NetworkMembership.objects.create(network=network, partner=partner, field_of_work="Beratung")
    place = Place.objects.create(municipality=styrum.district.municipality, name="Bürgerzentrum")
    offer = Offer.objects.create(partner=partner, title="Sprechstunde", place=place)
    goal = Goal.objects.create(case=case, title="Arbeit finden")
    resource = Resource.objects.create(case=case, kind="family", description="Schwester")
    consent = case_services.add_to_case(
        sgb2_worker,
        Consent(
            case=case,
            scope=ConsentScope.TEAM,
            team=styrum,
            purpose="x",
            given_on=date(2026, 1, 5),
            recorded_by=sgb2_worker,
        ),
    )
    referral = Referral.objects.create(case=case, partner=partner, created_by=sgb2_worker)
    run = ReportRun.objects.create(
        created_by=planner, municipality=styrum.district.municipality, start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    preview = ReportPreview.objects.create(
        requested_by=planner,
        municipality=styrum.district.municipality,
        district_ids=[styrum.district_id],
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
    )
    token = CalendarToken.objects.create(user=sgb2_worker)
    activity = case_services.log_activity(
        sgb2_worker,
        Activity(
            date=date.today(), minutes=30, kind="case", activity_type="counselling", case=case, district=styrum.district
        ),
    )
    # A case of the Ulm team that is to move to Styrum: the Styrum lead decides.
    ulm_team = outsider.memberships.get().team
    ulm_case = case_services.open_case(
        outsider,
        Case(
            team=ulm_team,
            legal_area=case.legal_area,
            service_area=outsider.memberships.get().service_area,
            caseworker=outsider,
            opened_on=date(2026, 3, 1),
        ),
        Person(role="main", first_name="Uwe", last_name="Umzug", birth_date=date(1980, 1, 1), sex="m"),
    )
    transfer = transfers.request_transfer(outsider, ulm_case, styrum, "Umzug nach Styrum")
    document = Attachment(case=case, title="Einwilligung", kind="consent", document_date=date(2026, 11, 20))
    file_document(sgb2_worker, document, SimpleUploadedFile("einwilligung.pdf", b"%PDF-1.7\n%%EOF\n"))
    meeting_document = MeetingAttachment(meeting=meeting, title="Flyer")
    file_document(styrum_lead, meeting_document, SimpleUploadedFile("flyer.pdf", b"%PDF-1.7\n%%EOF\n"))
    follow_up = FollowUp.objects.create(
        source=FollowUpSource.MANUAL, case=case, owner=sgb2_worker, due_on=date(2026, 12, 1), reason="Rückruf"
    )
    access_request = AccessRequest.objects.create(
        user=sgb8_worker, group=Group.objects.get(name=Role.TEAM_LEAD), requested_by=former
    )
    budget = Budget.objects.create(district=styrum.district, year=date.today().year, created_by=planner)
    spending = budget_services.request_spending(
        sgb2_worker, Spending(budget=budget, date=date.today(), amount=Decimal("20"), purpose="Fahrkarte", case=case)
    )
    return {
        "budget": budget,
        "spending": spending,
        "users": {
            "responsible": sgb2_worker,
            "other_area": sgb8_worker,
            "lead": styrum_lead,
            "outsider": outsider,
            "former": former,
            "planner": planner,
            "coordinator": coordinator,
            "admin": administrator,
            "dpo": data_protection,
        },
        "case": case,
        "person": case.persons.get(),
        "goal": goal,
        "resource": resource,
        "consent": consent,
        "referral": referral,
        "meeting": meeting,
        "item": item,
        "topic": topic,
        "series": series,
        "action": action,
        "partner": partner,
        "contact": contact,
        "network": network,
        "roster_member": roster_member,
        "offer": offer,
        "place": place,
        "run": run,
        "preview": preview,
        "token": token,
        "access_request": access_request,
        "team": styrum,
        "follow_up": follow_up,
        "activity": activity,
        "transfer": transfer,
        "document": document,
        "meeting_document": meeting_document,
    }


def ref(w):
    return [w["case"].reference]


# (url name, arguments from the world, GET statuses, POST statuses or None when GET covers it)
TABLE = [
    ("home", lambda w: [], signed_in(ANY_ROLE), None),
    # For the load balancer: no login, the same answer for everyone (the world has no worker: 503).
    ("health_live", lambda w: [], dict.fromkeys(USERS, 200), dict.fromkeys(USERS, 405)),
    ("health_ready", lambda w: [], dict.fromkeys(USERS, 503), dict.fromkeys(USERS, 405)),
    ("login", lambda w: [], {"anonymous": 200, **dict.fromkeys(USERS[1:], 302)}, None),
    # Signing in with the directory: not there while no identity provider is configured (the
    # flows with one are in tests/sozialraum/test_directory_sign_in.py).
    ("directory_sign_in", lambda w: [], dict.fromkeys(USERS, 404), dict.fromkeys(USERS, 404)),
    ("directory_callback", lambda w: [], dict.fromkeys(USERS, 404), dict.fromkeys(USERS, 404)),
    ("logout", lambda w: [], {**dict.fromkeys(USERS, 405), "anonymous": 302}, dict.fromkeys(USERS, 302)),
    ("password_change", lambda w: [], signed_in(ANY_ROLE), None),
    ("second_factor_verify", lambda w: [], signed_in(ANY_ROLE), signed_in(ANY_ROLE)),
    ("second_factor_setup", lambda w: [], signed_in(ANY_ROLE), signed_in(ANY_ROLE)),
    # Only after the second factor is given in this session (else back to it).
    ("second_factor_recovery_codes", lambda w: [], signed_in(everyone(405)), signed_in(everyone(302))),
    # Passkeys (django-otp-webauthn's JSON API): each signed-in user for themselves. A ceremony
    # not begun is refused (400) with a JSON message.
    ("otp_webauthn:credential-registration-begin", lambda w: [], signed_in(everyone(405)), signed_in(ANY_ROLE)),
    ("otp_webauthn:credential-registration-complete", lambda w: [], signed_in(everyone(405)), signed_in(everyone(400))),
    ("otp_webauthn:credential-authentication-begin", lambda w: [], signed_in(everyone(405)), signed_in(ANY_ROLE)),
    (
        "otp_webauthn:credential-authentication-complete",
        lambda w: [],
        signed_in(everyone(405)),
        signed_in(everyone(400)),
    ),
    ("otp_webauthn:js-i18n-catalog", lambda w: [], signed_in(ANY_ROLE), signed_in(everyone(405))),
    ("password_change_done", lambda w: [], signed_in(ANY_ROLE), None),
    ("password_reset", lambda w: [], dict.fromkeys(USERS, 200), None),
    ("password_reset_done", lambda w: [], dict.fromkeys(USERS, 200), None),
    ("password_reset_confirm", lambda w: ["MQ", "set-password"], dict.fromkeys(USERS, 200), None),
    ("password_reset_complete", lambda w: [], dict.fromkeys(USERS, 200), None),
    (
        "session_keepalive",
        lambda w: [],
        signed_in(dict.fromkeys(USERS[1:], 405)),
        signed_in(dict.fromkeys(USERS[1:], 204)),
    ),
    ("search", lambda w: [], signed_in(ANY_ROLE), None),
    ("audit_trail", lambda w: [], signed_in({**dict.fromkeys(USERS[1:], 403), "dpo": 200}), None),
    ("search_preview", lambda w: [], signed_in(dict.fromkeys(USERS[1:], 405)), signed_in(ANY_ROLE)),
    # districts
    ("districts:municipality_list", lambda w: [], signed_in(ANY_ROLE), None),
    ("districts:municipality_detail", lambda w: ["muelheim-an-der-ruhr"], signed_in(ANY_ROLE), None),
    ("districts:district_list", lambda w: [], signed_in(ANY_ROLE), None),
    ("districts:district_detail", lambda w: ["muelheim-an-der-ruhr", "styrum"], signed_in(ANY_ROLE), None),
    ("districts:team_detail", lambda w: [w["team"].pk], signed_in(ANY_ROLE), None),
    ("districts:access_requests", lambda w: [], signed_in(ADMINISTRATION), None),
    ("districts:access_request_create", lambda w: [], signed_in(ADMINISTRATION), signed_in(ADMINISTRATION)),
    (
        "districts:access_request_approve",
        lambda w: [w["access_request"].pk],
        signed_in({**ADMINISTRATION, "admin": 405}),
        signed_in({**ADMINISTRATION, "admin": 302}),
    ),
    (
        "districts:access_request_reject",
        lambda w: [w["access_request"].pk],
        signed_in({**ADMINISTRATION, "admin": 405}),
        signed_in({**ADMINISTRATION, "admin": 302}),
    ),
    # cases
    ("cases:case_list", lambda w: [], signed_in(CASE_WORK), None),
    ("cases:case_open", lambda w: [], signed_in(CASE_WORK), None),
    ("cases:case_detail", ref, signed_in({**CASE_EDIT, "other_area": 200, **NO_CASE_ROLE}), None),
    ("cases:case_edit", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    ("cases:subject_access", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    ("cases:subject_access_pdf", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    ("cases:subject_access_zip", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    # The help plan names the persons: full access (the world's consent covers the other legal area).
    ("cases:letter_add", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), signed_in({**CASE_EDIT, **NO_CASE_ROLE})),
    ("cases:help_plan", ref, signed_in({**CASE_EDIT, "other_area": 200, **NO_CASE_ROLE}), None),
    ("cases:help_plan_pdf", ref, signed_in({**CASE_EDIT, "other_area": 200, **NO_CASE_ROLE}), None),
    # Documents: filed by who may edit the case (an empty POST gets the form with its errors),
    # opened by who reads it in full (the world's team consent includes the other legal area).
    ("cases:attachment_add", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), signed_in({**CASE_EDIT, **NO_CASE_ROLE})),
    (
        "cases:attachment_download",
        lambda w: [*ref(w), w["document"].pk],
        signed_in({**CASE_EDIT, "other_area": 200, **NO_CASE_ROLE}),
        None,
    ),
    (  # the responsible caseworker removes it; for the lead, asking next, it is gone
        "cases:attachment_delete",
        lambda w: [*ref(w), w["document"].pk],
        signed_in(CASE_ACTION_GET),
        signed_in({**CASE_EDIT, "responsible": 302, "lead": 302, **NO_CASE_ROLE}),
    ),
    ("cases:person_add", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    ("cases:person_edit", lambda w: [*ref(w), w["person"].pk], signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    (
        "cases:person_merge",
        lambda w: [*ref(w), w["person"].pk, w["person"].pk],
        signed_in({**CASE_EDIT, "responsible": 404, "lead": 404, **NO_CASE_ROLE}),
        None,
    ),
    ("cases:goal_add", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    ("cases:goal_edit", lambda w: [*ref(w), w["goal"].pk], signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    ("cases:resource_add", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    ("cases:resource_edit", lambda w: [*ref(w), w["resource"].pk], signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    (
        "cases:resource_delete",
        lambda w: [*ref(w), w["resource"].pk],
        signed_in(CASE_ACTION_GET),
        # The responsible caseworker removes it; for the lead, asking next, it is gone.
        signed_in({**CASE_EDIT, "responsible": 302, "lead": 404, **NO_CASE_ROLE}),
    ),
    ("cases:consent_add", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    (
        "cases:consent_withdraw",
        lambda w: [*ref(w), w["consent"].pk],
        signed_in({**CASE_EDIT, **NO_CASE_ROLE}),
        signed_in({**CASE_EDIT, "responsible": 302, "lead": 302, **NO_CASE_ROLE}),
    ),
    ("cases:referral_add", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    ("cases:referral_edit", lambda w: [*ref(w), w["referral"].pk], signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    (
        "cases:referral_for_offer",
        lambda w: [w["offer"].pk],
        signed_in({**dict.fromkeys(CASE_WORK, 404), **NO_CASE_ROLE}),
        None,
    ),
    (
        "cases:offer_as_resource",
        lambda w: [*ref(w), w["offer"].pk],
        signed_in(CASE_ACTION_GET),
        signed_in({**CASE_EDIT, "responsible": 302, "lead": 302, **NO_CASE_ROLE}),
    ),
    ("cases:activity_list", lambda w: [], signed_in(FOLLOW_UPS), None),
    ("cases:activity_add", lambda w: [], signed_in(FOLLOW_UPS), None),
    ("cases:activity_export", lambda w: [], signed_in(FOLLOW_UPS), None),
    (  # the author corrects its own recent entries; for everyone else there is no such entry
        "cases:activity_correct",
        lambda w: [w["activity"].pk],
        signed_in({**OWNER_ONLY, "responsible": 200}),
        signed_in({**OWNER_ONLY, "responsible": 200}),
    ),
    (  # deleted by its author (back to the work log); a second POST finds nothing and goes back too
        "cases:activity_delete",
        lambda w: [w["activity"].pk],
        signed_in(FOLLOW_UP_ACTION_GET),
        signed_in({**dict.fromkeys(FOLLOW_UPS, 302), **NO_CASE_ROLE, "coordinator": 302}),
    ),
    # The case select's search (htmx POST); an empty POST names no field.
    (
        "cases:case_options",
        lambda w: [],
        signed_in(CASE_ACTION_GET),
        signed_in({**dict.fromkeys(["responsible", "other_area", "lead", "outsider", "former"], 400), **NO_CASE_ROLE}),
    ),
    ("cases:team_work", lambda w: [w["team"].pk], signed_in(LEAD_ONLY), None),
    ("districts:indicator_values", lambda w: [], signed_in(REPORTS), None),
    ("districts:indicator_value_add", lambda w: [], signed_in(REPORTS), signed_in(REPORTS)),
    ("districts:indicator_import", lambda w: [], signed_in(REPORTS), signed_in(REPORTS)),
    ("budgets:budget_list", lambda w: [], signed_in({**BUDGET_READ, "outsider": 200, "former": 200}), None),
    ("budgets:budget_add", lambda w: [], signed_in(BUDGET_KEEP), signed_in(BUDGET_KEEP)),
    ("budgets:budget_detail", lambda w: [w["budget"].pk], signed_in(BUDGET_READ), None),
    (  # the team's members to this year's budget of its district; others do not learn the team
        "budgets:team_budget",
        lambda w: [w["team"].pk],
        signed_in({**BUDGET_READ, **dict.fromkeys(["responsible", "other_area", "lead"], 302), "planner": 404}),
        None,
    ),
    ("budgets:budget_edit", lambda w: [w["budget"].pk], signed_in(BUDGET_KEEP), signed_in(BUDGET_KEEP)),
    ("budgets:spending_add", lambda w: [w["budget"].pk], signed_in(BUDGET_KEEP), signed_in(BUDGET_KEEP)),
    ("budgets:budget_export", lambda w: [w["budget"].pk], signed_in(BUDGET_READ), None),
    (  # POST only; whoever sees the budget gets back to it (with a message unless they hold it)
        "budgets:spending_decide",
        lambda w: [w["spending"].pk],
        signed_in(
            {
                **BUDGET_READ,
                **dict.fromkeys(["responsible", "other_area", "lead", "outsider", "former", "planner"], 405),
            }
        ),
        signed_in({**BUDGET_READ, **dict.fromkeys(["responsible", "other_area", "lead", "planner"], 302)}),
    ),
    (
        "budgets:spending_request",
        ref,
        signed_in({**CASE_EDIT, **NO_CASE_ROLE}),
        signed_in({**CASE_EDIT, **NO_CASE_ROLE}),
    ),
    ("cases:team_work_export", lambda w: [w["team"].pk], signed_in(LEAD_ONLY), None),
    ("cases:my_tasks", lambda w: [], signed_in(FOLLOW_UPS), None),
    # Handing a case over: asked by who may edit it; decided by the receiving team's lead.
    ("cases:case_transfer", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), signed_in({**CASE_EDIT, **NO_CASE_ROLE})),
    ("cases:transfers_incoming", lambda w: [], signed_in(CASE_WORK), None),
    (  # the empty POST is an acceptance without a caseworker: the form again
        "cases:transfer_decide",
        lambda w: [w["transfer"].pk],
        signed_in(LEAD_ONLY),
        signed_in(LEAD_ONLY),
    ),
    (
        "cases:follow_up_reminder",
        lambda w: [],
        signed_in(FOLLOW_UP_ACTION_GET),
        signed_in({user: 302 if status == 200 else status for user, status in FOLLOW_UPS.items()}),
    ),
    (
        "cases:follow_up_done",
        lambda w: [w["follow_up"].pk],
        signed_in(FOLLOW_UP_ACTION_GET),
        signed_in({**OWNER_ONLY, "responsible": 302}),
    ),
    ("cases:follow_up_open", lambda w: [w["follow_up"].pk], signed_in({**OWNER_ONLY, "responsible": 302}), None),
    (  # an empty POST chooses neither action: the page again
        "cases:follow_up_change",
        lambda w: [w["follow_up"].pk],
        signed_in({**OWNER_ONLY, "responsible": 200}),
        signed_in({**OWNER_ONLY, "responsible": 200}),
    ),
    (  # set on a case by who reads it in full; the empty POST gets its form back with the error
        "cases:case_follow_up",
        ref,
        signed_in(FOLLOW_UP_ACTION_GET),
        # (the world's team consent lets the other legal area read the case in full)
        signed_in({**CASE_EDIT, "responsible": 200, "lead": 200, "other_area": 200, **NO_CASE_ROLE}),
    ),
    (
        "cases:partner_follow_up",
        lambda w: [w["partner"].pk],
        signed_in(FOLLOW_UP_ACTION_GET),
        signed_in(FOLLOW_UPS),
    ),
    # meetings
    ("meetings:calendar_year", lambda w: [], signed_in(ANY_ROLE), None),
    ("meetings:calendar_month", lambda w: [], signed_in(ANY_ROLE), None),
    ("meetings:feed_settings", lambda w: [], signed_in(ANY_ROLE), None),
    ("meetings:feed", lambda w: [w["token"].token], dict.fromkeys(USERS, 200), None),
    ("meetings:series_list", lambda w: [], signed_in(ANY_ROLE), None),
    ("meetings:series_add", lambda w: [], signed_in(LEAD_ONLY), None),
    ("meetings:series_detail", lambda w: [w["series"].pk], signed_in(STYRUM_MEETING), None),
    ("meetings:series_edit", lambda w: [w["series"].pk], signed_in(LEAD_ONLY), None),
    ("meetings:meeting_detail", lambda w: [w["meeting"].pk], signed_in(STYRUM_MEETING), None),
    ("meetings:meeting_move", lambda w: [w["meeting"].pk], signed_in(LEAD_ONLY), None),
    ("meetings:document", lambda w: [w["meeting"].pk, "mappe"], signed_in(STYRUM_MEETING), None),
    ("meetings:consultation", lambda w: [w["meeting"].pk, w["item"].pk], signed_in(STYRUM_MEETING), None),
    ("meetings:topic_result", lambda w: [w["meeting"].pk, w["topic"].pk], signed_in(LEAD_ONLY), None),
    ("meetings:next_meeting", lambda w: [w["team"].pk], signed_in({**LEAD_ONLY, "lead": 302}), None),
    ("meetings:propose_case", ref, signed_in({**CASE_EDIT, **NO_CASE_ROLE}), None),
    (
        "meetings:action_done",
        lambda w: [w["action"].pk],
        signed_in(dict.fromkeys(USERS[1:], 405)),
        signed_in({**LEAD_ONLY, "responsible": 302, "lead": 302}),
    ),
]
TABLE.append(
    (
        "meetings:agenda_add_case",
        lambda w: [w["meeting"].pk],
        signed_in(MEETING_ACTION_GET),
        signed_in(LEAD_ONLY | {"lead": 404}),  # the lead, but without a proposal to add: none found
    )
)
TABLE.append(  # the case on the agenda was not consulted: the lead is asked what becomes of it
    (
        "meetings:close",
        lambda w: [w["meeting"].pk],
        signed_in(MEETING_ACTION_GET),
        signed_in({**LEAD_ONLY, "lead": 200}),
    )
)
for name in [
    "cancel",  # (an empty POST: no reason, the meeting stays and the message says why)
    "agenda_add_topic",
    "attendance",
    "correction_add",
]:
    TABLE.append(
        (
            f"meetings:{name}",
            lambda w: [w["meeting"].pk],
            signed_in(MEETING_ACTION_GET),
            signed_in({**LEAD_ONLY, "lead": 302}),
        )
    )
TABLE += [
    (  # an empty POST: the message says what is missing, back to the meeting
        "meetings:attachment_add",
        lambda w: [w["meeting"].pk],
        signed_in(MEETING_ACTION_GET),
        signed_in({**LEAD_ONLY, "lead": 302}),
    ),
    (
        "meetings:attachment_download",
        lambda w: [w["meeting"].pk, w["meeting_document"].pk],
        signed_in(STYRUM_MEETING),
        None,
    ),
    (
        "meetings:attachment_delete",
        lambda w: [w["meeting"].pk, w["meeting_document"].pk],
        signed_in(MEETING_ACTION_GET),
        signed_in({**LEAD_ONLY, "lead": 302}),
    ),
]
TABLE.append(  # the empty POST shows the form again on a page of its own, with its errors
    (
        "meetings:action_add",
        lambda w: [w["meeting"].pk],
        signed_in(MEETING_ACTION_GET),
        signed_in({**LEAD_ONLY, "lead": 200}),
    )
)
TABLE.append(  # GET shows the mail before it is sent
    ("meetings:send_agenda", lambda w: [w["meeting"].pk], signed_in(LEAD_ONLY), signed_in({**LEAD_ONLY, "lead": 302}))
)
TABLE.append(
    (
        "meetings:agenda_item",
        lambda w: [w["meeting"].pk, w["item"].pk],
        signed_in(MEETING_ACTION_GET),
        signed_in({**LEAD_ONLY, "lead": 302}),
    )
)
TABLE += [
    ("networks:partner_list", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:partner_detail", lambda w: [w["partner"].pk], signed_in(DIRECTORY_READ), None),
    ("networks:partner_add", lambda w: [], signed_in(DIRECTORY_EDIT), None),
    ("networks:partner_edit", lambda w: [w["partner"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:contact_add", lambda w: [w["partner"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:contact_edit", lambda w: [w["partner"].pk, w["contact"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:network_list", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:network_detail", lambda w: [w["network"].pk], signed_in(DIRECTORY_READ), None),
    ("networks:network_add", lambda w: [], signed_in(DIRECTORY_EDIT), None),
    ("networks:network_edit", lambda w: [w["network"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:roster_export", lambda w: [w["network"].pk, "csv"], signed_in(DIRECTORY_READ), None),
    ("networks:roster_import", lambda w: [w["network"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:membership_add", lambda w: [w["network"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:membership_edit", lambda w: [w["network"].pk, w["roster_member"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:membership_delete", lambda w: [w["network"].pk, w["roster_member"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:offer_list", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:offer_detail", lambda w: [w["offer"].pk], signed_in(DIRECTORY_READ), None),
    ("networks:offer_add", lambda w: [], signed_in(DIRECTORY_EDIT), None),
    ("networks:offer_edit", lambda w: [w["offer"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:offer_hsds", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:hsds_root", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:hsds_services", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:hsds_service", lambda w: [w["offer"].public_id], signed_in(DIRECTORY_READ), None),
    ("networks:hsds_organizations", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:hsds_organization", lambda w: [w["partner"].public_id], signed_in(DIRECTORY_READ), None),
    ("networks:hsds_service_at_locations", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:hsds_taxonomies", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:hsds_taxonomy_terms", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:place_list", lambda w: [], signed_in(DIRECTORY_READ), None),
    ("networks:place_add", lambda w: [], signed_in(DIRECTORY_EDIT), None),
    ("networks:place_edit", lambda w: [w["place"].pk], signed_in(DIRECTORY_EDIT), None),
    ("networks:search_synonyms", lambda w: [], signed_in(DIRECTORY_EDIT), None),
    ("networks:upkeep", lambda w: [], signed_in(DIRECTORY_READ), None),
    (
        "networks:mark_checked",
        lambda w: ["offer", w["offer"].pk],
        signed_in({**DIRECTORY_EDIT, "coordinator": 405}),
        signed_in({**DIRECTORY_EDIT, "coordinator": 302}),
    ),
    ("reports:report", lambda w: [], signed_in(REPORTS), None),
    ("reports:run_list", lambda w: [], signed_in(REPORTS), None),
    # A preview is shown to the planner who asked for it (another planner: 404, tested apart).
    ("reports:preview", lambda w: [w["preview"].pk], signed_in(REPORTS), None),
    ("reports:run_detail", lambda w: [w["run"].pk], signed_in(REPORTS), None),
    ("reports:run_file", lambda w: [w["run"].pk, "pdf"], signed_in({**REPORTS, "planner": 404}), None),
    # Only a failed run starts again; the queued run of the world stays as it is (back to its page).
    (
        "reports:run_restart",
        lambda w: [w["run"].pk],
        signed_in({**REPORTS, "planner": 405}),
        signed_in({**REPORTS, "planner": 302}),
    ),
    # The run in the world is still queued: its files and tables do not exist yet.
    ("reports:table_csv", lambda w: [w["run"].pk, "faelle_eroeffnet"], signed_in({**REPORTS, "planner": 404}), None),
]


def session_of(user) -> str | None:
    """A session of `user`, written directly: the table asks what each role may reach; signing
    in through login() (its signals, django-axes' log) for 10 users × 100 URLs would cost a
    third of the module's time and is tested elsewhere."""
    if user is None:
        return None
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "sozialraum.directory.backends.PasswordBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def responses(client, sessions, url, method):
    statuses = {}
    for who in USERS:
        client.cookies.clear()
        if sessions[who]:
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[who]
        response = client.get(url) if method == "GET" else client.post(url, {})
        statuses[who] = response.status_code
    return statuses


@pytest.mark.parametrize("name, arguments, get_statuses, post_statuses", TABLE, ids=[row[0] for row in TABLE])
def test_permission_table(client, world, name, arguments, get_statuses, post_statuses):
    url = reverse(name, args=arguments(world))
    sessions = {who: session_of(world["users"].get(who)) for who in USERS}
    for method, expected in (("GET", get_statuses), ("POST", post_statuses)):
        if expected is None:
            continue
        actual = responses(client, sessions, url, method)
        wrong = {who: f"{actual[who]} (expected {expected[who]})" for who in USERS if actual[who] != expected[who]}
        assert wrong == {}, f"{method} {url}"


def url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":  # Django's admin: its own permission system, tested apart
                continue
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_table():
    """A new view without its row fails here."""
    listed = {row[0] for row in TABLE}
    assert sorted(set(url_names(get_resolver().url_patterns)) - listed) == []
