"""Validators every app's models and forms share."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.formats import format_date

EARLIEST_DATE = date(1900, 1, 1)
YEARS_AHEAD = 5


def latest_date() -> date:
    today = timezone.localdate()
    return today.replace(year=today.year + YEARS_AHEAD, day=28 if today.month == 2 and today.day == 29 else today.day)


def plausible_date(value: date) -> None:
    """No date of social work lies before 1900 or more than five years ahead: "0001-01-01" is a
    typing slip, and it would give a case the reference STY-1-0001."""
    if value is None:
        return
    if not EARLIEST_DATE <= value <= latest_date():
        raise ValidationError(
            _("Please check the date: it must lie between %(earliest)s and %(latest)s."),
            code="implausible_date",
            params={"earliest": format_date(EARLIEST_DATE), "latest": format_date(latest_date())},
        )
