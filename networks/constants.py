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
