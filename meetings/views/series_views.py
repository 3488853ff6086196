from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from districts.models import Team
from meetings import services
from meetings.access import coordinated_networks, visible_meeting
from meetings.forms import MeetingMoveForm, SeriesForm
from meetings.models import MeetingSeries


def my_series(user):
    return MeetingSeries.objects.filter(Q(team__memberships__user=user) | Q(network__coordinator=user)).distinct()


class SeriesListView(ListView):
    template_name = "meetings/series_list.html"
    context_object_name = "series_list"

    def get_queryset(self):
        return (
            my_series(self.request.user)
            .select_related("team__district", "network")
            .annotate(meeting_count=Count("meetings", distinct=True))
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "may_plan": Team.objects.led_by(user).exists() or coordinated_networks(user).exists(),
        }


class SeriesFormView(View):
    template_name = "meetings/series_form.html"

    def form(self, data=None, instance=None):
        user = self.request.user
        return SeriesForm(data, instance=instance, teams=Team.objects.led_by(user), networks=coordinated_networks(user))

    def get_series(self):
        if "pk" not in self.kwargs:
            return None
        series = get_object_or_404(my_series(self.request.user), pk=self.kwargs["pk"])
        if not (
            Team.objects.led_by(self.request.user).filter(pk=series.team_id).exists()
            or coordinated_networks(self.request.user).filter(pk=series.network_id).exists()
        ):
            raise Http404
        return series

    def get(self, request, **kwargs):
        series = self.get_series()
        initial = {}
        if series is None:
            team = Team.objects.led_by(request.user).select_related("district__municipality").first()
            if team and team.district.municipality.committee_weekday is not None:
                initial["weekday"] = team.district.municipality.committee_weekday
        form = SeriesForm(
            instance=series,
            initial=initial,
            teams=Team.objects.led_by(request.user),
            networks=coordinated_networks(request.user),
        )
        if not form.fields["team"].queryset.exists() and not form.fields["network"].queryset.exists():
            raise Http404
        return render(request, self.template_name, {"form": form, "series": series})

    def post(self, request, **kwargs):
        series = self.get_series()
        form = self.form(request.POST, instance=series)
        if form.is_valid():
            series = form.save()
            created = services.generate_meetings(series)
            messages.success(request, _("Series saved; %(count)s meetings added.") % {"count": created})
            return redirect(series)
        return render(request, self.template_name, {"form": form, "series": series})


class SeriesDetailView(View):
    def get(self, request, pk):
        series = get_object_or_404(my_series(request.user).select_related("team__district", "network"), pk=pk)
        meetings = series.meetings.order_by("date")
        return render(
            request,
            "meetings/series_detail.html",
            {
                "series": series,
                "meetings": meetings,
                "holiday_meetings": [meeting for meeting in meetings if meeting.holiday],
            },
        )

    def post(self, request, pk):
        """Generate again: adds what is missing, never duplicates."""
        series = get_object_or_404(my_series(request.user), pk=pk)
        created = services.generate_meetings(series)
        messages.success(request, _("%(count)s meetings added.") % {"count": created})
        return redirect(series)


class MeetingMoveView(View):
    template_name = "meetings/meeting_move.html"

    def get(self, request, pk):
        meeting = visible_meeting(request.user, pk, manage=True)
        return render(request, self.template_name, {"meeting": meeting, "form": MeetingMoveForm(instance=meeting)})

    def post(self, request, pk):
        meeting = visible_meeting(request.user, pk, manage=True)
        form = MeetingMoveForm(request.POST, instance=meeting)
        if form.is_valid():
            data = form.cleaned_data
            services.move_meeting(meeting, data["date"], data["start_time"], data["end_time"], data["place"])
            messages.success(request, _("Meeting moved."))
            return redirect(meeting)
        return render(request, self.template_name, {"meeting": meeting, "form": form})
