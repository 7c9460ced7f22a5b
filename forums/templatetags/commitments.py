"""`{% your_commitments forum=forum %}` (or cycle=, session=, story=): the reader's own
commitments made there (or on that story), with a link to report each open one. The forum,
cycle, session and story pages show them where the person lands; only the person who
committed ever sees them (forums.access.own_commitments). The story page belongs to a lower
app, hence a tag rather than its view."""

from django import template

from forums.access import own_commitments

register = template.Library()
SHOWN = 10


@register.inclusion_tag("forums/_your_commitments.html", takes_context=True)
def your_commitments(context, *, forum=None, cycle=None, session=None, story=None) -> dict:
    user = context["request"].user
    if not user.is_authenticated:
        return {"commitments": []}
    commitments = own_commitments(user).with_done()
    if forum is not None:
        commitments = commitments.filter(session__cycle__forum=forum)
    if cycle is not None:
        commitments = commitments.filter(session__cycle=cycle)
    if session is not None:
        commitments = commitments.filter(session=session)
    if story is not None:
        commitments = commitments.filter(story=story)
    return {"commitments": list(commitments.order_by("done", "due_on", "pk")[:SHOWN])}
