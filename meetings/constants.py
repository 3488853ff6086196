from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    SOZIALRAUMTEAM = "sozialraumteam", _("Sozialraumteam")
    SRTL_RUNDE = "srtl", _("SRTL-Runde")
    JOUR_FIXE = "jour_fixe", _("Jour fixe")
    FAKO_FAPLA = "fako_fapla", _("FaKo/FaPla-Runde")
    KOORDINIERUNGSGRUPPE = "koordinierungsgruppe", _("Koordinierungsgruppe")
    NETZWERKTREFFEN = "netzwerktreffen", _("Netzwerktreffen")


class Rhythm(models.TextChoices):
    MONTHLY_NTH_WEEKDAY = "monthly", _("monthly on the n-th weekday")
    TWO_WEEKLY_ISO_PARITY = "two_weekly", _("every two weeks in even or odd calendar weeks")
    EVERY_FOUR_WEEKS = "four_weekly", _("every four weeks from the start date")
    GIVEN_DATES = "dates", _("on given dates (n times a year)")


class WeekParity(models.TextChoices):
    EVEN = "even", _("even calendar weeks")
    ODD = "odd", _("odd calendar weeks")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


class AgendaItemKind(models.TextChoices):
    CASE = "case", _("Collegial case consultation")
    TOPIC = "topic", _("Non-case-specific topic")
    INFORMATION = "information", _("Information")
    FOLLOW_UP = "follow_up", _("Follow-up of agreements")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ON_AGENDA = "on_agenda", _("on the agenda")
    CONSULTED = "consulted", _("consulted")
    WITHDRAWN = "withdrawn", _("withdrawn")


# Generating further ahead than this is refused: ten years of a weekly rhythm are ~520 meetings.
MAX_SERIES_YEARS = 10
