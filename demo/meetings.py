"""Demo meeting series for every team (Ulm's rhythms from its Gremienkalender, a monthly
Sozialraumteam in Styrum), past meetings with minutes and an upcoming one with proposed cases."""

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from cases.models import Case
from districts.models import Team
from meetings import services
from meetings.constants import AgendaItemKind, MeetingKind, MeetingStatus, Rhythm, WeekParity
from meetings.models import ActionItem, Attendance, Consultation, Meeting, MeetingSeries
from networks.models import Network

QUESTIONS = [
    "Wie können wir den Willen von Frau/Herrn X stärken, selbst wieder einzukaufen?",
    "Welche Ressourcen im Quartier sehen Sie für eine Tagesstruktur?",
    "Wer im Netzwerk könnte bei den Mietschulden vermitteln?",
]


def series(owner, name, kind, rhythm, start, end, begins, ends, place, **rule) -> MeetingSeries:
    owner_field = {"team": owner} if isinstance(owner, Team) else {"network": owner}
    made = MeetingSeries.objects.create(
        **owner_field,
        name=name,
        kind=kind,
        rhythm=rhythm,
        start_date=start,
        end_date=end,
        start_time=begins,
        end_time=ends,
        place=place,
        **rule,
    )
    services.generate_meetings(made)
    return made


@transaction.atomic
def create_demo_meetings() -> int:
    if MeetingSeries.objects.exists():
        return 0
    today = timezone.localdate()
    start, end = date(today.year - 1, 7, 1), date(today.year + 1, 12, 31)
    # Mülheim's Sozialagentur meets on the second Tuesday morning; Ulm's teams on the first Wednesday afternoon.
    rhythms = {
        "muelheim-an-der-ruhr": {
            "weekday": 1,
            "nth": 2,
            "times": (time(9), time(12)),
            "room": "Sozialagentur {}, Raum 1",
        },
        "ulm": {"weekday": 2, "nth": 1, "times": (time(13, 30), time(16)), "room": "Sozialraumbüro {}"},
    }
    for team in Team.objects.select_related("district__municipality"):
        rule = rhythms.get(team.district.municipality.slug, rhythms["ulm"])
        made = series(
            team,
            f"Sozialraumteam {team.district.name}",
            MeetingKind.SOZIALRAUMTEAM,
            Rhythm.MONTHLY_NTH_WEEKDAY,
            start,
            end,
            *rule["times"],
            rule["room"].format(team.district.name),
            weekday=rule["weekday"],
            nth=rule["nth"],
        )
        demo_minutes(made, today)
    central = Team.objects.filter(district__slug="mitte-ost").first()
    if central:  # Ulm's Gremienkalender 2017: SRTL-Runde, Jour fixe, FaKo/FaPla
        series(
            central,
            "SRTL-Runde",
            MeetingKind.SRTL_RUNDE,
            Rhythm.TWO_WEEKLY_ISO_PARITY,
            start,
            end,
            time(10),
            time(12, 30),
            "Abteilung Soziales, Sitzungsraum 2",
            weekday=2,
            week_parity=WeekParity.EVEN,
        )
        series(
            central,
            "Jour fixe AL mit SRTL",
            MeetingKind.JOUR_FIXE,
            Rhythm.EVERY_FOUR_WEEKS,
            start,
            end,
            time(9),
            time(12, 45),
            "Abteilung Soziales, Sitzungsraum 1",
            weekday=2,
        )
        dates = [date(year, month, 10) for year in (today.year, today.year + 1) for month in (1, 3, 4, 6, 7, 9, 10, 11)]
        series(
            central,
            "FaKo/FaPla-Runde",
            MeetingKind.FAKO_FAPLA,
            Rhythm.GIVEN_DATES,
            start,
            end,
            time(10),
            time(12, 30),
            "Abteilung Soziales, Sitzungsraum 3",
            given_dates=dates,
        )
    network = Network.objects.filter(name__startswith="Koordinierungsgruppe").first()
    if network:
        dates = [
            date(today.year, month, 1) + timedelta(days=(2 - date(today.year, month, 1).weekday()) % 7)
            for month in (2, 4, 6, 9, 11)
        ]
        series(
            network,
            network.name,
            MeetingKind.KOORDINIERUNGSGRUPPE,
            Rhythm.GIVEN_DATES,
            start,
            end,
            time(15),
            time(17),
            "Bürgerzentrum Wiblingen",
            given_dates=dates,
        )
    return MeetingSeries.objects.count()


def demo_minutes(made: MeetingSeries, today: date) -> None:
    """The last past meeting gets minutes; the next one gets proposed cases."""
    team = made.team
    members = list(team.memberships.select_related("user").order_by("id"))
    lead = next((member.user for member in members if member.role == "lead"), members[0].user if members else None)
    if lead is None:
        return
    cases = list(Case.objects.filter(team=team, status="open").order_by("reference")[:4])
    past = made.meetings.filter(date__lt=today).order_by("-date").first()
    if past and cases:
        proposal = services.propose_case(cases[0].caseworker, cases[0], QUESTIONS[0])
        item = services.put_on_agenda(past, proposal)
        services.add_topic(past, AgendaItemKind.TOPIC, "Sozialraumbegehung im Frühjahr planen", lead, 20)
        Attendance.objects.bulk_create([Attendance(meeting=past, user=member.user) for member in members])
        Consultation.objects.create(
            agenda_item=item,
            case=item.case,
            question=proposal.question,
            recorded_by=lead,
            resources_seen="Nachbarin hilft gern; Kontakt zur Kirchengemeinde.",
            ideas="Einkaufsbegleitung der Nachbarschaftshilfe anfragen; Seniorenfrühstück ausprobieren.",
            agreement="Fachkraft bespricht die Ideen mit der Person; Nachbarschaftshilfe wird angefragt.",
            next_step="Gespräch mit der Person in zwei Wochen.",
            follow_up_on=past.date + timedelta(days=28),
        )
        ActionItem.objects.create(
            meeting=past,
            agenda_item=item,
            what="Nachbarschaftshilfe anfragen",
            owner=cases[0].caseworker,
            due_on=past.date + timedelta(days=14),
        )
        ActionItem.objects.create(
            meeting=past,
            what="Termin für die Sozialraumbegehung abstimmen",
            owner=lead,
            due_on=past.date + timedelta(days=7),
            done_on=past.date + timedelta(days=5),
        )
        Meeting.objects.filter(pk=past.pk).update(status=MeetingStatus.CLOSED, closed_at=timezone.now(), closed_by=lead)
    for case, question in zip(cases[1:3], QUESTIONS[1:], strict=False):
        services.propose_case(case.caseworker, case, question)
