"""What every page's frame needs: its title in the browser tab."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter(is_safe=True)
def page_title(title: str) -> str:
    """"Page - Success Forums", or the site's name alone for a page with no title of its own.
    (A Django template cannot ask whether a block is empty, so base.html filters it.)"""
    title = " ".join(str(title).split())
    if not title:
        return _("Success Forums")
    return _("%(page)s - Success Forums") % {"page": title}
