from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from districts.constants import MembershipRole
from districts.models import AccessRequest, ServiceArea, Team
from sozialraum.forms import staff_name
from sozialraum.roles import Role


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{staff_name(obj)} ({obj.get_username()})"


class AccessRequestForm(forms.Form):
    """Ask for a role or a team membership for a colleague; a second administrator approves."""

    ROLE, MEMBERSHIP = "role", "membership"

    user = StaffChoiceField(
        label=_("For"), queryset=get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name")
    )
    kind = forms.ChoiceField(
        label=_("Change"),
        choices=[(ROLE, _("Give a role")), (MEMBERSHIP, _("Add to a team or change the role in it"))],
        widget=forms.RadioSelect,
        initial=ROLE,
    )
    group = forms.ModelChoiceField(
        label=_("Role"), queryset=Group.objects.filter(name__in=Role.values).order_by("name"), required=False
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.select_related("district").order_by("name"), required=False
    )
    membership_role = forms.ChoiceField(
        label=_("Role in the team"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER, required=False
    )
    service_area = forms.ModelChoiceField(
        label=_("Service area"),
        queryset=ServiceArea.objects.select_related("legal_area").order_by("legal_area__code", "name"),
        required=False,
        help_text=_("Decides the legal area and so which case files the member reads in full."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=AccessRequest._meta.get_field("reason").max_length,
        required=False,
        help_text=AccessRequest._meta.get_field("reason").help_text,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == self.ROLE and not cleaned.get("group"):
            self.add_error("group", _("Choose the role."))
        if cleaned.get("kind") == self.MEMBERSHIP and not cleaned.get("team"):
            self.add_error("team", _("Choose the team."))
        cleaned["membership_role"] = cleaned.get("membership_role") or MembershipRole.MEMBER
        return cleaned
