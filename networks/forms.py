from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.constants import Topic, Weekday
from districts.models import District, Locality, Municipality
from districts.validators import postal_code_validator
from networks.constants import Rhythm, TargetGroup
from networks.models import ContactPerson, Network, NetworkMembership, Offer, Partner, Place
from networks.models.directory import phone_validator
from networks.similarity import similar_partners
from sozialraum.forms import DATE_INPUT, TIME_INPUT, staff_name
from sozialraum.versioning import VersionedForm


class ContactOfPartnerSelect(forms.Select):
    """A contact person picker whose options name their partner (`data-partner`): the page shows
    only the contacts of the partner chosen in the same form (static/js/sozialraum.js); the
    form's clean() checks the same on the server."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-partner"] = str(instance.partner_id)
        return option


class PartnerForm(VersionedForm):
    # A website typed without scheme ("www.awo-ulm.de") becomes https://.
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    confirm_similar = forms.BooleanField(label=_("Yes, this is a different partner — save it anyway"), required=False)

    class Meta:
        model = Partner
        fields = [
            "municipality",
            "name",
            "kind",
            "districts",
            "localities",
            "street",
            "postal_code",
            "city",
            "phone",
            "email",
            "website",
            "notes",
            "active",
            "last_checked_on",
        ]
        widgets = {
            "districts": forms.CheckboxSelectMultiple,
            "localities": forms.CheckboxSelectMultiple,
            "last_checked_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar: list[str] = []
        self.fields["municipality"].queryset = Municipality.objects.all()
        self.fields["districts"].queryset = District.objects.select_related("municipality")
        self.fields["localities"].queryset = Locality.objects.select_related("district")
        if not self.data.get("confirm_similar") and not self.errors:
            self.fields["confirm_similar"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        municipality, name = cleaned.get("municipality"), cleaned.get("name")
        districts = cleaned.get("districts") or []
        if municipality and any(district.municipality_id != municipality.pk for district in districts):
            self.add_error("districts", _("Choose districts of the partner's municipality only."))
        if municipality and name and not cleaned.get("confirm_similar"):
            others = Partner.objects.filter(municipality=municipality).exclude(pk=self.instance.pk)
            self.similar = similar_partners(name, others)
            if self.similar:
                self.fields["confirm_similar"].widget = forms.CheckboxInput()
                names = ", ".join(f"„{other}“" for other in self.similar[:3])
                self.add_error(
                    "name",
                    _("A partner with a similar name exists already: %(names)s. Is it the same?") % {"names": names},
                )
        return cleaned


class ContactPersonForm(VersionedForm):
    # The deputy need not exist yet: typed here, it is created with this contact (same transaction).
    new_deputy_name = forms.CharField(
        label=_("or a new deputy: name"), required=False, max_length=ContactPerson._meta.get_field("name").max_length
    )
    new_deputy_phone = forms.CharField(
        label=_("new deputy: phone"), required=False, max_length=40, validators=[phone_validator]
    )
    new_deputy_email = forms.EmailField(label=_("new deputy: e-mail"), required=False)

    class Meta:
        model = ContactPerson
        fields = ["name", "function", "phone", "email", "deputy", "last_checked_on"]
        widgets = {"last_checked_on": DATE_INPUT}

    field_order = [*Meta.fields[:5], "new_deputy_name", "new_deputy_phone", "new_deputy_email"]

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partner = partner
        self.fields["deputy"].queryset = partner.contacts.exclude(pk=self.instance.pk)
        self.fields["deputy"].help_text = _("Who stands in for this function.")
        self.fields["new_deputy_name"].help_text = _("If the deputy is not yet a contact person of the partner.")

    def clean_name(self):
        name = self.cleaned_data["name"]
        duplicates = ContactPerson.objects.filter(partner=self.instance.partner, name=name).exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("This partner already has a contact person of that name."))
        return name

    def clean(self):
        cleaned = super().clean()
        new_name = cleaned.get("new_deputy_name", "").strip()
        cleaned["new_deputy_name"] = new_name
        if not new_name:
            if cleaned.get("new_deputy_phone") or cleaned.get("new_deputy_email"):
                self.add_error("new_deputy_name", _("Name the new deputy."))
            return cleaned
        if cleaned.get("deputy"):
            self.add_error("new_deputy_name", _("Choose a deputy or name a new one, not both."))
        elif new_name == cleaned.get("name"):
            self.add_error("new_deputy_name", _("A contact person cannot be their own deputy."))
        elif ContactPerson.objects.filter(partner=self.instance.partner, name=new_name).exists():
            self.add_error(
                "new_deputy_name", _("This partner already has a contact person of that name: choose it above.")
            )
        return cleaned

    def create_new_deputy(self) -> None:
        """Create the deputy typed into the form and choose it; call inside the save's transaction."""
        name = self.cleaned_data.get("new_deputy_name")
        if name:
            deputy = ContactPerson.objects.create(
                partner=self.instance.partner,
                name=name,
                phone=self.cleaned_data["new_deputy_phone"],
                email=self.cleaned_data["new_deputy_email"],
                last_checked_on=timezone.localdate(),  # just given by someone who knows
            )
            self.cleaned_data["deputy"] = self.instance.deputy = deputy

    def changed_values(self) -> dict:
        self.create_new_deputy()
        return super().changed_values()

    def save(self, commit=True):
        self.create_new_deputy()
        return super().save(commit)


