"""Home: what's next for me, whatever my role - my sessions (with my answer), my commitments,
what waits for my answer, stories to try and my own; then what my role runs (my school, the
district). Lists come from forums.home, built for the reader."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from forums import access
from forums.home import whats_next
from schools.access import roles_for, schools_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    roles = roles_for(request.user)
    context = {"may_create_forum": access.may_create_forum(request.user)}
    if roles.is_member:
        schools = schools_for(request.user)
        context.update(whats_next(request.user),
                       my_schools=schools.filter(id__in=roles.school_ids),
                       led_schools=schools.filter(id__in=roles.led_school_ids),
                       district_schools=schools if roles.reads_district else None)
    return render(request, "forums/home.html", context)
