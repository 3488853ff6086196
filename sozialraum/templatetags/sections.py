"""The start page's sections, drawn inside the page's own context."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def home_section(context, section):
    """Like `{% include %}` with the section's values: rendering each section on its own with
    the request ran every context processor (navigation, roles, task badge) once more per section."""
    template_name, values = section
    part = context.template.engine.get_template(template_name)
    with context.push(values):
        return part.render(context)
