from cases.models.activity import Activity
from cases.models.attachment import Attachment, AttachmentKind
from cases.models.case import Case, CaseNumberSequence, Person
from cases.models.follow_up import FollowUp, FollowUpSource, PhasePeriod, ReminderSubscription
from cases.models.letter import LetterKind, LetterTemplate
from cases.models.monthly_work import MonthlyWork
from cases.models.plan import Consent, Goal, HelpPlanVersion, Resource
from cases.models.referral import Referral
from cases.models.transfer import CaseTransfer, TransferStatus

__all__ = [
    "Activity",
    "Attachment",
    "AttachmentKind",
    "Case",
    "CaseTransfer",
    "CaseNumberSequence",
    "Consent",
    "FollowUp",
    "FollowUpSource",
    "Goal",
    "HelpPlanVersion",
    "LetterKind",
    "LetterTemplate",
    "MonthlyWork",
    "Person",
    "PhasePeriod",
    "Referral",
    "ReminderSubscription",
    "Resource",
    "TransferStatus",
]
