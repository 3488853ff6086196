from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    FREE_WELFARE = "free_welfare", _("Free welfare provider")
    SCHOOL = "school", _("School")
    KITA = "kita", _("Day-care centre (Kita)")
    CHURCH = "church", _("Church")
    POLICE = "police", _("Police")
    CLUB = "club", _("Club or association")
    NEIGHBOURHOOD_HELP = "neighbourhood_help", _("Neighbourhood help")
    MUNICIPAL = "municipal", _("Municipal service")
    HEALTH = "health", _("Health")
    HOUSING = "housing", _("Housing")
    OTHER = "other", _("Other")


class TargetGroup(models.TextChoices):
    CHILDREN = "children", _("Children")
    YOUNG_PEOPLE = "young_people", _("Young people")
    FAMILIES = "families", _("Families")
    OLDER_PEOPLE = "older_people", _("Older people")
    DISABILITIES = "disabilities", _("People with disabilities")
    MIGRANTS = "migrants", _("Migrants and refugees")
    SINGLE_PARENTS = "single_parents", _("Single parents")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    ALL = "all", _("Everyone")


# The columns of a network's roster (the Ulm Koordinierungsgruppe's list): exports write them,
# the import expects them.
ROSTER_COLUMNS = ["Teilnehmendes Tätigkeitsfeld", "Person", "Kontaktdaten", "Stellvertretung", "Kontaktdaten"]


def for_target_group(group: str) -> Q:
    """Offers for a target group: those naming it and those for everyone."""
    return Q(target_groups__contains=[group]) | Q(target_groups__contains=[TargetGroup.ALL])


# Offers older than this are listed as "not checked for a year".
CHECK_INTERVAL_DAYS = 365


class Rhythm(models.TextChoices):
    """How often an offer's regular time recurs (HSDS schedule: freq, interval, byday)."""

    WEEKLY = "weekly", _("every week")
    BIWEEKLY = "biweekly", _("every two weeks")
    FIRST = "first", _("on the first of the month")
    SECOND = "second", _("on the second of the month")
    THIRD = "third", _("on the third of the month")
    FOURTH = "fourth", _("on the fourth of the month")
    LAST = "last", _("on the last of the month")


# The RFC 5545 day codes HSDS schedules use, in the order of districts.constants.Weekday.
ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# Which occurrence in the month a monthly rhythm means (RFC 5545 BYDAY prefix).
MONTHLY_OCCURRENCE = {Rhythm.FIRST: 1, Rhythm.SECOND: 2, Rhythm.THIRD: 3, Rhythm.FOURTH: 4, Rhythm.LAST: -1}
