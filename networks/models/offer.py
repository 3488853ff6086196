"""The offer directory: what partners offer in the districts, searchable in German."""

import uuid
from datetime import date, timedelta

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.constants import Topic, Weekday
from districts.models import District, Locality
from networks.constants import CHECK_INTERVAL_DAYS, Rhythm, TargetGroup
from networks.models.directory import ContactPerson, Partner
from networks.models.place import Place
from sozialraum.formats import format_time
from sozialraum.search_keys import search_key_sql
from sozialraum.validators import plausible_date


class OfferQuerySet(models.QuerySet):
    def current(self, on=None):
        """Offers valid on the day (today): the rule Offer.is_current states for one offer."""
        day = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class Offer(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="offers", verbose_name=_("partner"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    topics = ArrayField(
        models.CharField(max_length=20, choices=Topic.choices), default=list, blank=True, verbose_name=_("topics")
    )
    target_groups = ArrayField(
        models.CharField(max_length=20, choices=TargetGroup.choices),
        default=list,
        blank=True,
        verbose_name=_("target groups"),
    )
    districts = models.ManyToManyField(District, blank=True, related_name="offers", verbose_name=_("districts"))
    localities = models.ManyToManyField(Locality, blank=True, related_name="offers", verbose_name=_("localities"))
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="offers", verbose_name=_("place")
    )
    # The regular time, where there is one: weekday(s), from, to and rhythm. What does not fit
    # (holidays, "nach Vereinbarung") goes into the note `times`.
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices), default=list, blank=True, verbose_name=_("weekdays")
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    rhythm = models.CharField(_("rhythm"), max_length=10, choices=Rhythm.choices, blank=True)
    times = models.CharField(
        _("note on the times"), max_length=200, blank=True, help_text=_("e.g. not in the school holidays")
    )
    cost = models.CharField(_("cost"), max_length=120, blank=True, help_text=_("e.g. free of charge"))
    languages = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        verbose_name=_("languages"),
        help_text=_("Comma-separated, e.g. Deutsch, Türkisch, Arabisch"),
    )
    eligibility = models.CharField(_("who may come"), max_length=200, blank=True)
    contact_person = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("contact person"),
        help_text=_("A contact person of the partner who answers questions about this offer."),
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True, validators=[plausible_date])
    valid_until = models.DateField(_("valid until"), null=True, blank=True, validators=[plausible_date])
    last_checked_on = models.DateField(_("last checked on"), null=True, blank=True, validators=[plausible_date])
    # Kept by PostgreSQL itself; German stemming so "Beratungen" finds "Beratung".
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="german")
        + SearchVector("description", weight="B", config="german"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Title and description as search keys ("fruehstueck" finds "Frühstück"), for substring and
    # trigram search: "Betreuung" is part of "Kinderbetreuung".
    search_text = models.GeneratedField(
        expression=search_key_sql(Concat("title", Value(" "), "description", output_field=models.TextField())),
        output_field=models.TextField(),
        db_persist=True,
    )

    # The offer's identifier in the HSDS export and API; kept when the offer changes.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="offer_valid_until_not_before_valid_from",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=F("opens_at")),
                name="offer_closes_after_it_opens",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="offer_search_vector_gin"),
            GinIndex(fields=["search_text"], name="offer_search_text_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["topics"], name="offer_topics_gin"),
            GinIndex(fields=["target_groups"], name="offer_target_groups_gin"),
            GinIndex(fields=["languages"], name="offer_languages_gin"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:offer_detail", args=[self.pk])

    def is_current(self, on: date | None = None) -> bool:
        """Valid on the day (today); OfferQuerySet.current states the same rule in SQL."""
        day = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    @property
    def has_regular_time(self) -> bool:
        return bool(self.weekdays and self.opens_at and self.closes_at)

    @property
    def regular_time(self) -> str:
        """ "Dienstag, Donnerstag, 15:00–17:00 Uhr, alle zwei Wochen" – empty without a regular time."""
        if not self.has_regular_time:
            return ""
        days = ", ".join(str(Weekday(day).label) for day in sorted(self.weekdays))
        hours = _("%(from)s–%(to)s h") % {"from": format_time(self.opens_at), "to": format_time(self.closes_at)}
        rhythm = Rhythm(self.rhythm).label if self.rhythm and self.rhythm != Rhythm.WEEKLY else ""
        return ", ".join(str(part) for part in [days, hours, rhythm] if part)

    @property
    def when(self) -> str:
        """The regular time and the note on the times, as lists and the offer page show them."""
        return "; ".join(filter(None, [self.regular_time, self.times]))

    @property
    def needs_check(self) -> bool:
        return self.last_checked_on is None or self.last_checked_on < timezone.localdate() - timedelta(
            days=CHECK_INTERVAL_DAYS
        )

    @property
    def topic_labels(self) -> list[str]:
        return [str(Topic(topic).label) for topic in self.topics]

    @property
    def target_group_labels(self) -> list[str]:
        return [str(TargetGroup(group).label) for group in self.target_groups]


class SearchSynonym(models.Model):
    """Words that mean the same in the offer search ("Deutsch lernen", "Sprachkurs", "Sprachcafé");
    kept by the network coordinators."""

    terms = ArrayField(
        models.CharField(max_length=60),
        verbose_name=_("terms"),
        help_text=_("Words or phrases that should find each other's offers."),
    )

    class Meta:
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search synonyms")
        ordering = ["id"]

    def __str__(self):
        return ", ".join(self.terms)
