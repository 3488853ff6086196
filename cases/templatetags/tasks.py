"""The task list's rows and the top bar's badge. The rows are drawn in Python: "Meine Aufgaben"
shows up to 200 follow-ups, and as a template each row (three links, a form, masking) took most
of the page's time (150 ms at city scale, issue 16)."""

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cases import pseudonym
from cases.models.follow_up import FollowUpSource
from cases.task_list import open_count
from sozialraum.formats import format_date, labels_of
from sozialraum.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag(takes_context=True)
def due_task_count(context) -> int:
    """Open follow-ups due today or earlier, for the top bar's badge."""
    return open_count(context["request"].user)


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
    return format_html('<ul class="list-group mb-3" aria-labelledby="{}">{}</ul>', heading_id, mark_safe("".join(rows)))


def task_row(follow_up, urls: dict, labels: dict, sources: dict, csrf: str, here: str) -> str:
    case = follow_up.case if follow_up.case_id else None
    overdue = follow_up.is_overdue
    detail = pseudonym.free_text(follow_up.detail, case) if follow_up.detail else ""
    if case is not None:
        name = pseudonym.case_name(case)
        about = format_html("{} {}", labels["case"], case.reference) + (format_html(" · {}", name) if name else "")
    elif follow_up.partner_id:
        about = format_html("{} {}", labels["partner"], follow_up.partner.name)
    elif follow_up.network_id:
        about = conditional_escape(follow_up.network.name)
    else:
        about = mark_safe("")
    if follow_up.postponed_reason:
        reason = pseudonym.free_text(follow_up.postponed_reason, case)
        about += format_html(" · {}: {}", labels["postponed"], reason)
    pk = follow_up.pk
    return format_html(
        '<li class="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2" '
        'id="follow-up-{pk}"><div><span{date_class}>{date}</span> <strong>{kind}</strong>{detail}{badge}'
        '<br><span class="small text-body-secondary">{about}</span></div>'
        '<div class="d-flex gap-2"><a class="btn btn-sm btn-outline-primary" href="{open}">{open_label}</a>'
        '<a class="btn btn-sm btn-outline-secondary" href="{change}">{change_label}</a>'
        '<form method="post" action="{done}"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        '<input type="hidden" name="{token_field}" value="{token}"><input type="hidden" name="next" value="{here}">'
        '<button type="submit" class="btn btn-sm btn-outline-success">{done_label}</button></form></div></li>',
        pk=pk,
        date_class=mark_safe(' class="text-danger fw-semibold"') if overdue else "",
        date=format_date(follow_up.due_on),
        kind=sources.get(follow_up.source, follow_up.source),
        detail=format_html(": {}", detail) if detail else "",
        badge=format_html(' <span class="badge text-bg-warning">{}</span>', labels["overdue"]) if overdue else "",
        about=about,
        open=urls["follow_up_open"].format(pk),
        open_label=labels["open"],
        change=urls["follow_up_change"].format(pk),
        change_label=labels["change"],
        done=urls["follow_up_done"].format(pk),
        csrf=mark_safe(csrf),
        token_field=FIELD,
        token=new_token(),
        here=mark_safe(here),
        done_label=labels["done"],
    )
