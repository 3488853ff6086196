from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from cases.constants import CaseStatus, GoalStatus, WorkKind
from cases.figures import my_minutes, team_minutes_by_member
from cases.models import Activity, Goal
from cases.models.case import Case
from cases.views.case_views import CaseWorkMixin, main_persons_prefetch
from districts.constants import MembershipRole
from districts.models import Membership, Team
from sozialraum import audit
from sozialraum.roles import Role, has_role, roles_of

GOALS_DUE_WITHIN_DAYS = 14


class StartView(TemplateView):
    """ "Meine Arbeit" for caseworkers and team leads; a plain start page for the other roles."""

    def get_template_names(self):
        return ["cases/my_work.html" if self.case_worker else "home.html"]

    @property
    def case_worker(self) -> bool:
        return has_role(self.request.user, Role.CASEWORKER, Role.TEAM_LEAD)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["memberships"] = (
            Membership.objects.filter(user=user)
            .select_related("team__district__municipality", "service_area__legal_area")
            .order_by("team__district__name", "team__name")
        )
        context["roles"] = sorted(role.label for role in roles_of(user))
        if self.case_worker:
            context.update(self.my_work(user))
        return context

    def my_work(self, user):
        today = timezone.localdate()
        my_cases = list(
            Case.objects.visible_to(user)
            .filter(caseworker=user, status=CaseStatus.OPEN)
            .select_related("team__district", "legal_area")
            .prefetch_related(main_persons_prefetch())
            .order_by("reference")[:50]
        )
        audit.log_views(user, [case for case in my_cases if case.main_persons], case_id_of=lambda case: case.pk)
        goals = (
            Goal.objects.filter(
                case__in=Case.objects.visible_to(user).filter(caseworker=user, status=CaseStatus.OPEN),
                status__in=[GoalStatus.AGREED, GoalStatus.IN_PROGRESS],
                due_on__lte=today + timezone.timedelta(days=GOALS_DUE_WITHIN_DAYS),
            )
            .select_related("case")
            .order_by("due_on")[:30]
        )
        recent = (
            Activity.objects.filter(user=user)
            .select_related("case", "district")
            .prefetch_related("related_cases")
            .order_by("-date", "-id")[:10]
        )
        return {
            # meetings.ActionItem through the reverse relation: cases does not import meetings.
            "my_action_items": user.action_items.filter(done_on__isnull=True)
            .select_related("meeting")
            .order_by("due_on")[:30],
            "my_cases": my_cases,
            "due_goals": goals,
            "minutes": my_minutes(user, today),
            "work_kinds": WorkKind,
            "recent_activities": recent,
            "today": today,
            "led_teams": Team.objects.filter(
                memberships__user=user, memberships__role__in=[MembershipRole.LEAD, MembershipRole.DEPUTY]
            ),
        }


class TeamWorkView(CaseWorkMixin, TemplateView):
    """The figures of a team's lead and deputy (by membership): minutes per kind and member
    this month, and the team's open cases."""

    template_name = "cases/team_work.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team = get_object_or_404(
            Team.objects.select_related("district"),
            pk=self.kwargs["team_id"],
            memberships__user=self.request.user,
            memberships__role__in=[MembershipRole.LEAD, MembershipRole.DEPUTY],
        )
        today = timezone.localdate()
        month_start = today.replace(day=1)
        members = list(
            Membership.objects.filter(team=team)
            .select_related("user", "service_area__legal_area")
            .order_by("user__last_name")
        )
        rows = {membership.user_id: dict.fromkeys(WorkKind.values, 0) for membership in members}
        for row in team_minutes_by_member(team, month_start, today):
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