class NetworkForm(VersionedForm):
    class Meta:
        model = Network
        fields = [
            "municipality",
            "name",
            "purpose",
            "districts",
            "coordinator",
            "coordinator_phone",
            "coordinator_email",
            "meeting_place",
            "meeting_frequency",
            "active",
        ]
        widgets = {"districts": forms.CheckboxSelectMultiple, "purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.select_related("municipality")
        self.fields["coordinator"].label_from_instance = staff_name

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if municipality and any(d.municipality_id != municipality.pk for d in cleaned.get("districts") or []):
            self.add_error("districts", _("Choose districts of the network's municipality only."))
        return cleaned


class NetworkMembershipForm(VersionedForm):
    class Meta:
        model = NetworkMembership
        fields = ["partner", "field_of_work", "representative", "deputy", "since", "until", "position"]
        widgets = {
            "since": DATE_INPUT,
            "until": DATE_INPUT,
            "representative": ContactOfPartnerSelect,
            "deputy": ContactOfPartnerSelect,
        }

    fixed_fields = ("network",)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.network = network
        self.fields["partner"].queryset = Partner.objects.filter(municipality=network.municipality_id)
        contacts = (
            ContactPerson.objects.filter(partner__municipality=network.municipality_id)
            .select_related("partner")
            .order_by("partner__name", "name")
        )
        for name in ("representative", "deputy"):
            self.fields[name].queryset = contacts
            self.fields[name].label_from_instance = lambda contact: f"{contact.name} ({contact.partner.name})"
            self.fields[name].widget.attrs["data-contacts-of"] = "partner"

    def clean(self):
        cleaned = super().clean()
        partner = cleaned.get("partner")
        for name in ("representative", "deputy"):
            contact = cleaned.get(name)
            if contact and partner and contact.partner_id != partner.pk:
                self.add_error(name, _("This person works for another partner."))
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end lies before the start."))
        if cleaned.get("representative") and cleaned.get("representative") == cleaned.get("deputy"):
            self.add_error("deputy", _("The deputy must be someone else."))
        return cleaned


class CommaSeparatedField(forms.CharField):
    """A list typed as "Deutsch, Türkisch"."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [part.strip() for part in text.split(",") if part.strip()]


class PlaceForm(VersionedForm):
    class Meta:
        model = Place
        fields = ["municipality", "name", "street", "postal_code", "city", "latitude", "longitude", "accessibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.all()

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Give both coordinates or none."))
        return cleaned


class OfferForm(VersionedForm):
    topics = forms.MultipleChoiceField(
        label=_("topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("weekdays"),
        choices=Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = CommaSeparatedField(label=_("languages"), required=False, help_text=_("e.g. Deutsch, Türkisch"))
    # A place that is not in the list yet is entered here and created with the offer.
    new_place_name = forms.CharField(label=_("new place"), max_length=200, required=False)
    new_place_street = forms.CharField(label=_("street and number"), max_length=120, required=False)
    new_place_postal_code = forms.CharField(
        label=_("postal code"), max_length=5, required=False, validators=[postal_code_validator]
    )
    new_place_city = forms.CharField(label=_("city"), max_length=80, required=False)

    NEW_PLACE_FIELDS = ("new_place_name", "new_place_street", "new_place_postal_code", "new_place_city")

    class Meta:
        model = Offer
        fields = [
            "partner",
            "title",
            "description",
            "topics",
            "target_groups",
            "districts",
            "localities",
            "place",
            "weekdays",
            "opens_at",
            "closes_at",
            "rhythm",
            "times",
            "cost",
            "languages",
            "eligibility",
            "contact_person",
            "contact",
            "valid_from",
            "valid_until",
            "last_checked_on",
        ]
        widgets = {
            "districts": forms.CheckboxSelectMultiple,
            "localities": forms.CheckboxSelectMultiple,
            "contact_person": ContactOfPartnerSelect,
            "opens_at": TIME_INPUT,
            "closes_at": TIME_INPUT,
            "valid_from": DATE_INPUT,
            "valid_until": DATE_INPUT,
            "last_checked_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.select_related("municipality")
        self.fields["localities"].queryset = Locality.objects.select_related("district")
        self.fields["place"].queryset = Place.objects.all()
        self.fields["place"].label_from_instance = lambda place: place.label
        self.fields["place"].label = _("place from the list")
        self.fields["place"].help_text = _("Or enter a new place below.")
        self.fields["rhythm"].choices = [("", _("every week")), *Rhythm.choices[1:]]
        # The contact persons of the offer's partner; all partners' while the partner is not chosen yet.
        partner_id = self.instance.partner_id or self.initial.get("partner")
        contacts = ContactPerson.objects.select_related("partner").order_by("partner__name", "name")
        if partner_id and str(partner_id).isdigit():
            contacts = contacts.filter(partner_id=partner_id)
        self.fields["contact_person"].queryset = contacts
        self.fields["contact_person"].label_from_instance = lambda contact: f"{contact.name} ({contact.partner.name})"
        self.fields["contact_person"].widget.attrs["data-contacts-of"] = "partner"
        self.fields["contact"].help_text = _("How to get in touch if not through the contact person, e.g. no sign-up")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end lies before the start."))
        self.clean_regular_time(cleaned)
        self.clean_new_place(cleaned)
        contact, partner = cleaned.get("contact_person"), cleaned.get("partner")
        if contact and partner and contact.partner_id != partner.pk:
            self.add_error("contact_person", _("This person works for another partner."))
        return cleaned

    def clean_regular_time(self, cleaned) -> None:
        days, opens, closes = cleaned.get("weekdays"), cleaned.get("opens_at"), cleaned.get("closes_at")
        if not (days or opens or closes or cleaned.get("rhythm")):
            return
        if not days:
            self.add_error("weekdays", _("Choose the weekday(s) of the regular time."))
        if not opens:
            self.add_error("opens_at", _("Enter when the offer begins."))
        if not closes:
            self.add_error("closes_at", _("Enter when the offer ends."))
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The end lies before the start."))
        if not cleaned.get("rhythm") and days:
            cleaned["rhythm"] = Rhythm.WEEKLY

    def clean_new_place(self, cleaned) -> None:
        name = cleaned.get("new_place_name", "").strip()
        address_given = any(cleaned.get(field) for field in self.NEW_PLACE_FIELDS[1:])
        if not name:
            if address_given:
                self.add_error("new_place_name", _("Enter the name of the new place."))
            return
        if cleaned.get("place"):
            self.add_error("new_place_name", _("Choose a place from the list or enter a new one, not both."))
            return
        partner = cleaned.get("partner")
        if partner and Place.objects.filter(municipality=partner.municipality_id, name__iexact=name).exists():
            self.add_error("new_place_name", _("This place exists already: choose it from the list."))

    def new_place(self) -> Place | None:
        """The place typed into the form, saved now (inside the view's transaction)."""
        name = self.cleaned_data.get("new_place_name", "").strip()
        if not name or self.cleaned_data.get("place"):
            return None
        return Place.objects.create(
            municipality_id=self.cleaned_data["partner"].municipality_id,
            name=name,
            street=self.cleaned_data["new_place_street"],
            postal_code=self.cleaned_data["new_place_postal_code"],
            city=self.cleaned_data["new_place_city"],
        )

    def changed_values(self) -> dict:
        place = self.new_place()
        if place:
            self.cleaned_data["place"] = place
        return super().changed_values()

    def save(self, commit=True):
        place = self.new_place()
        if place:
            self.instance.place = place
        return super().save(commit)


class SearchSynonymsForm(forms.Form):
    """All synonym groups as text: one group per line, its terms separated by commas."""

    groups = forms.CharField(
        label=_("Synonyms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_('One group per line, terms separated by commas, e.g. "Deutsch lernen, Sprachkurs, Sprachcafé".'),
    )

    MAX_GROUPS = 300
    MAX_TERM_LENGTH = 60

    def clean_groups(self) -> list[list[str]]:
        groups = []
        for number, line in enumerate(self.cleaned_data["groups"].splitlines(), start=1):
            terms = list(dict.fromkeys(term.strip() for term in line.split(",") if term.strip()))
            if not terms:
                continue
            if len(terms) < 2:
                raise forms.ValidationError(
                    _("Line %(number)s: a group needs at least two terms.") % {"number": number}
                )
            if any(len(term) > self.MAX_TERM_LENGTH for term in terms):
                raise forms.ValidationError(
                    _("Line %(number)s: a term may have at most %(length)s characters.")
                    % {"number": number, "length": self.MAX_TERM_LENGTH}
                )
            groups.append(terms)
        if len(groups) > self.MAX_GROUPS:
            raise forms.ValidationError(_("At most %(count)s groups.") % {"count": self.MAX_GROUPS})
        return groups
