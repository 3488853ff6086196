from datetime import time, timedelta

import pytest
from django.utils import timezone

from meetings import services
from meetings.constants import MeetingKind, Rhythm
from meetings.models import MeetingSeries


@pytest.fixture
def series(styrum, styrum_lead):
    today = timezone.localdate()
    made = MeetingSeries.objects.create(
        team=styrum,
        name="Sozialraumteam Styrum",
        kind=MeetingKind.SOZIALRAUMTEAM,
        rhythm=Rhythm.MONTHLY_NTH_WEEKDAY,
        weekday=1,
        nth=2,
        start_date=today - timedelta(days=70),
        end_date=today + timedelta(days=120),
        start_time=time(9),
        end_time=time(11),
        place="Sozialagentur, Raum 1",
    )
    services.generate_meetings(made)
    return made


@pytest.fixture
def meeting(series):
    return series.meetings.filter(date__gte=timezone.localdate()).order_by("date").first()


@pytest.fixture
def proposal(case, sgb2_worker):
    return services.propose_case(sgb2_worker, case, "Wie stärken wir den Willen, wieder zu arbeiten?")
