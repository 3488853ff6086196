"""The figures of the committee report: each table from one or two grouped SQL queries."""

from collections import defaultdict
from functools import cached_property

from django.db.models import Count, Exists, F, FloatField, Func, IntegerField, OuterRef, Q
from django.db.models.aggregates import Aggregate
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import CaseStatus, GoalStatus, Phase, ReferralStatus, WorkKind
from cases.models import Case, Goal, PhasePeriod, Referral
from cases.work_minutes import DISTRICT, KIND, MONTH, TEAM, district_minutes, first_of_next_month
from districts.constants import Topic
from districts.indicator_tables import municipality_comparison
from districts.models import Indicator, IndicatorValue, LegalArea, Team
from meetings.constants import MeetingStatus
from meetings.models import ActionItem, Consultation, Meeting
from networks.constants import PartnerKind, TargetGroup, for_target_group
from networks.models import Network, Offer, Partner
from reports.budget_figures import budget_tables
from reports.tables import MINUTES, NUMBER, PERCENT, RATE, Table
from sozialraum.formats import format_date
from sozialraum.periods import Period

# Inhabitants that an offer for a target group is measured against (per 1,000).
TARGET_POPULATION = [
    (TargetGroup.OLDER_PEOPLE, "over-60"),
    (TargetGroup.CHILDREN, "under-21"),
    (TargetGroup.YOUNG_PEOPLE, "under-21"),
    (TargetGroup.MIGRANTS, "migration-background"),
    (TargetGroup.ALL, "inhabitants"),
]


def reference_of(value) -> str:
    """Stichtag in German: 31.12.2014, or the year, or "o. J." where the source names none."""
    if value.reference_date:
        return format_date(value.reference_date)
    return str(value.reference_year) if value.reference_year else _("n. d.")


