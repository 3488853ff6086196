"""Form pieces every app uses."""

from django import forms

# Native date and time pickers; ISO values, as <input type="date"> expects them.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def staff_name(user) -> str:
    """How a colleague appears in choices: full name, else the user name."""
    return user.get_full_name() or user.username
