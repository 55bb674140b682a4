from wagtail.models import Site


def navigation(request):
    """The header's primary links: the home page's children shown in menus, in tree order."""
    site = Site.find_for_request(request)
    if site is None:
        return {"primary_links": []}
    current_path = request.path
    links = []
    for page in site.root_page.get_children().live().in_menu().only("url_path", "title"):
        url = page.get_url(request=request, current_site=site)
        if url is None:
            continue
        links.append(
            {
                "url": url,
                "label": page.title,
                "current": current_path == url,
                "active": current_path.startswith(url) and current_path != url,
            }
        )
    return {"primary_links": links}
