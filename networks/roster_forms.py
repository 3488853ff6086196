"""The forms of the roster import: the file, and what each new field of work is."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from districts.models import District
from networks.constants import PartnerKind
from networks.roster_import import NewPartner, PartnerChoice
from sozialraum.formats import format_number

NEW = "new"


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (CSV or XLSX)"),
        help_text=_(
            "Columns as in the Ulm roster: Teilnehmendes Tätigkeitsfeld, Person, Kontaktdaten, Stellvertretung, "
            "Kontaktdaten. CSV may be UTF-8 or Windows-1252 (Excel), separated by semicolons or commas."
        ),
    )

    def clean_file(self):
        # The size first: nothing of a file that is too large is read or parsed.
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; at most %(limit)s MB can be imported.")
                % {"size": format_number(upload.size / 1_000_000, 1), "limit": format_number(limit / 1_000_000, 1)}
            )
        return upload


class NewPartnerForm(forms.Form):
    """One field of work that names no partner yet: create it (kind, district) or take a partner
    with a similar name. With many new names one form sets kind and district for all of them."""

    use = forms.ChoiceField(label=_("Partner"))
    kind = forms.ChoiceField(label=_("kind"), choices=PartnerKind.choices)
    district = forms.ModelChoiceField(label=_("district"), queryset=District.objects.none(), required=False)

    def __init__(self, *args, new_partner: NewPartner, municipality_id: int, district: District | None, **kwargs):
        kwargs.setdefault("prefix", new_partner.key)
        super().__init__(*args, **kwargs)
        self.new_partner = new_partner
        self.fields["use"].choices = [(NEW, _("create as a new partner"))] + [
            (str(partner_id), _("is “%(name)s”") % {"name": name}) for partner_id, name in new_partner.similar
        ]
        self.fields["use"].initial = NEW
        self.fields["kind"].initial = new_partner.guessed_kind
        self.fields["district"].queryset = District.objects.filter(municipality=municipality_id)
        self.fields["district"].initial = district
        self.fields["district"].empty_label = _("no district")
        self.fields["district"].label_from_instance = lambda district: district.name
        for field in self.fields.values():
            # The table's head names the columns; each field still says which name it belongs to.
            field.widget.attrs.update(
                {"aria-label": f"{field.label}: {new_partner.name}", "class": "form-select form-select-sm"}
            )

    def choice(self) -> PartnerChoice:
        use, district = self.cleaned_data["use"], self.cleaned_data["district"]
        if use != NEW:
            return PartnerChoice(existing=int(use))
        return PartnerChoice(kind=self.cleaned_data["kind"], district=district.pk if district else None)
