"""Forms of a Zuständigkeitswechsel: ask another team, accept (naming who takes over), decline."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import CaseTransfer
from cases.transfers import new_caseworkers, receiving_teams
from districts.models import ServiceArea
from sozialraum.forms import staff_name


class TransferRequestForm(forms.ModelForm):
    class Meta:
        model = CaseTransfer
        fields = ["to_team", "reason"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_team"].queryset = receiving_teams(case)
        self.fields["to_team"].label_from_instance = lambda team: f"{team.name} ({team.district.name})"


class TransferAcceptForm(forms.Form):
    caseworker = forms.ModelChoiceField(queryset=None, label=_("New responsible caseworker"))
    service_area = forms.ModelChoiceField(queryset=None, label=_("Service area"))

    def __init__(self, *args, transfer: CaseTransfer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = new_caseworkers(transfer)
        self.fields["caseworker"].label_from_instance = staff_name
        self.fields["service_area"].queryset = ServiceArea.objects.filter(legal_area=transfer.case.legal_area_id)
        self.fields["service_area"].initial = transfer.case.service_area_id


class TransferDeclineForm(forms.Form):
    decline_reason = forms.CharField(label=_("Reason for declining"), max_length=300)
