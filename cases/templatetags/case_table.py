"""The case list's rows and the start page's open cases, drawn in Python: as a template each
of the 50 rows resolved some 40 variables and included the pseudonym badge, about a third of
the case list's time (issue 15)."""

from urllib.parse import quote

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cases import pseudonym
from cases.templatetags.tasks import url_pattern
from sozialraum.formats import format_date
from sozialraum.forms import staff_name

register = template.Library()


@register.simple_tag
def case_rows(cases) -> SafeString:
    if not cases:
        return format_html('<tr><td colspan="8" class="text-body-secondary">{}</td></tr>', _("No case matches."))
    case_url = url_pattern("cases:case_detail")
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


@register.simple_tag
def my_open_case_items(cases) -> SafeString:
    """The start page's "Meine offenen Fälle" (the names as visible_to allows them: the user's own cases)."""
    if not cases:
        return format_html('<li class="list-group-item text-body-secondary">{}</li>', _("You have no open cases."))
    case_url = url_pattern("cases:case_detail")
    return format_html_join(
        "",
        '<li class="list-group-item"><a href="{}">{}</a> {} '
        '<span class="small text-body-secondary">· {} · {} · {}</span></li>',
        (
            (
                case_url.format(quote(case.reference)),
                case.reference,
                pseudonym.case_name(case),
                case.team.district.name,
                case.legal_area,
                case.get_phase_display(),
            )
            for case in cases
        ),
    )
