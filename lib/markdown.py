"""Light formatting for text people type: Markdown in, sanitised HTML out."""

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote"}


def render(text: str) -> SafeString:
    """Paragraphs, lists, bold, italics and links; everything else is removed, raw HTML too."""
    html = md.markdown(text or "", extensions=[], output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}},
                      url_schemes={"http", "https", "mailto"},
                      link_rel="noopener noreferrer nofollow")
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
