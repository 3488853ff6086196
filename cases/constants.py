from django.db import models
from django.utils.translation import gettext_lazy as _

from districts.constants import Topic  # noqa: F401 – re-exported; cases and offers share the topics


class Phase(models.TextChoices):
    """The three phases of case work (Mülheim seed)."""

    START = "start", _("Start")
    COUNSELLING = "counselling", _("Counselling")
    DETACHMENT = "detachment", _("Detachment")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ClosingReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Goals reached")
    HANDED_OVER = "handed_over", _("Handed over to another service")
    MOVED_AWAY = "moved_away", _("Moved away")
    NO_CONTACT = "no_contact", _("No more contact")
    ENDED_BY_PERSON = "ended_by_person", _("Ended by the person")
    OTHER = "other", _("Other reason")


class Sex(models.TextChoices):
    FEMALE = "f", _("female")
    MALE = "m", _("male")
    DIVERSE = "d", _("diverse")
    UNKNOWN = "x", _("not stated")


class PersonRole(models.TextChoices):
    MAIN = "main", _("Main person")
    HOUSEHOLD = "household", _("Household member")


class Relationship(models.TextChoices):
    """How a household member is related to the case's main person."""

    MOTHER = "mother", _("mother")
    FATHER = "father", _("father")
    CHILD = "child", _("child")
    PARTNER = "partner", _("partner")
    SIBLING = "sibling", _("sibling")
    GRANDPARENT = "grandparent", _("grandparent")
    OTHER = "other", _("other relative or household member")


class GoalStatus(models.TextChoices):
    AGREED = "agreed", _("agreed")
    IN_PROGRESS = "in_progress", _("in progress")
    ACHIEVED = "achieved", _("achieved")
    DROPPED = "dropped", _("dropped")


class ResourceKind(models.TextChoices):
    PERSONAL = "personal", _("personal")
    FAMILY = "family", _("family")
    SOCIAL_NETWORK = "social_network", _("social network")
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")
    DISTRICT = "district", _("district")


class ConsentScope(models.TextChoices):
    TEAM = "team", _("a team")
    LEGAL_AREA = "legal_area", _("a legal area")
    PARTNER = "partner", _("a named partner")
    PARTNER_KIND = "partner_kind", _("a kind of partner")


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    STARTED = "started", _("started")
    COMPLETED = "completed", _("completed")
    DECLINED = "declined", _("declined")


# Where a referral may go next: proposed → accepted → started → completed, or declined on the way.
REFERRAL_NEXT_STATUS = {
    ReferralStatus.PROPOSED: {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED},
    ReferralStatus.ACCEPTED: {ReferralStatus.STARTED, ReferralStatus.DECLINED},
    ReferralStatus.STARTED: {ReferralStatus.COMPLETED, ReferralStatus.DECLINED},
    ReferralStatus.COMPLETED: set(),
    ReferralStatus.DECLINED: set(),
}


class WorkKind(models.TextChoices):
    CASE_SPECIFIC = "case", _("case-specific")
    CROSS_CASE = "cross_case", _("cross-case")
    NON_CASE = "non_case", _("non-case-specific")


class ActivityType(models.TextChoices):
    # case-specific and cross-case work
    COUNSELLING = "counselling", _("Counselling session")
    HOME_VISIT = "home_visit", _("Home visit")
    ACCOMPANYING = "accompanying", _("Accompanying")
    PHONE = "phone", _("Phone call")
    CASE_CONFERENCE = "case_conference", _("Case conference")
    DOCUMENTATION = "documentation", _("Documentation and correspondence")
    GROUP = "group", _("Group offer")
    # non-case-specific district work (Fachkonzept)
    DISTRICT_WALK = "district_walk", _("District walk (Sozialraumbegehung)")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    RESOURCE_SCOUTING = "resource_scouting", _("Resource scouting")
    DISTRICT_EVENT = "district_event", _("District event (Stadtteilaktion)")
    COMMITTEE_WORK = "committee_work", _("Committee work (Gremienarbeit)")
    PUBLIC_RELATIONS = "public_relations", _("Public relations")


NON_CASE_TYPES = {
    ActivityType.DISTRICT_WALK,
    ActivityType.NETWORK_MEETING,
    ActivityType.RESOURCE_SCOUTING,
    ActivityType.DISTRICT_EVENT,
    ActivityType.COMMITTEE_WORK,
    ActivityType.PUBLIC_RELATIONS,
}

MAX_MINUTES_PER_ENTRY = 24 * 60
