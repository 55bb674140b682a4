from django import template

register = template.Library()


@register.inclusion_tag("easyread/includes/switch.html", takes_context=True)
def easy_read_switch(context, page):
    """The "Easy Read version" link near the top of a page that has one (nothing otherwise)."""
    request = context.get("request")
    url = page.get_easy_read_url(request) if getattr(page, "has_easy_read", False) else None
    return {"switch_url": url, "switch_label": "Easy Read version", "page": page}


@register.inclusion_tag("easyread/includes/points.html")
def easy_read_points(sections):
    """Each point's picture beside its sentence, under its section's heading."""
    return {"sections": sections}
