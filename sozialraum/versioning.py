"""No lost updates (DESIGN §4 rule 7): every editable record carries a `version`; a save is
applied only to the version the user saw, and a refused save names what the other person
changed. One helper for every app: `save_versioned`, `VersionedForm`, `VersionedUpdateMixin`."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum import audit
from sozialraum.formats import format_date
from sozialraum.forms import staff_name
from sozialraum.models import AuditAction, AuditEvent


@dataclass
class EditConflict(Exception):
    """Someone saved the same record after the user loaded it."""

    changed_fields: list[str]  # as the user reads them ("Telefon")
    changed_by: str
    current_version: int
    field_keys: list[str]  # the model's names ("phone")

    def message(self) -> str:
        fields = ", ".join(self.changed_fields) or _("unknown fields")
        return _(
            "%(user)s saved this record after you opened it and changed: %(fields)s. Nothing of yours has been "
            "saved yet. Your input is kept below; check the current values and save again."
        ) % {"user": self.changed_by or _("someone"), "fields": fields}


def field_names(model: type[models.Model], names: list[str]) -> list[str]:
    return [str(getattr(model._meta.get_field(name), "verbose_name", name)) for name in names]


def same(old: Any, new: Any) -> bool:
    # Multiple choices (topics) and related sets: the order the browser sent them in is no change.
    if isinstance(old, list | tuple | set) and isinstance(new, list | tuple | set):
        return sorted(map(str, old)) == sorted(map(str, new))
    return old == new


def changed_field_names(old: models.Model, new_values: dict) -> list[str]:
    return [name for name, value in new_values.items() if not same(current_value(old, name), value)]


def current_value(obj: models.Model, name: str) -> Any:
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return {related.pk for related in getattr(obj, name).all()} if obj.pk else set()
    return getattr(obj, name)


def conflict_since(obj: models.Model, seen_version: int) -> EditConflict:
    updates = AuditEvent.objects.filter(
        object_type=audit.object_type_of(obj),
        object_id=obj.pk,
        action=AuditAction.UPDATE,
        details__version__gt=seen_version,
    ).order_by("occurred_at")
    names: list[str] = []
    last = None
    for event in updates:
        names += [name for name in event.changed_fields if name not in names]
        last = event
    return EditConflict(field_names(type(obj), names), colleague(last), obj.version, names)  # type: ignore[attr-defined]


def colleague(event: AuditEvent | None) -> str:
    """Who saved last, as colleagues know them (full name; the user name if the account is gone)."""
    if event is None:
        return ""
    user = get_user_model().objects.filter(pk=event.user_id).first() if event.user_id else None
    return staff_name(user) if user else event.username


@transaction.atomic
def save_versioned(user, obj: Any, new_values: dict, seen_version: int, case_id: int | None = None) -> Any:
    """Apply the user's values unless someone saved in between. A save that changes nothing
    keeps the version and writes no event. Many-to-many fields are given as lists of objects."""
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if current.version != seen_version:
        raise conflict_since(current, seen_version)
    comparable = {
        name: {related.pk for related in value} if current._meta.get_field(name).many_to_many else value
        for name, value in new_values.items()
    }
    changed = changed_field_names(current, comparable)
    if not changed:
        return current
    for name in changed:
        if not current._meta.get_field(name).many_to_many:
            setattr(current, name, new_values[name])
    current.version += 1
    current.save()
    for name in changed:
        if current._meta.get_field(name).many_to_many:
            getattr(current, name).set(new_values[name])
    audit.log(
        user, AuditAction.UPDATE, current, case_id=case_id, changed_fields=changed, details={"version": current.version}
    )
    return current


class VersionedForm(forms.ModelForm):
    """Carries the version the user saw, so a save over someone else's change is refused.
    `fixed_fields`: fields the view sets on the instance (the network of a roster line); the
    unique constraints that include them are checked too, not left to the database."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    fixed_fields: tuple[str, ...] = ()

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() - set(self.fixed_fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]
        elif not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def changed_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields or () if name in self.cleaned_data}


def shown_value(obj: models.Model, name: str) -> str:
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(related) for related in getattr(obj, name).all()) or "–"
    value = getattr(obj, name)
    if field.is_relation:
        return str(getattr(obj, name) or "–")
    if field.choices and not isinstance(value, list):
        return str(getattr(obj, f"get_{name}_display")()) or "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, list):
        choices = dict(getattr(getattr(field, "base_field", None), "choices", None) or [])
        return ", ".join(str(choices.get(one, one)) for one in value) or "–"
    return str(value) if value not in (None, "") else "–"


def conflict_form(form_class, data, conflict: EditConflict, **kwargs):
    """The user's input again at the current version; each field the other person changed
    says what is saved now. Saving again is then a decision, not an accident."""
    data = data.copy()
    data["version"] = conflict.current_version
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, conflict.message())
    instance = kwargs["instance"]
    saved = type(instance)._default_manager.get(pk=instance.pk)
    for name in conflict.field_keys:
        if name in form.fields:
            form.add_error(name, _("Saved meanwhile: %(value)s") % {"value": shown_value(saved, name)})
    return form


DUPLICATE = gettext_lazy(
    "An entry with these values exists already — perhaps it was saved a moment ago in another window. "
    "Nothing has been saved; your input is kept."
)


class UniqueRaceMixin:
    """For CreateView and UpdateView: when two saves race past the form's uniqueness check,
    the database refuses the second; the user gets the form back with a message, not a 500."""

    def form_valid(self, form) -> HttpResponse:
        try:
            with transaction.atomic():
                return super().form_valid(form)  # type: ignore[misc]
        except IntegrityError:
            form.add_error(None, DUPLICATE)
            return self.form_invalid(form)  # type: ignore[attr-defined]


class VersionedUpdateMixin:
    """For Django's UpdateView with a VersionedForm: saved through `save_versioned` (audited),
    a conflict shows the form again with the user's input and the message."""

    success_message = ""

    def form_valid(self, form) -> HttpResponse:
        try:
            self.object = save_versioned(
                self.request.user, self.object, form.changed_values(), form.cleaned_data["version"]
            )
        except EditConflict as conflict:
            kwargs = {name: value for name, value in self.get_form_kwargs().items() if name not in ("data", "files")}
            return self.form_invalid(conflict_form(type(form), self.request.POST, conflict, **kwargs))
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())
