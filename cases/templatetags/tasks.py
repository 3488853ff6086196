"""The task list's rows and the top bar's badge. The rows are drawn in Python: "Meine Aufgaben"
shows up to 200 follow-ups, and as a template each row (three links, a form, masking) took most
of the page's time (150 ms at city scale, issue 16)."""

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases import pseudonym
from cases.models.follow_up import FollowUpSource
from cases.task_list import open_count
from sozialraum.formats import format_date, labels_of
from sozialraum.formats import html_text as escape
from sozialraum.navigation import address_of, addresses
from sozialraum.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag(takes_context=True)
def task_badge(context) -> SafeString:
    """The top bar's badge of open follow-ups due today or earlier, a link to "Meine Aufgaben"
    (none when nothing is due). Drawn here: on every page, as a template it took a quarter
    of a millisecond."""
    due = open_count(context["request"].user)
    if not due:
        return mark_safe("")
    label = ngettext("My tasks: %(counter)s due", "My tasks: %(counter)s due", due) % {"counter": due}
    return format_html(
        '<li class="nav-item me-lg-2">\n  <a class="nav-link" href="{}" id="my-tasks-link" title="{}">'
        '<span class="badge rounded-pill text-bg-danger" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></a>\n</li>',
        address_of("cases:my_tasks", addresses()),
        _("My tasks"),
        due,
        label,
    )


def url_pattern(name: str) -> str:
    """A URL with "{}" for its one argument (an id, a reference), reversed once, not once per row."""
    return reverse(name, args=[0]).replace("/0/", "/{}/")


@register.simple_tag(takes_context=True)
def task_rows(context, follow_ups, heading_id: str, empty_text: str) -> SafeString:
    request = context["request"]
    csrf = conditional_escape(get_token(request))
    here = conditional_escape(request.get_full_path())
    urls = {name: url_pattern(f"cases:{name}") for name in ("follow_up_open", "follow_up_change", "follow_up_done")}
    labels = {
        "overdue": _("overdue"),
        "case": _("Case"),
        "partner": _("Partner"),
        "postponed": _("postponed"),
        "open": _("Open"),
        "change": _("Postpone or hand over"),
        "done": _("Done"),
    }
    sources = labels_of(FollowUpSource.choices)
    rows = [task_row(follow_up, urls, labels, sources, csrf, here) for follow_up in follow_ups]
    if not rows:
        rows = [format_html('<li class="list-group-item text-body-secondary">{}</li>', empty_text)]
    return format_html(
        '<ul class="list-group mb-3" aria-labelledby="{}">{}</ul>',
        heading_id,
        mark_safe("".join(rows)),  # noqa: S308  (escaped)
    )


def task_row(follow_up, urls: dict, labels: dict, sources: dict, csrf: str, here: str) -> str:
    """One row, every value escaped (as case_rows draws its rows: format_html's lazy-text check
    and SafeString per value cost more than the escaping, 17 values a row)."""
    case = follow_up.case if follow_up.case_id else None
    overdue = follow_up.is_overdue
    detail = pseudonym.free_text(follow_up.detail, case) if follow_up.detail else ""
    if case is not None:
        name = pseudonym.case_name(case)
        about = f"{escape(labels['case'])} {escape(case.reference)}" + (f" · {escape(name)}" if name else "")
    elif follow_up.partner_id:
        about = f"{escape(labels['partner'])} {escape(follow_up.partner.name)}"
    elif follow_up.network_id:
        about = escape(follow_up.network.name)
    else:
        about = ""
    if follow_up.postponed_reason:
        reason = pseudonym.free_text(follow_up.postponed_reason, case)
        about += f" · {escape(labels['postponed'])}: {escape(reason)}"
    pk = int(follow_up.pk)
    date_class = ' class="text-danger fw-semibold"' if overdue else ""
    badge = f' <span class="badge text-bg-warning">{escape(labels["overdue"])}</span>' if overdue else ""
    return (
        '<li class="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2" '
        f'id="follow-up-{pk}"><div><span{date_class}>{escape(format_date(follow_up.due_on))}</span> '
        f"<strong>{escape(sources.get(follow_up.source, follow_up.source))}</strong>"
        f"{': ' + escape(detail) if detail else ''}{badge}"
        f'<br><span class="small text-body-secondary">{about}</span></div>'
        f'<div class="d-flex gap-2"><a class="btn btn-sm btn-outline-primary" '
        f'href="{escape(urls["follow_up_open"].format(pk))}">{escape(labels["open"])}</a>'
        f'<a class="btn btn-sm btn-outline-secondary" '
        f'href="{escape(urls["follow_up_change"].format(pk))}">{escape(labels["change"])}</a>'
        f'<form method="post" action="{escape(urls["follow_up_done"].format(pk))}">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        f'<input type="hidden" name="{escape(FIELD)}" value="{escape(new_token())}">'
        f'<input type="hidden" name="next" value="{here}">'
        f'<button type="submit" class="btn btn-sm btn-outline-success">{escape(labels["done"])}</button></form>'
        "</div></li>"
    )
