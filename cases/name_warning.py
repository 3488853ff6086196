"""Warning the writer (DESIGN §4 rule 2): free text about a case that names its persons is masked
wherever the case is shown pseudonymised. Before such a text is saved, the form says so and
proposes the text with roles instead of names; the writer may take the proposal or save anyway.

A form opts in with `NameWarningMixin`, the fields to check and the persons to look for; the
template includes "includes/name_warning.html" inside the <form>. The two buttons post
`names_in_text=replace` or `names_in_text=keep`."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import ngettext

from cases.masking import names_in, replace_names

REPLACE, KEEP = "replace", "keep"

if TYPE_CHECKING:
    from django.forms import BaseForm as FormBase
else:
    FormBase = object


@dataclass(frozen=True)
class NameWarning:
    field_label: str
    names: list[str]
    proposal: str

    @property
    def message(self) -> str:
        quoted = ", ".join(f"„{name}“" for name in self.names)
        return ngettext(
            "The text contains the name %(names)s – in the Sozialraum team it is hidden.",
            "The text contains the names %(names)s – in the Sozialraum team they are hidden.",
            len(self.names),
        ) % {"names": quoted}


class NameWarningMixin(FormBase):
    """For ModelForms and Forms with free-text fields about a case."""

    name_checked_fields: tuple[str, ...] = ()
    decision_key = "names_in_text"
    name_warnings: list[NameWarning] | tuple = ()

    def persons_for_names(self, cleaned: dict[str, Any]) -> Iterable[Any]:
        """The persons whose names the text should not carry (the case's persons)."""
        return []

    def stored_text_for_names(self, field: str) -> str:
        instance = getattr(self, "instance", None)
        return (getattr(instance, field, "") or "") if instance is not None and instance.pk else ""

    @property
    def names_decision(self) -> str:
        return self.data.get(self.add_prefix(self.decision_key), "") if self.is_bound else ""

    @property
    def decision_field_name(self) -> str:
        return self.add_prefix(self.decision_key)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        self.name_warnings = []
        persons = list(self.persons_for_names(cleaned))
        if not persons:
            return cleaned
        for field in self.name_checked_fields:
            text = cleaned.get(field) or ""
            # A name that was already there when the text was last saved was warned about then.
            known = set(names_in(self.stored_text_for_names(field), persons))
            new_names = [name for name in names_in(text, persons) if name not in known]
            if not new_names:
                continue
            proposal = replace_names(text, persons)
            if self.names_decision == REPLACE:
                cleaned[field] = proposal
            elif self.names_decision != KEEP:
                self.name_warnings.append(NameWarning(str(self.fields[field].label), new_names, proposal))
        return cleaned

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return valid and not self.name_warnings
