"""Gremienkalender: year and month view, and the private iCalendar feed."""

import calendar as month_calendar
import hashlib
from collections import defaultdict
from datetime import date

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from icalendar import Calendar, Event

from meetings.constants import MeetingStatus
from meetings.models import CalendarToken, Meeting
from meetings.schedule import public_holidays
from sozialraum.formats import month_name, month_names, weekday_abbreviation


def number_param(request, name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(request.GET.get(name, default))
    except ValueError:
        return default
    return min(max(value, low), high)


def my_meetings(user, first: date, last: date, *, cancelled: bool = False):
    meetings = Meeting.objects.visible_to(user).filter(date__gte=first, date__lte=last)
    if not cancelled:
        meetings = meetings.exclude(status=MeetingStatus.CANCELLED)
    return meetings.select_related("team", "network").order_by("date", "start_time")


def user_state(user) -> str:
    """The federal state whose holidays the calendar marks: that of the user's first team."""
    membership = user.memberships.select_related("team__district__municipality").first()
    return membership.team.district.municipality.state if membership else "NW"


def committee_weekday(user):
    membership = user.memberships.select_related("team__district__municipality").first()
    return membership.team.district.municipality.committee_weekday if membership else None


class YearView(TemplateView):
    """Months as columns, days as rows — the layout of Ulm's Gremienkalender."""

    template_name = "meetings/calendar_year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = number_param(self.request, "year", today.year, 2000, 2100)
        by_day = defaultdict(list)
        for meeting in my_meetings(self.request.user, date(year, 1, 1), date(year, 12, 31)):
            by_day[meeting.date].append(meeting)
        holidays = public_holidays(user_state(self.request.user), year)
        gremientag = committee_weekday(self.request.user)
        rows = []
        for day_number in range(1, 32):
            row = []
            for month in range(1, 13):
                if day_number > month_calendar.monthrange(year, month)[1]:
                    row.append(None)
                    continue
                day = date(year, month, day_number)
                row.append(
                    {
                        "date": day,
                        "weekday": weekday_abbreviation(day.weekday()),
                        "meetings": by_day.get(day, []),
                        "holiday": holidays.get(day, ""),
                        "weekend": day.weekday() >= 5,
                        "committee_day": day.weekday() == gremientag,
                        "today": day == today,
                    }
                )
            rows.append(row)
        context.update(year=year, months=month_names(), rows=rows, previous=year - 1, next=year + 1)
        return context


class MonthView(TemplateView):
    template_name = "meetings/calendar_month.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = number_param(self.request, "year", today.year, 2000, 2100)
        month = number_param(self.request, "month", today.month, 1, 12)
        last = date(year, month, month_calendar.monthrange(year, month)[1])
        by_day = defaultdict(list)
        for meeting in my_meetings(self.request.user, date(year, month, 1), last):
            by_day[meeting.date].append(meeting)
        holidays = public_holidays(user_state(self.request.user), year)
        weeks = [
            [
                {
                    "date": day,
                    "in_month": day.month == month,
                    "meetings": by_day.get(day, []),
                    "holiday": holidays.get(day, ""),
                    "today": day == today,
                }
                for day in week
            ]
            for week in month_calendar.Calendar().monthdatescalendar(year, month)
        ]
        previous = (year - 1, 12) if month == 1 else (year, month - 1)
        following = (year + 1, 1) if month == 12 else (year, month + 1)
        context.update(
            year=year,
            month=month,
            month_name=month_name(month),
            weeks=weeks,
            weekdays=[weekday_abbreviation(day) for day in range(7)],
            previous=previous,
            following=following,
        )
        return context


class FeedSettingsView(TemplateView):
    template_name = "meetings/feed_settings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        token = CalendarToken.objects.filter(user=self.request.user).first()
        if token:
            context["feed_url"] = self.request.build_absolute_uri(reverse("meetings:feed", args=[token.token]))
        return context

    @method_decorator(transaction.atomic)
    def post(self, request):
        # One address per user: a second click at the same moment waits for the first.
        get_user_model().objects.select_for_update().filter(pk=request.user.pk).first()
        CalendarToken.objects.filter(user=request.user).delete()
        if request.POST.get("action") == "create":
            CalendarToken.objects.create(user=request.user)
            messages.success(request, _("Your new calendar address is ready. Any earlier address no longer works."))
        else:
            messages.success(request, _("Your calendar address has been revoked."))
        return redirect("meetings:feed_settings")


@method_decorator(login_not_required, name="dispatch")
class FeedView(View):
    """The private feed: only dates, titles and places — no agenda, no case, no person.

    RFC 5545: the time zone is described (VTIMEZONE), each event carries its last change
    (DTSTAMP, LAST-MODIFIED) and a SEQUENCE that grows when it is moved or cancelled; cancelled
    meetings stay in the feed as STATUS:CANCELLED. Calendar programs poll often: ETag and
    Last-Modified let them ask "changed?" and get 304 Not Modified."""

    def get(self, request, token):
        owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token).user
        if not owner.is_active:
            raise Http404
        today = timezone.localdate()
        meetings = list(my_meetings(owner, date(today.year - 1, 1, 1), date(today.year + 2, 12, 31), cancelled=True))
        body = feed_ical(request, meetings)
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        last_modified = max((meeting.updated_at for meeting in meetings), default=None)
        if request.headers.get("If-None-Match") == etag:
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
            response["Content-Disposition"] = 'inline; filename="gremienkalender.ics"'
        response["ETag"] = etag
        if last_modified:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        response["Cache-Control"] = "private, no-cache"
        return response


def feed_ical(request, meetings) -> bytes:
    feed = Calendar()
    feed.add("prodid", "-//Sozialraum//Gremienkalender//DE")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", "Gremienkalender")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@sozialraum")
        event.add("dtstamp", meeting.updated_at)
        event.add("last-modified", meeting.updated_at)
        event.add("sequence", meeting.sequence)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        cancelled = meeting.status == MeetingStatus.CANCELLED
        title = _("Cancelled: %(title)s") % {"title": meeting.title} if cancelled else meeting.title
        event.add("summary", title)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
        feed.add_component(event)
    feed.add_missing_timezones()  # VTIMEZONE for Europe/Berlin, as TZID requires
    return feed.to_ical()
