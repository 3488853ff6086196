from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetKind(models.TextChoices):
    """The Fachkonzept's three kinds of work (the work log's values, so shares compare) and a free line."""

    CASE_SPECIFIC = "case", _("case-specific")
    CROSS_CASE = "cross_case", _("cross-case")
    NON_CASE = "non_case", _("non-case-specific")
    OTHER = "other", _("other")


class SpendingStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    BOOKED = "booked", _("booked")
    DECLINED = "declined", _("declined")
