from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from successes import actions
from successes.forms import SpotlightForm
from successes.models import Spotlight


@login_required
def spotlight_create(request: HttpRequest) -> HttpResponse:
    form = SpotlightForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        spotlight = actions.spotlight_colleague(noticed_by=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you! %(name)s is invited to tell the story.")
                         % {"name": spotlight.colleague})
        return redirect("home")
    return render(request, "successes/spotlight_form.html", {"form": form})


@login_required
@require_POST
def spotlight_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    spotlight = get_object_or_404(Spotlight, pk=pk, colleague=request.user)
    actions.dismiss_spotlight(spotlight=spotlight)
    return redirect("home")
