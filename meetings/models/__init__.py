from meetings.models.attachment import MeetingAttachment
from meetings.models.calendar import CalendarToken
from meetings.models.meeting import ActionItem, AgendaItem, Attendance, CaseProposal, Consultation, Correction, Meeting
from meetings.models.series import MeetingSeries

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Attendance",
    "CalendarToken",
    "CaseProposal",
    "Consultation",
    "Correction",
    "Meeting",
    "MeetingAttachment",
    "MeetingSeries",
]
