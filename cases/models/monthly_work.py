"""Minutes of work per district, person, kind and month, kept by the database itself.

The committee report sums a year of a city's work log (1.25 million entries for Ulm) by
district, team, kind and month. Summed from these rows instead, a year is a few thousand rows.
Triggers on the work log (migration cases 0019) change the sums in the same transaction as
the entries, whoever writes them (forms, admin, imports, bulk SQL), so the figures are exact,
never a cached guess. Nothing here names a client: it is staff time per district.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.constants import WorkKind
from districts.models import District


class MonthlyWork(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+", verbose_name=_("district"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("by"))
    kind = models.CharField(_("kind of work"), max_length=10, choices=WorkKind.choices)
    month = models.DateField(_("month"))  # its first day
    minutes = models.BigIntegerField(_("minutes"))
    entries = models.IntegerField(_("entries"))  # a row whose entries are all gone is deleted

    class Meta:
        verbose_name = _("monthly work")
        verbose_name_plural = _("monthly work")
        constraints = [
            # The report reads a district's months; the triggers find a row by all four.
            models.UniqueConstraint(fields=["district", "month", "user", "kind"], name="monthly_work_one_row"),
            models.CheckConstraint(condition=Q(month__day=1), name="monthly_work_month_is_first_day"),
        ]

    def __str__(self):
        return f"{self.month:%m/%Y} {self.get_kind_display()}: {self.minutes} min"
