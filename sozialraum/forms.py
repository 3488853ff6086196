"""Form pieces every app uses."""

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# Native date and time pickers; ISO values, as <input type="date"> expects them.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def staff_name(user) -> str:
    """How a colleague appears in choices: full name, else the user name."""
    return staff_name_of(user.first_name, user.last_name, user.username)


def staff_name_of(first_name: str, last_name: str, username: str) -> str:
    """staff_name() of a user read as plain values (as AbstractUser.get_full_name joins them)."""
    return f"{first_name} {last_name}".strip() or username


class StaffChoiceField(forms.ModelChoiceField):
    """A choice of colleagues, each named by staff_name()."""

    def label_from_instance(self, obj) -> str:
        return staff_name(obj)


class FormRenderer(DjangoTemplates):
    """Django's own form renderer, with the project's widget templates found first."""

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [Path(settings.BASE_DIR) / "templates", Path(forms.__file__).parent / "templates"],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )


# "47.981.816,87", "1234,5", "1 234,56 €", "250" – German amounts as people type them.
GERMAN_AMOUNT = re.compile(r"^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$")


class GermanDecimalField(forms.CharField):
    """A number with up to two decimals, read as Decimal from German notation (never via float)."""

    invalid_message = _("Enter a number, e.g. 1.250,5.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A length limit on the text, not on the Decimal it becomes.
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": "20"})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value

    def to_python(self, value):
        text = str(value or "")[:40].strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        if not GERMAN_AMOUNT.match(text):
            raise forms.ValidationError(self.invalid_message)
        try:
            amount = Decimal(text.replace(".", "").replace(",", "."))
        except InvalidOperation:
            raise forms.ValidationError(self.invalid_message) from None
        if amount >= Decimal("1000000000000"):
            raise forms.ValidationError(_("That amount is too large."))
        return amount.quantize(Decimal("0.01"))
