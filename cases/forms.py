from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import (
    REFERRAL_NEXT_STATUS,
    CaseStatus,
    ConsentScope,
    GoalStatus,
    PersonRole,
    ReferralStatus,
    Topic,
)
from cases.models import Case, Consent, Goal, Person, Referral, Resource
from cases.name_warning import NameWarningMixin
from cases.pseudonym import free_text, is_shown_named, persons_of
from districts.models import LegalArea, Membership, ServiceArea, Team
from networks.constants import PartnerKind
from networks.models import Offer, Partner
from sozialraum.formats import format_date
from sozialraum.forms import DATE_INPUT, staff_name
from sozialraum.versioning import VersionedForm

WILL_HELP = _(
    "The will is what the person wants to reach by their own effort; a wish expects someone else to make it "
    "happen. Write down the will, in the person's own words."
)


FUTURE_DATE = _("This date lies in the future.")


def no_future(day, message=FUTURE_DATE):
    if day and day > timezone.localdate():
        raise forms.ValidationError(message)
    return day


def topics_field():
    return forms.MultipleChoiceField(
        label=_("topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


def same_text(sent: str | None, shown: str) -> bool:
    """Browsers send line breaks as CRLF and forms strip the ends."""
    return (sent or "").replace("\r\n", "\n").strip() == shown.replace("\r\n", "\n").strip()


class MaskedFreeTextMixin:
    """For a writer who sees the case pseudonymised (a team lead with a case of another legal
    area): the free-text fields show the masked text, and a field sent back unchanged keeps what
    is stored — the names are neither shown nor lost."""

    masked_fields: tuple[str, ...] = ()

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.masking_case = case if case is not None and not is_shown_named(case) else None
        self.stored_texts = {name: getattr(self.instance, name, "") or "" for name in self.masked_fields}
        if self.masking_case is not None:
            for name in self.masked_fields:
                shown = self.initial.get(name) or self.stored_texts[name]
                self.initial[name] = free_text(shown, self.masking_case)

    def clean(self):
        cleaned = super().clean()
        if self.masking_case is not None:
            for name in self.masked_fields:
                stored = self.stored_texts[name]
                if stored and same_text(cleaned.get(name), free_text(stored, self.masking_case)):
                    cleaned[name] = stored
        return cleaned


class CasePersonsNameWarning(NameWarningMixin):
    """Free text about `self.case`: its persons' names are warned about — only to a writer who
    sees them (else the warning would tell a pseudonymised reader whether a guessed name is right)."""

    case: Case | None = None

    def persons_for_names(self, cleaned):
        case = self.case
        return persons_of(case) if case is not None and case.pk and is_shown_named(case) else []


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = [
            "role",
            "relationship",
            "first_name",
            "last_name",
            "birth_date",
            "sex",
            "street",
            "postal_code",
            "city",
            "locality",
            "phone",
        ]
        widgets = {"birth_date": DATE_INPUT}

    def __init__(self, *args, localities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = localities

    def clean_birth_date(self):
        return no_future(self.cleaned_data.get("birth_date"), _("A birth date cannot lie in the future."))

    def clean_role(self):
        role = self.cleaned_data.get("role")
        others = Person.objects.filter(case_id=self.instance.case_id, role=PersonRole.MAIN).exclude(pk=self.instance.pk)
        if role == PersonRole.MAIN and self.instance.case_id and others.exists():
            raise forms.ValidationError(_("The case already has a main person."))
        return role

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == PersonRole.MAIN:
            cleaned["relationship"] = ""  # the main person is who the others relate to
        return cleaned


class MainPersonForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = [name for name in PersonForm.Meta.fields if name not in ("role", "relationship")]


class CaseFieldsMixin:
    """Checks shared by opening and editing a case."""

    def check_service_area_and_caseworker(self, cleaned, team):
        legal_area = cleaned.get("legal_area") or getattr(self.instance, "legal_area", None)
        service_area = cleaned.get("service_area")
        if service_area and legal_area and service_area.legal_area_id != legal_area.pk:
            self.add_error("service_area", _("This service area belongs to another legal area."))
        caseworker = cleaned.get("caseworker")
        if caseworker and team and not Membership.objects.filter(user=caseworker, team=team).exists():
            self.add_error("caseworker", _("The responsible caseworker must be a member of the case's team."))


class CaseOpenForm(NameWarningMixin, CaseFieldsMixin, forms.ModelForm):
    topics = topics_field()
    name_checked_fields = ("will",)
    # The main person's form of the same page, set by the view: the case has no persons yet.
    person_form: forms.ModelForm | None = None

    def persons_for_names(self, cleaned):
        if self.person_form is None or not self.person_form.is_valid():
            return []
        return [self.person_form.save(commit=False)]

    class Meta:
        model = Case
        fields = ["team", "legal_area", "service_area", "caseworker", "topics", "phase", "opened_on", "will"]
        widgets = {"opened_on": DATE_INPUT, "will": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"will": WILL_HELP}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.filter(memberships__user=user).select_related("district")
        self.fields["team"].queryset = teams
        self.fields["caseworker"].queryset = (
            get_user_model().objects.filter(memberships__team__in=teams).distinct().order_by("last_name")
        )
        self.fields["caseworker"].label_from_instance = staff_name
        self.fields["caseworker"].initial = user.pk
        self.fields["service_area"].queryset = ServiceArea.objects.select_related("legal_area")
        self.fields["legal_area"].queryset = LegalArea.objects.all()
        membership = Membership.objects.filter(user=user).select_related("service_area").first()
        if membership:
            self.fields["team"].initial = membership.team_id
            if membership.service_area:
                self.fields["service_area"].initial = membership.service_area_id
                self.fields["legal_area"].initial = membership.service_area.legal_area_id

    def clean_opened_on(self):
        return no_future(self.cleaned_data.get("opened_on"), _("A case cannot be opened in the future."))

    def clean(self):
        cleaned = super().clean()
        self.check_service_area_and_caseworker(cleaned, cleaned.get("team"))
        return cleaned


class CaseEditForm(CasePersonsNameWarning, CaseFieldsMixin, VersionedForm):
    topics = topics_field()
    name_checked_fields = ("will",)

    class Meta:
        model = Case
        fields = ["service_area", "caseworker", "topics", "phase", "will", "status", "closed_on", "closing_reason"]
        widgets = {"closed_on": DATE_INPUT, "will": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"will": WILL_HELP}

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case or self.instance  # the case as the view read it (with the reader's access)
        self.fields["service_area"].queryset = ServiceArea.objects.filter(legal_area=self.instance.legal_area)
        self.fields["caseworker"].queryset = (
            get_user_model().objects.filter(memberships__team=self.instance.team).order_by("last_name")
        )
        self.fields["caseworker"].label_from_instance = staff_name

    def clean(self):
        cleaned = super().clean()
        self.check_service_area_and_caseworker(cleaned, self.instance.team)
        status, closed_on, reason = cleaned.get("status"), cleaned.get("closed_on"), cleaned.get("closing_reason")
        if status == CaseStatus.CLOSED:
            if not closed_on:
                self.add_error("closed_on", _("A closed case needs the date it was closed."))
            if not reason:
                self.add_error("closing_reason", _("A closed case needs a closing reason."))
            if closed_on and closed_on < self.instance.opened_on:
                self.add_error("closed_on", _("A case cannot be closed before it was opened."))
            if closed_on:
                try:
                    no_future(closed_on)
                except forms.ValidationError as error:
                    self.add_error("closed_on", error)
        elif status == CaseStatus.OPEN:
            cleaned["closed_on"] = None
            cleaned["closing_reason"] = ""
        return cleaned


class GoalForm(CasePersonsNameWarning, VersionedForm):
    name_checked_fields = ("title", "actions")

    class Meta:
        model = Goal
        fields = ["title", "actions", "due_on", "status", "achieved_on"]
        widgets = {
            "due_on": DATE_INPUT,
            "achieved_on": DATE_INPUT,
            "actions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean(self):
        cleaned = super().clean()
        due_on, status, achieved_on = cleaned.get("due_on"), cleaned.get("status"), cleaned.get("achieved_on")
        if due_on and due_on < self.case.opened_on:
            self.add_error(
                "due_on",
                _("A goal cannot be due before the case was opened (%(date)s).")
                % {"date": format_date(self.case.opened_on)},
            )
        if status == GoalStatus.ACHIEVED and not achieved_on:
            self.add_error("achieved_on", _("Say when the goal was achieved."))
        if status != GoalStatus.ACHIEVED and achieved_on:
            self.add_error("achieved_on", _("Only an achieved goal has a date of achievement."))
        if achieved_on:
            if achieved_on > timezone.localdate():
                self.add_error("achieved_on", FUTURE_DATE)
            elif achieved_on < self.case.opened_on:
                self.add_error("achieved_on", _("A goal cannot be achieved before the case was opened."))
        return cleaned


class ResourceForm(CasePersonsNameWarning, VersionedForm):
    name_checked_fields = ("description",)

    class Meta:
        model = Resource
        fields = ["kind", "description"]

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["scope", "team", "legal_area", "partner", "partner_kind", "purpose", "given_on", "valid_until"]
        widgets = {"given_on": DATE_INPUT, "valid_until": DATE_INPUT}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        # A consent names a team or partner of the case's own municipality.
        self.fields["team"].queryset = Team.objects.filter(
            district__municipality=case.team.district.municipality_id
        ).select_related("district")
        self.fields["partner"].queryset = Partner.objects.filter(
            municipality=case.team.district.municipality_id, active=True
        )
        self.fields["given_on"].initial = timezone.localdate()
        # Optional in the model, but the chosen scope's target must be named.
        for name in ("team", "legal_area", "partner"):
            self.fields[name].empty_label = _("– please choose –")
        self.fields["partner_kind"].choices = [("", _("– please choose –")), *PartnerKind.choices]

    def clean_given_on(self):
        return no_future(self.cleaned_data.get("given_on"), _("A consent cannot be given in the future."))

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        given_on, valid_until = cleaned.get("given_on"), cleaned.get("valid_until")
        if given_on and valid_until and valid_until < given_on:
            self.add_error("valid_until", _("A consent cannot end before it was given."))
        targets = {
            ConsentScope.TEAM: "team",
            ConsentScope.LEGAL_AREA: "legal_area",
            ConsentScope.PARTNER: "partner",
            ConsentScope.PARTNER_KIND: "partner_kind",
        }
        if scope in targets:
            needed = targets[scope]
            if not cleaned.get(needed):
                self.add_error(needed, _("Name whom the consent is for."))
            # Only the chosen target is kept; the other fields are cleared.
            for field in targets.values():
                if field != needed:
                    cleaned[field] = "" if field == "partner_kind" else None
        return cleaned


class ReferralForm(CasePersonsNameWarning, forms.ModelForm):
    name_checked_fields = ("outcome",)

    class Meta:
        model = Referral
        fields = ["offer", "partner", "date", "hands_over_personal_data", "outcome"]
        widgets = {"date": DATE_INPUT, "outcome": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        municipality = case.team.district.municipality_id
        self.fields["offer"].queryset = Offer.objects.current().filter(partner__municipality=municipality)
        self.fields["partner"].queryset = Partner.objects.filter(municipality=municipality, active=True)
        self.fields["partner"].required = False
        self.fields["partner"].help_text = _("Leave empty to refer to the offer's partner.")
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        return no_future(self.cleaned_data.get("date"))

    def clean(self):
        cleaned = super().clean()
        offer, partner = cleaned.get("offer"), cleaned.get("partner")
        if offer and not partner:
            cleaned["partner"] = offer.partner
            self.instance.partner = offer.partner
        elif offer and partner and offer.partner_id != partner.pk:
            self.add_error("partner", _("The offer belongs to another partner."))
        elif not offer and not partner:
            self.add_error("offer", _("Choose an offer or a partner."))
        return cleaned


class ReferralStatusForm(CasePersonsNameWarning, VersionedForm):
    name_checked_fields = ("outcome",)

    class Meta:
        model = Referral
        fields = ["status", "outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        current = ReferralStatus(self.instance.status)
        allowed = [current, *sorted(REFERRAL_NEXT_STATUS[current], key=ReferralStatus.values.index)]
        self.fields["status"].choices = [(status.value, status.label) for status in allowed]