class DaysBetween(Func):
    """date − date in PostgreSQL: whole days as an integer."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()


class Median(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def matrix(rows, row_keys, col_keys, row_field, col_field, value_field="n"):
    """Grouped query rows → a full matrix in the given order (0 where the group is empty)."""
    found = {(row[row_field], row[col_field]): row[value_field] or 0 for row in rows}
    return [[found.get((row_key, col_key), 0) for col_key in col_keys] for row_key in row_keys]


class ReportFigures:
    def __init__(self, municipality, districts, period: Period, threshold: int):
        self.municipality = municipality
        self.districts = list(districts)
        self.district_ids = [district.pk for district in self.districts]
        self.names = [district.name for district in self.districts]
        self.period = period
        self.previous = period.previous()
        self.threshold = threshold
        self.indicator_names: dict[str, str] = {}

    def table(self, **kwargs) -> Table:
        return Table(threshold=self.threshold, **kwargs)

    def counted_per_district(self, rows_of, column: str, keys, district_field="team__district") -> dict:
        """Counts per district and `column`, for the period and the previous one: values= and previous=."""

        def counts(period):
            rows = rows_of(period).values(district_field, column).annotate(n=Count("id")).order_by()
            return matrix(rows, self.district_ids, keys, district_field, column)

        return {"values": counts(self.period), "previous": counts(self.previous)}

    def open_cases_at_end(self, period):
        return Case.objects.filter(team__district__in=self.district_ids, opened_on__lte=period.end).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=period.end)
        )

    # District profile -------------------------------------------------------------------
    def profile(self) -> list[Table]:
        rows = municipality_comparison(self.municipality, self.districts)
        if not rows:
            return []
        columns = [*self.names, _("whole town")]
        values = [[*row.district_figures, row.city_figure] for row in rows]
        units = {row.indicator.unit for row in rows}
        return [
            self.table(
                key="profil",
                title=_("Key figures of the districts"),
                row_header=_("Key figure"),
                columns=columns,
                row_labels=[f"{row.indicator.name} ({reference_of(row.cited_value)})" for row in rows],
                values=values,
                kind=NUMBER,
                totals=False,
                note=_("Sources: %(sources)s.")
                % {"sources": "; ".join(sorted({row.cited_value.source for row in rows}))}
                + (" " + _("Shares in %.") if "percent" in units else ""),
            )
        ]

    # Case work --------------------------------------------------------------------------
    @cached_property
    def legal_areas(self) -> list[LegalArea]:
        """The legal areas with cases in the districts, each found by one case (not by joining all)."""
        with_cases = Case.objects.filter(legal_area=OuterRef("pk"), team__district__in=self.district_ids)
        return list(LegalArea.objects.filter(Exists(with_cases)).order_by("id"))

    def by_district_and_legal_area(self, period_key: str, title: str, key: str) -> Table:
        areas = self.legal_areas

        def cases(period):
            if period_key == "opened":
                return Case.objects.filter(
                    team__district__in=self.district_ids, opened_on__range=(period.start, period.end)
                )
            if period_key == "closed":
                return Case.objects.filter(
                    team__district__in=self.district_ids, closed_on__range=(period.start, period.end)
                )
            return self.open_cases_at_end(period)

        return self.table(
            key=key,
            title=title,
            row_header=_("District"),
            columns=[str(area) for area in areas],
            row_labels=self.names,
            protect=True,
            **self.counted_per_district(cases, "legal_area", [area.pk for area in areas]),
        )

    def case_work(self) -> list[Table]:
        tables = [
            self.by_district_and_legal_area("opened", _("Cases opened, by legal area"), "faelle_eroeffnet"),
            self.by_district_and_legal_area("closed", _("Cases closed, by legal area"), "faelle_abgeschlossen"),
            self.by_district_and_legal_area("open", _("Open cases at the end of the period"), "faelle_offen"),
        ]
        topic_aggregates = {topic: Count("id", filter=Q(topics__contains=[topic])) for topic in Topic.values}

        def topics(period):
            rows = (
                Case.objects.filter(team__district__in=self.district_ids, opened_on__range=(period.start, period.end))
                .values("team__district")
                .annotate(**topic_aggregates)
                .order_by()
            )
            found = {row["team__district"]: row for row in rows}
            return [[found.get(district, {}).get(topic, 0) for district in self.district_ids] for topic in Topic.values]

        tables.append(
            self.table(
                key="faelle_themen",
                title=_("Topics of the cases opened (mentions)"),
                row_header=_("Topic"),
                columns=self.names,
                row_labels=[str(topic.label) for topic in Topic],
                values=topics(self.period),
                previous=topics(self.previous),
                protect=True,
                note=_("A case can have several topics."),
            )
        )

        tables.append(
            self.table(
                key="faelle_phasen",
                title=_("Open cases by phase at the end of the period"),
                row_header=_("District"),
                columns=[str(phase.label) for phase in Phase],
                row_labels=self.names,
                protect=True,
                **self.counted_per_district(self.open_cases_at_end, "phase", Phase.values),
            )
        )

        def goals(period):
            rows = (
                Goal.objects.filter(
                    case__team__district__in=self.district_ids, created_at__date__range=(period.start, period.end)
                )
                .values("case__team__district")
                .annotate(
                    achieved=Count("id", filter=Q(status=GoalStatus.ACHIEVED)),
                    other=Count("id", filter=~Q(status=GoalStatus.ACHIEVED)),
                )
                .order_by()
            )
            found = {row["case__team__district"]: row for row in rows}
            return [[found.get(d, {}).get("achieved", 0), found.get(d, {}).get("other", 0)] for d in self.district_ids]

        tables.append(
            self.table(
                key="ziele",
                title=_("Goals agreed in the period"),
                row_header=_("District"),
                columns=[_("achieved"), _("not achieved yet")],
                row_labels=self.names,
                values=goals(self.period),
                previous=goals(self.previous),
                protect=True,
            )
        )
        tables.append(self.durations())
        tables.append(self.phase_durations())
        return tables

    def phase_durations(self) -> Table:
        """How long cases stay in each phase (Start, Beratung, Ablösung): the median of the
        phase periods that ended in the period, per district."""
        rows = (
            PhasePeriod.objects.filter(
                case__team__district__in=self.district_ids, ended_on__range=(self.period.start, self.period.end)
            )
            .values("case__team__district", "phase")
            .annotate(n=Count("id"), median=Median(DaysBetween(F("ended_on"), F("started_on"))))
            .order_by()
        )
        found = {(row["case__team__district"], row["phase"]): row for row in rows}

        def shown(district, phase):
            row = found.get((district, phase))
            # Like the case durations: a median of fewer periods could describe one person's case.
            if not row or row["n"] < self.threshold:
                return None
            return round(row["median"], 1)

        return self.table(
            key="phasendauer",
            title=_("Median time per phase (days)"),
            row_header=_("District"),
            columns=[str(phase.label) for phase in Phase],
            row_labels=self.names,
            values=[[shown(district, phase) for phase in Phase] for district in self.district_ids],
            kind=NUMBER,
            totals=False,
            note=_("Phases that ended in the period; only where at least %(count)s ended.") % {"count": self.threshold},
        )

    def durations(self) -> Table:
        def medians(period):
            rows = (
                Case.objects.filter(
                    team__district__in=self.district_ids,
                    status=CaseStatus.CLOSED,
                    closed_on__range=(period.start, period.end),
                )
                .values("team__district")
                .annotate(n=Count("id"), median=Median(DaysBetween(F("closed_on"), F("opened_on"))))
                .order_by()
            )
            return {row["team__district"]: row for row in rows}

        now, before = medians(self.period), medians(self.previous)

        def shown(found, district):
            row = found.get(district)
            # A median over fewer than the threshold of cases could describe a single person's case.
            if not row or row["n"] < self.threshold:
                return None
            return round(row["median"], 1)

        return self.table(
            key="falldauer",
            title=_("Median duration of closed cases (days)"),
            row_header=_("District"),
            columns=[_("Period"), _("Previous period")],
            row_labels=self.names,
            values=[[shown(now, d), shown(before, d)] for d in self.district_ids],
            kind=NUMBER,
            totals=False,
            note=_("Only where at least %(count)s cases were closed.") % {"count": self.threshold},
        )

    # Work mix ---------------------------------------------------------------------------
    def work_mix(self) -> list[Table]:
        kinds = WorkKind.values

        def by_district(period):
            rows = district_minutes(self.district_ids, period.start, period.end, DISTRICT, KIND)
            return matrix(rows, self.district_ids, kinds, DISTRICT, KIND)

        current, previous = by_district(self.period), by_district(self.previous)

        def share(row):
            total = sum(row)
            return round(row[kinds.index(WorkKind.NON_CASE)] * 100 / total, 1) if total else None

        teams = list(
            Team.objects.filter(district__in=self.district_ids)
            .select_related("district")
            .order_by("district__name", "name")
        )
        team_rows = district_minutes(self.district_ids, self.period.start, self.period.end, TEAM, KIND)
        team_values = matrix(team_rows, [team.pk for team in teams], kinds, TEAM, KIND)
        return [
            self.table(
                key="arbeit_sozialraum",
                title=_("Working time by kind of work (minutes)"),
                row_header=_("District"),
                columns=[str(kind.label) for kind in WorkKind],
                row_labels=self.names,
                values=current,
                previous=previous,
                kind=MINUTES,
            ),
            self.table(
                key="arbeit_anteil",
                title=_("Share of non-case-specific work"),
                row_header=_("District"),
                columns=[_("Period"), _("Previous period")],
                row_labels=self.names,
                values=[[share(now), share(before)] for now, before in zip(current, previous, strict=True)],
                kind=PERCENT,
                totals=False,
                note=_("Key figure of the concept: minutes of non-case-specific work per 100 minutes of work."),
            ),
            self.table(
                key="arbeit_team",
                title=_("Working time by team (minutes)"),
                row_header=_("Team"),
                columns=[str(kind.label) for kind in WorkKind],
                row_labels=[team.name for team in teams],
                values=team_values,
                kind=MINUTES,
            ),
        ]

    # Network ----------------------------------------------------------------------------
    def network(self) -> list[Table]:
        kinds = PartnerKind.values
        partner_rows = (
            Partner.objects.filter(districts__in=self.district_ids, active=True)
            .values("districts", "kind")
            .annotate(n=Count("id", distinct=True))
            .order_by()
        )
        offers = Offer.objects.current(self.period.end).filter(districts__in=self.district_ids)
        topic_rows = (
            offers.values("districts")
            .annotate(
                **{topic: Count("id", filter=Q(topics__contains=[topic]), distinct=True) for topic in Topic.values}
            )
            .order_by()
        )
        by_topic = {row["districts"]: row for row in topic_rows}
        group_rows = (
            offers.values("districts")
            .annotate(
                **{
                    group: Count(
                        "id",
                        filter=for_target_group(group),
                        distinct=True,
                    )
                    for group in TargetGroup.values
                }
            )
            .order_by()
        )
        by_group = {row["districts"]: row for row in group_rows}
        population = self.population({key for _group, key in TARGET_POPULATION})
        rates = []
        for group, indicator in TARGET_POPULATION:
            row = []
            for district in self.district_ids:
                people = population.get((district, indicator))
                count = by_group.get(district, {}).get(group, 0)
                row.append(round(count * 1000 / float(people), 2) if people else None)
            rates.append(row)
        networks = list(
            Network.objects.filter(districts__in=self.district_ids)
            .distinct()
            .annotate(
                held=Count(
                    "meetings",
                    filter=Q(
                        meetings__date__range=(self.period.start, self.period.end),
                        meetings__date__lte=timezone.localdate(),
                    )
                    & ~Q(meetings__status=MeetingStatus.CANCELLED),
                    distinct=True,
                ),
                held_before=Count(
                    "meetings",
                    filter=Q(meetings__date__range=(self.previous.start, self.previous.end))
                    & ~Q(meetings__status=MeetingStatus.CANCELLED),
                    distinct=True,
                ),
            )
            .order_by("name")
        )

        def referrals(period):
            return Referral.objects.filter(
                case__team__district__in=self.district_ids, date__range=(period.start, period.end)
            )

        return [
            self.table(
                key="partner",
                title=_("Active network partners by kind"),
                row_header=_("Kind"),
                columns=self.names,
                row_labels=[str(kind.label) for kind in PartnerKind],
                values=matrix(partner_rows, kinds, self.district_ids, "kind", "districts"),
            ),
            self.table(
                key="netzwerke",
                title=_("Networks and their meetings"),
                row_header=_("Network"),
                columns=[_("Meetings in the period"), _("Meetings in the previous period")],
                row_labels=[network.name for network in networks],
                values=[[network.held, network.held_before] for network in networks],
                totals=False,
            ),
            self.table(
                key="angebote_themen",
                title=_("Offers by topic"),
                row_header=_("Topic"),
                columns=self.names,
                row_labels=[str(topic.label) for topic in Topic],
                values=[[by_topic.get(d, {}).get(topic, 0) for d in self.district_ids] for topic in Topic.values],
                totals=False,
                note=_("An offer can have several topics."),
            ),
            self.table(
                key="angebote_je_1000",
                title=_("Offers per 1,000 inhabitants of the target group"),
                row_header=_("Target group (reference population)"),
                columns=self.names,
                row_labels=[
                    f"{TargetGroup(group).label} ({self.indicator_names.get(key, key)})"
                    for group, key in TARGET_POPULATION
                ],
                values=rates,
                kind=RATE,
                totals=False,
                note=_("Offers for “everyone” count for every target group. Without a population figure: –."),
            ),
            self.table(
                key="vermittlungen",
                title=_("Referrals by status"),
                row_header=_("District"),
                columns=[str(status.label) for status in ReferralStatus],
                row_labels=self.names,
                protect=True,
                **self.counted_per_district(referrals, "status", ReferralStatus.values, "case__team__district"),
            ),
        ]

    def population(self, keys) -> dict:
        values = (
            IndicatorValue.objects.filter(district__in=self.district_ids, indicator__key__in=keys)
            .select_related("indicator")
            .order_by("indicator__key", "-reference_year")
        )
        found = {}
        for value in values:
            found.setdefault((value.district_id, value.indicator.key), value.value)
        # The German names of all asked-for indicators, also where a district has no value yet.
        self.indicator_names.update(Indicator.objects.filter(key__in=keys).values_list("key", "name"))
        return found

    # Team meetings ----------------------------------------------------------------------
    def meetings(self) -> list[Table]:
        teams = list(Team.objects.filter(district__in=self.district_ids).order_by("district__name", "name"))
        team_ids = [team.pk for team in teams]
        held = dict(
            Meeting.objects.filter(
                team__in=team_ids, date__range=(self.period.start, self.period.end), status=MeetingStatus.CLOSED
            )
            .values("team")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("team", "n")
        )
        actions = {
            row["meeting__team"]: row
            for row in (
                ActionItem.objects.filter(
                    meeting__team__in=team_ids, due_on__range=(self.period.start, self.period.end)
                )
                .values("meeting__team")
                .annotate(due=Count("id"), on_time=Count("id", filter=Q(done_on__lte=F("due_on"))))
                .order_by()
            )
        }

        def consulted(period):
            rows = (
                Consultation.objects.filter(
                    agenda_item__meeting__team__in=team_ids,
                    agenda_item__meeting__date__range=(period.start, period.end),
                )
                .values("agenda_item__meeting__team")
                .annotate(n=Count("case", distinct=True))
                .order_by()
            )
            found = {row["agenda_item__meeting__team"]: row["n"] for row in rows}
            return [[found.get(team, 0)] for team in team_ids]

        return [
            self.table(
                key="sitzungen",
                title=_("Meetings of the Sozialraum teams"),
                row_header=_("Team"),
                columns=[_("meetings held"), _("action items due"), _("of them done in time")],
                row_labels=[team.name for team in teams],
                values=[
                    [held.get(team, 0), actions.get(team, {}).get("due", 0), actions.get(team, {}).get("on_time", 0)]
                    for team in team_ids
                ],
                totals=False,
            ),
            self.table(
                key="fallberatungen",
                title=_("Cases discussed in collegial case consultation"),
                row_header=_("Team"),
                columns=[_("cases discussed")],
                row_labels=[team.name for team in teams],
                values=consulted(self.period),
                previous=consulted(self.previous),
                protect=True,
            ),
        ]

    def budget(self) -> list[Table]:
        return budget_tables(self)  # in its own module: this one is long enough

    def trend(self) -> list[tuple[str, dict[str, int]]]:
        """Minutes per month and kind over the twelve months up to the period's end (for the line chart)."""
        start = self.period.end.replace(day=1)
        for _month in range(11):
            start = (start - timezone.timedelta(days=1)).replace(day=1)
        months = defaultdict(lambda: dict.fromkeys(WorkKind.values, 0))
        for row in district_minutes(self.district_ids, start, self.period.end, MONTH, KIND):
            months[row[MONTH]][row[KIND]] = row["n"]
        result, month = [], start
        while month <= self.period.end:
            result.append((f"{month:%m/%y}", months[month]))
            month = first_of_next_month(month)
        return result
