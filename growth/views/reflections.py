"""Know yourself as a learner: three prompts, kept privately, which can become the start of a
success story with one click."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from growth import access, actions
from growth.forms import ReflectionForm
from growth.models import Reflection


@login_required
def reflection_create(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    return _reflection_page(request, None)


@login_required
def reflection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _reflection_page(request, access.get_own_reflection(request.user, pk))


def _reflection_page(request: HttpRequest, reflection: Reflection | None) -> HttpResponse:
    form = ReflectionForm(request.POST or None, instance=reflection)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_reflection(owner=request.user,
                                        district=access.require_member(request.user).district,
                                        reflection=reflection, **form.cleaned_data)
        messages.success(request, _("Your reflection is saved. Only you can read it."))
        return redirect("growth:reflection", pk=saved.pk)
    return render(request, "growth/reflection_form.html", {"form": form,
                                                           "reflection": reflection})


@login_required
@require_POST
def reflection_to_story(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = access.get_own_reflection(request.user, pk)
    if actions.start_story_from_reflection(reflection=reflection):
        messages.info(request, _("Your reflection is in a new story, not saved yet: finish "
                                 "it, choose who may see it, and save it."))
    else:
        messages.warning(request, _("You have a story you have not saved yet: save or discard "
                                    "it first, then turn your reflection into a story."))
    return redirect("successes:create")


@login_required
@require_POST
def reflection_delete(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = access.get_own_reflection(request.user, pk)
    actions.delete_reflection(reflection=reflection)
    messages.success(request, _("The reflection was deleted."))
    return redirect("growth:home")
