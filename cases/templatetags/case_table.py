"""The case list's rows and the start page's open cases, drawn in Python: as a template each
of the 50 rows resolved some 40 variables and included the pseudonym badge, about a third of
the case list's time (issue 15)."""

from urllib.parse import quote

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cases import pseudonym
from cases.constants import CaseStatus, Phase
from cases.templatetags.tasks import url_pattern
from districts.models import LegalArea
from sozialraum.formats import format_date, labels_of
from sozialraum.formats import html_text as escape
from sozialraum.forms import staff_name_of

register = template.Library()


@register.simple_tag
def case_rows(cases) -> SafeString:
    if not cases:
        return format_html('<tr><td colspan="8" class="text-body-secondary">{}</td></tr>', _("No case matches."))
    case_url = url_pattern("cases:case_detail")
    badge = render_to_string("cases/_pseudonymised_badge.html")  # (the same for every row)
    phases, statuses = labels_of(Phase.choices), labels_of(CaseStatus.choices)
    rows = []
    for case in cases:
        cells = (
            escape(pseudonym.case_name(case)) if case.full_access else badge,
            escape(case.district_name),
            escape(LegalArea.name_of(case.legal_area_code)),
            escape(staff_name_of(case.caseworker_first_name, case.caseworker_last_name, case.caseworker_username)),
            escape(phases.get(case.phase, case.phase)),
            escape(statuses.get(case.status, case.status)),
            format_date(case.opened_on),
        )
        rows.append(
            f'<tr><td><a href="{escape(case_url.format(quote(case.reference)))}">{escape(case.reference)}</a></td>'
            + "".join(f"<td>{cell}</td>" for cell in cells)
            + "</tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308  (every value above is escaped)


@register.simple_tag
def my_open_case_items(cases) -> SafeString:
    """The start page's "Meine offenen Fälle" (the names as visible_to allows them: the user's own cases)."""
    if not cases:
        return format_html('<li class="list-group-item text-body-secondary">{}</li>', _("You have no open cases."))
    case_url = url_pattern("cases:case_detail")
    phases = labels_of(Phase.choices)
    items = []
    for case in cases:
        about = (case.district_name, LegalArea.name_of(case.legal_area_code), phases.get(case.phase, case.phase))
        items.append(
            f'<li class="list-group-item"><a href="{escape(case_url.format(quote(case.reference)))}">'
            f"{escape(case.reference)}</a> {escape(pseudonym.case_name(case))} "
            f'<span class="small text-body-secondary">· {" · ".join(escape(part) for part in about)}</span></li>'
        )
    return mark_safe("".join(items))  # noqa: S308  (every value is escaped)
