from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_string(context, **changes):
    """The current query string with some parameters changed, e.g. for pagination links
    that keep the filters. Django 5.2 has a {% querystring %} tag; this one drops empty
    values so shared links stay short."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
