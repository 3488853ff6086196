"""`{% filter_field field %}`: one field of a list's filter form, as crispy-bootstrap5 draws it
(wrapper, label, Bootstrap class, help text, errors), in Python.

The filter forms stand on top of the busiest pages (case list, work log, directory): through
crispy's templates they took a third of the case list's time at city scale, mostly for the
<option>s of the selects, each of them a template of its own. Inputs (text, date, number) and
single selects are drawn here; other widgets (radio buttons, multiple checkboxes) still go
through crispy."""

from django import forms, template
from django.forms import widgets
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from sozialraum.formats import html_text

register = template.Library()

DRAWN_BY_CRISPY = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput, forms.FileInput)


@register.simple_tag
def filter_field(bound: forms.BoundField) -> SafeString:
    widget = bound.field.widget
    if bound.is_hidden:
        return bound.as_widget()
    if isinstance(widget, DRAWN_BY_CRISPY):
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(bound)
    is_select = isinstance(widget, forms.Select)
    # The widget's own classes, its type's name (crispy adds it) and Bootstrap's.
    classes = [*widget.attrs.get("class", "").split(), type(widget).__name__.lower()]
    classes += ["form-select" if is_select else "form-control"] + (["is-invalid"] if bound.errors else [])
    attrs = {"class": " ".join(dict.fromkeys(classes))}  # (aria-describedby comes from Django)
    single_select = is_select and not widget.allow_multiple_selected
    if single_select:
        control = select(bound, attrs)
    elif drawn_as_plain_input(widget):
        control = plain_input(bound, attrs)
    else:
        control = bound.as_widget(attrs=attrs)
    errors = (
        format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            bound.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((number, bound.auto_id, error) for number, error in enumerate(bound.errors, 1)),
            ),
        )
        if bound.errors
        else ""
    )
    help_text = (  # (help texts are ours and may hold markup, as crispy lets them)
        format_html('<div id="{}_helptext" class="form-text">{}</div>', bound.auto_id, mark_safe(bound.help_text))
        if bound.help_text
        else ""
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}{}{}</div>',
        bound.auto_id,
        bound.id_for_label,
        bound.label,
        control,
        errors,
        help_text,
    )


def drawn_as_plain_input(widget: forms.Widget) -> bool:
    """An input that Django draws with its own input template and nothing of its own (not a
    password, which hides its value, nor a widget with a template of its own)."""
    return (
        isinstance(widget, widgets.Input)
        and type(widget).get_context is widgets.Input.get_context
        and widget.template_name.startswith("django/forms/widgets/")
    )


def plain_input(bound: forms.BoundField, attrs: dict) -> SafeString:
    """An <input> (text, date, number …) as Django's widget template draws it: through the
    template it took a fifth of a millisecond each, and the case list has three."""
    widget = bound.field.widget
    attrs = bound.build_widget_attrs(attrs, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    value = widget.format_value(bound.value())
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget.input_type,
        bound.html_name,
        format_html(' value="{}"', value) if value is not None else "",
        flatatt(widget.build_attrs(widget.attrs, attrs)),
    )


def select(bound: forms.BoundField, attrs: dict) -> SafeString:
    """A single <select> with its options, the chosen one marked (optgroups included)."""
    widget = bound.field.widget
    formatted = widget.format_value(bound.value())  # (a list, or one string for yes/no/unknown)
    chosen = {formatted} if isinstance(formatted, str) else set(formatted)
    final = widget.build_attrs(widget.attrs, bound.build_widget_attrs(attrs, widget))
    final.update(name=bound.html_name, id=bound.auto_id)

    def options(choices) -> str:
        parts = []
        for value, label in choices:
            if isinstance(label, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, mark_safe(options(label))))
                continue
            value = "" if value is None else str(value)
            selected = " selected" if value in chosen else ""
            parts.append(f'<option value="{html_text(value)}"{selected}>{html_text(label)}</option>')
        return "".join(parts)

    return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options(widget.choices)))


@register.simple_tag
def sort_header(filterset, ordering: str, label) -> SafeString:
    """A column head that sorts the list by its column (`ordering` as the list's ordering filter
    names it): ascending first, descending on the next click. The other filters stay, the page
    starts again at 1; `aria-sort` tells screen readers how the list is sorted now."""
    params = filterset.data.copy()
    current = params.get("ordering", "")
    params.pop("page", None)
    params["ordering"] = f"-{ordering}" if current == ordering else ordering
    sort = {ordering: "ascending", f"-{ordering}": "descending"}.get(current)
    arrow = {"ascending": "▲", "descending": "▼"}.get(sort or "", "")
    return format_html(
        '<th scope="col"{}><a class="sort-link" href="?{}">{}<span aria-hidden="true"> {}</span></a></th>',
        format_html(' aria-sort="{}"', sort) if sort else "",
        params.urlencode(),
        label,
        arrow,
    )
