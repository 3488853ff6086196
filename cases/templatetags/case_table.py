"""The case list's rows, drawn in Python: as a template each of the 50 rows resolved some
40 variables and included the pseudonym badge, about a third of the page's time (issue 15)."""

from urllib.parse import quote

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cases import pseudonym
from sozialraum.formats import format_date
from sozialraum.forms import staff_name

register = template.Library()


@register.simple_tag
def case_rows(cases) -> SafeString:
    if not cases:
        return format_html('<tr><td colspan="8" class="text-body-secondary">{}</td></tr>', _("No case matches."))
    case_url = reverse("cases:case_detail", args=["REFERENCE"]).replace("REFERENCE", "{}")
    badge = render_to_string("cases/_pseudonymised_badge.html")  # (the same for every row)
    return format_html_join(
        "",
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td></tr>",
        (
            (
                case_url.format(quote(case.reference)),
                case.reference,
                pseudonym.case_name(case) if case.full_access else badge,
                case.team.district.name,
                case.legal_area,
                staff_name(case.caseworker),
                case.get_phase_display(),
                case.get_status_display(),
                format_date(case.opened_on),
            )
            for case in cases
        ),
    )
