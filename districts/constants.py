from django.db import models
from django.utils.translation import gettext_lazy as _


class FederalState(models.TextChoices):
    """German states; public holidays (meeting calendar) depend on them."""

    BW = "BW", _("Baden-Württemberg")
    BY = "BY", _("Bavaria")
    BE = "BE", _("Berlin")
    BB = "BB", _("Brandenburg")
    HB = "HB", _("Bremen")
    HH = "HH", _("Hamburg")
    HE = "HE", _("Hesse")
    MV = "MV", _("Mecklenburg-Western Pomerania")
    NI = "NI", _("Lower Saxony")
    NW = "NW", _("North Rhine-Westphalia")
    RP = "RP", _("Rhineland-Palatinate")
    SL = "SL", _("Saarland")
    SN = "SN", _("Saxony")
    ST = "ST", _("Saxony-Anhalt")
    SH = "SH", _("Schleswig-Holstein")
    TH = "TH", _("Thuringia")


class LocalityKind(models.TextChoices):
    LOCALITY = "ortsteil", _("Locality (Ortsteil)")
    VILLAGE = "ortschaft", _("Village (Ortschaft)")
    QUARTER = "quartier", _("Quarter (Quartier)")


class LegalAreaCode(models.TextChoices):
    SGB_II = "SGB II", _("SGB II – basic income support for job seekers")
    SGB_III = "SGB III", _("SGB III – employment promotion")
    SGB_V = "SGB V", _("SGB V – health insurance")
    SGB_VIII = "SGB VIII", _("SGB VIII – child and youth welfare")
    SGB_IX = "SGB IX", _("SGB IX – rehabilitation and participation")
    SGB_XI = "SGB XI", _("SGB XI – long-term care insurance")
    SGB_XII = "SGB XII", _("SGB XII – social assistance")
    OTHER = "other", _("Other")


class IndicatorUnit(models.TextChoices):
    PERSONS = "persons", _("persons")
    PERCENT = "percent", _("percent")
    EUR = "eur", _("euros")
    FULL_TIME_POSTS = "posts", _("full-time posts")


class MembershipRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    DEPUTY = "deputy", _("Deputy lead")
    MEMBER = "member", _("Member")


# Lead and deputy lead plan the team's meetings and see its work figures.
LEADING_ROLES = frozenset({MembershipRole.LEAD, MembershipRole.DEPUTY})


class Topic(models.TextChoices):
    """The topics that move people in the districts (Ulm seed), plus health and care.
    Cases and offers share them, so an offer can match a case."""

    CARE = "care", _("Care and support of children, families, people with disabilities, older people")
    EVERYDAY = "everyday", _("Everyday life, household and meals")
    FINANCES = "finances", _("Finances")
    APPLICATIONS = "applications", _("Applications and accompanying to offices")
    HOUSING = "housing", _("Housing")
    WORK = "work", _("Work or daily structure")
    LEISURE = "leisure", _("Leisure and social contacts")
    HEALTH = "health", _("Health and care")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
