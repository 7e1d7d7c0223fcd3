"""``{% status_badge obj %}``: the one status badge of every model that declares a workflow."""

from django import template

register = template.Library()


@register.inclusion_tag("components/status_badge.html")
def status_badge(obj):
    """The object's state as a badge in its workflow's label and tone (see ``core.workflow``)."""
    return {"badge": obj.workflow.badge(obj)}
