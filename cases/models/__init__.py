from cases.models.activity import Activity
from cases.models.case import Case, CaseNumberSequence, Person
from cases.models.follow_up import FollowUp, FollowUpSource, PhasePeriod, ReminderSubscription
from cases.models.plan import Consent, Goal, Resource
from cases.models.referral import Referral
from cases.models.transfer import CaseTransfer, TransferStatus

__all__ = [
    "Activity",
    "Case",
    "CaseTransfer",
    "CaseNumberSequence",
    "Consent",
    "FollowUp",
    "FollowUpSource",
    "Goal",
    "Person",
    "PhasePeriod",
    "Referral",
    "ReminderSubscription",
    "Resource",
    "TransferStatus",
]
