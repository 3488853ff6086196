from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from cases.constants import CaseStatus, WorkKind
from cases.models.case import Case
from cases.work_minutes import team_minutes_by_member
from districts.models import Membership, Team
from sozialraum.db_router import reading_from_replica
from sozialraum.views import CaseWorkMixin


class TeamWorkView(CaseWorkMixin, TemplateView):
    """The figures of a team's lead and deputy (by membership): minutes per kind and member
    this month, and the team's open cases."""

    template_name = "cases/team_work.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team = get_object_or_404(
            Team.objects.led_by(self.request.user).select_related("district"),
            pk=self.kwargs["team_id"],
        )
        today = timezone.localdate()
        month_start = today.replace(day=1)
        members = list(
            Membership.objects.filter(team=team)
            .select_related("user", "service_area__legal_area")
            .order_by("user__last_name")
        )
        rows = {membership.user_id: dict.fromkeys(WorkKind.values, 0) for membership in members}
        with reading_from_replica():
            by_member = list(team_minutes_by_member(team, month_start, today))
        for row in by_member:
            if row["user_id"] in rows:
                rows[row["user_id"]][row["kind"]] = row["minutes"]
        table = []
        totals = dict.fromkeys(WorkKind.values, 0)
        for membership in members:
            minutes = rows[membership.user_id]
            for kind, value in minutes.items():
                totals[kind] += value
            table.append(
                {
                    "membership": membership,
                    "minutes": [minutes[kind] for kind in WorkKind.values],
                    "total": sum(minutes.values()),
                }
            )
        grand_total = sum(totals.values())
        context.update(
            team=team,
            month_start=month_start,
            today=today,
            work_kinds=WorkKind,
            table=table,
            totals=[totals[kind] for kind in WorkKind.values],
            grand_total=grand_total,
            non_case_share=(totals[WorkKind.NON_CASE] * 100 / grand_total) if grand_total else None,
            open_cases=Case.objects.visible_to(self.request.user).filter(team=team, status=CaseStatus.OPEN).count(),
        )
        return context
