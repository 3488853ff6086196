from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from cases.activity_forms import TeamWorkPeriodForm
from cases.constants import CaseStatus, WorkKind
from cases.models.case import Case
from cases.work_log_export import team_work_xlsx
from cases.work_minutes import team_figures
from districts.models import Membership, Team
from sozialraum.db_router import reading_from_replica
from sozialraum.periods import period_containing
from sozialraum.views import CaseWorkMixin


class TeamFiguresMixin(CaseWorkMixin):
    """The team (led by the user, else 404), the chosen period and its figures."""

    def team_and_figures(self):
        team = get_object_or_404(
            Team.objects.led_by(self.request.user).select_related("district"), pk=self.kwargs["team_id"]
        )
        form = TeamWorkPeriodForm(self.request.GET)
        kind, day = form.chosen()
        period = period_containing(kind, day)
        memberships = list(
            Membership.objects.filter(team=team)
            .select_related("user", "service_area__legal_area")
            .order_by("user__last_name")
        )
        # The current period counts up to today (a later one is empty: the end lies before the start).
        until = min(period.end, timezone.localdate())
        with reading_from_replica():
            figures = team_figures(team, memberships, period.start, until)
        return team, form, kind, period, figures


class TeamWorkView(TeamFiguresMixin, TemplateView):
    """The figures of a team's lead and deputy (by membership): hours and minutes per kind and
    member in a month, quarter or year, and the team's open cases."""

    template_name = "cases/team_work.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team, form, kind, period, figures = self.team_and_figures()
        before = period_containing(kind, period.start - timedelta(days=1))
        after = period_containing(kind, period.end + timedelta(days=1))
        context.update(
            team=team,
            form=form,
            period=period,
            period_kind=kind,
            until=min(period.end, timezone.localdate()),
            # Months in the addresses as the month field sends them (ISO, not a shown date).
            this_month=f"{period.start:%Y-%m}",
            previous_month=f"{before.start:%Y-%m}",
            next_month=f"{after.start:%Y-%m}" if after.start <= timezone.localdate() else "",
            work_kinds=WorkKind,
            figures=figures,
            table=figures.rows,
            grand_total=figures.grand_total,
            open_cases=Case.objects.visible_to(self.request.user).filter(team=team, status=CaseStatus.OPEN).count(),
        )
        return context


class TeamWorkExportView(TeamFiguresMixin, View):
    """The same figures as XLSX: names of the team's members and sums, nothing about cases."""

    def get(self, request, team_id):
        team, _form, kind, period, figures = self.team_and_figures()
        response = HttpResponse(
            team_work_xlsx(team, period, figures),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="teamzahlen-{team.pk}-{period.start:%Y-%m}-{kind}.xlsx"'
        )
        return response
