from django import template

from cases.task_list import open_count

register = template.Library()


@register.simple_tag(takes_context=True)
def due_task_count(context) -> int:
    """Open follow-ups due today or earlier, for the top bar's badge."""
    return open_count(context["request"].user)
