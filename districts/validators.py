from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

postal_code_validator = RegexValidator(r"^[0-9]{5}$", _("A German postal code has five digits."))
