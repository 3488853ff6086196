"""Form pieces every app uses."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

# Native date and time pickers; ISO values, as <input type="date"> expects them.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def staff_name(user) -> str:
    """How a colleague appears in choices: full name, else the user name."""
    return user.get_full_name() or user.username


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
