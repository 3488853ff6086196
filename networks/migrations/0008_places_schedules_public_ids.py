"""Offers get one shared place per location (with address), a structured regular time, a
contact person and stable public ids for the HSDS API.

Existing data is carried over: the free-text places become Place records (one per distinct name
in a municipality, the partner's address where the place is the partner itself), the offer's
accessibility moves to its place, simple times such as "dienstags 15–17 Uhr" become structured,
and the public ids are the ones the HSDS export derived from the keys so far."""

import re
import uuid

import django.contrib.postgres.fields
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

# The namespace networks.hsds used to derive ids from primary keys before they were stored.
EXPORT_NAMESPACE = uuid.UUID("6f1c8e2a-5b0d-4c1e-9a57-3d2f7c1b9e40")
WEEKDAYS = ["montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags"]
SIMPLE_TIME = re.compile(
    r"^(?P<day>[a-z]+)\s+(?P<from_h>\d{1,2})(?:[:.](?P<from_m>\d\d))?\s*[–-]\s*"
    r"(?P<to_h>\d{1,2})(?:[:.](?P<to_m>\d\d))?\s*uhr$"
)


def regular_time(text):
    match = SIMPLE_TIME.match(text.strip().lower())
    if not match or match["day"] not in WEEKDAYS:
        return None
    opens = (int(match["from_h"]), int(match["from_m"] or 0))
    closes = (int(match["to_h"]), int(match["to_m"] or 0))
    if not (opens < closes <= (23, 59)):
        return None
    return WEEKDAYS.index(match["day"]), opens, closes


def carry_over(apps, schema_editor):
    import datetime

    Offer = apps.get_model("networks", "Offer")
    Partner = apps.get_model("networks", "Partner")
    Place = apps.get_model("networks", "Place")
    for partner in Partner.objects.only("pk"):
        Partner.objects.filter(pk=partner.pk).update(public_id=uuid.uuid5(EXPORT_NAMESPACE, f"partner:{partner.pk}"))
    places = {}
    for offer in Offer.objects.select_related("partner").order_by("pk"):
        offer.public_id = uuid.uuid5(EXPORT_NAMESPACE, f"offer:{offer.pk}")
        name = offer.place_text.strip() or (offer.partner.name if offer.accessibility else "")
        if name:
            key = (offer.partner.municipality_id, name.lower())
            if key not in places:
                is_partner = name == offer.partner.name
                places[key] = Place.objects.create(
                    municipality_id=offer.partner.municipality_id,
                    name=name[:200],
                    street=offer.partner.street if is_partner else "",
                    postal_code=offer.partner.postal_code if is_partner else "",
                    city=offer.partner.city if is_partner else "",
                    public_id=uuid.uuid4(),
                )
            place = places[key]
            if offer.accessibility and not place.accessibility:
                place.accessibility = offer.accessibility
                place.save(update_fields=["accessibility"])
            offer.place = place
        parsed = regular_time(offer.times)
        if parsed:
            day, opens, closes = parsed
            offer.weekdays, offer.rhythm, offer.times = [day], "weekly", ""
            offer.opens_at, offer.closes_at = datetime.time(*opens), datetime.time(*closes)
        offer.save()


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0005_team_address"),
        ("networks", "0007_versions"),
    ]

    operations = [
        migrations.CreateModel(
            name="Place",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(help_text="e.g. Bürgerzentrum Wiblingen", max_length=200, verbose_name="name"),
                ),
                ("street", models.CharField(blank=True, max_length=120, verbose_name="street and number")),
                (
                    "postal_code",
                    models.CharField(
                        blank=True,
                        max_length=5,
                        validators=[
                            django.core.validators.RegexValidator("^[0-9]{5}$", "A German postal code has five digits.")
                        ],
                        verbose_name="postal code",
                    ),
                ),
                ("city", models.CharField(blank=True, max_length=80, verbose_name="city")),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        help_text="Decimal degrees (WGS 84), e.g. 48.366512",
                        max_digits=8,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(-90),
                            django.core.validators.MaxValueValidator(90),
                        ],
                        verbose_name="latitude",
                    ),
                ),
                (
                    "longitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        help_text="Decimal degrees (WGS 84), e.g. 9.979738",
                        max_digits=9,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(-180),
                            django.core.validators.MaxValueValidator(180),
                        ],
                        verbose_name="longitude",
                    ),
                ),
                (
                    "accessibility",
                    models.CharField(
                        blank=True,
                        help_text="e.g. step-free entrance, accessible toilet",
                        max_length=200,
                        verbose_name="accessibility",
                    ),
                ),
                ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="places",
                        to="districts.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={"verbose_name": "place", "verbose_name_plural": "places", "ordering": ["name"]},
        ),
        migrations.AddConstraint(
            model_name="place",
            constraint=models.UniqueConstraint(
                fields=("municipality", "name"), name="place_unique_name_per_municipality"
            ),
        ),
        migrations.AddConstraint(
            model_name="place",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("latitude__isnull", True), ("longitude__isnull", True)),
                    models.Q(("latitude__isnull", False), ("longitude__isnull", False)),
                    _connector="OR",
                ),
                name="place_both_coordinates_or_none",
            ),
        ),
        migrations.RenameField(model_name="offer", old_name="place", new_name="place_text"),
        migrations.AddField(
            model_name="offer",
            name="place",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="offers",
                to="networks.place",
                verbose_name="place",
            ),
        ),
        migrations.AddField(
            model_name="offer",
            name="weekdays",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.PositiveSmallIntegerField(
                    choices=[
                        (0, "Monday"),
                        (1, "Tuesday"),
                        (2, "Wednesday"),
                        (3, "Thursday"),
                        (4, "Friday"),
                        (5, "Saturday"),
                        (6, "Sunday"),
                    ]
                ),
                blank=True,
                default=list,
                size=None,
                verbose_name="weekdays",
            ),
        ),
        migrations.AddField(
            model_name="offer", name="opens_at", field=models.TimeField(blank=True, null=True, verbose_name="opens at")
        ),
        migrations.AddField(
            model_name="offer",
            name="closes_at",
            field=models.TimeField(blank=True, null=True, verbose_name="closes at"),
        ),
        migrations.AddField(
            model_name="offer",
            name="rhythm",
            field=models.CharField(
                blank=True,
                choices=[
                    ("weekly", "every week"),
                    ("biweekly", "every two weeks"),
                    ("first", "on the first of the month"),
                    ("second", "on the second of the month"),
                    ("third", "on the third of the month"),
                    ("fourth", "on the fourth of the month"),
                    ("last", "on the last of the month"),
                ],
                max_length=10,
                verbose_name="rhythm",
            ),
        ),
        migrations.AddField(
            model_name="offer",
            name="contact_person",
            field=models.ForeignKey(
                blank=True,
                help_text="A contact person of the partner who answers questions about this offer.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="offers",
                to="networks.contactperson",
                verbose_name="contact person",
            ),
        ),
        migrations.AddField(
            model_name="offer",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(model_name="offer", name="public_id", field=models.UUIDField(null=True, editable=False)),
        migrations.AddField(model_name="partner", name="public_id", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
    ]
