"""The district's themes, kept by its admins: the list with the form to add one, a theme's
page (rename, describe, retire or restore, merge into another)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schools.access import require_district_admin
from successes import access, themes
from successes.theme_forms import MergeForm, ThemeForm


@login_required
def theme_list(request: HttpRequest) -> HttpResponse:
    district = require_district_admin(request.user).district
    form = ThemeForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        theme = themes.add_theme(district=district, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(theme)s was added.") % {"theme": theme.name})
        return redirect("successes:themes")
    return render(request, "successes/themes.html", {
        "form": form,
        "themes": access.themes_managed_by(request.user).order_by("-is_active", "name")})


@login_required
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = access.get_theme_for_admin(request.user, pk)
    form = ThemeForm(request.POST or None, district=theme.district, theme=theme,
                     initial={"name": theme.name, "description": theme.description})
    if request.method == "POST" and form.is_valid():
        themes.change_theme(theme=theme, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(theme)s was saved.") % {"theme": theme.name})
        return redirect("successes:themes")
    return render(request, "successes/theme_edit.html", {
        "theme": theme, "form": form, "merge": MergeForm(themes=_others(request, theme))})


@login_required
@require_POST
def theme_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    theme = access.get_theme_for_admin(request.user, pk)
    active = request.POST.get("active") == "1"
    themes.set_theme_active(theme=theme, active=active, by=request.user)
    if active:
        messages.success(request, _("%(theme)s is back in use.") % {"theme": theme.name})
    else:
        messages.success(request, _("%(theme)s was retired: it stays on what it tags, and is no "
                                    "longer offered.") % {"theme": theme.name})
    return redirect("successes:themes")


@login_required
def theme_merge(request: HttpRequest, pk: int) -> HttpResponse:
    theme = access.get_theme_for_admin(request.user, pk)
    form = MergeForm(request.POST or None, themes=_others(request, theme))
    if request.method == "POST" and form.is_valid():
        into = themes.merge_themes(theme=theme, into=form.cleaned_data["into"], by=request.user)
        messages.success(request, _("%(theme)s was merged into %(into)s.")
                         % {"theme": theme.name, "into": into.name})
        return redirect("successes:themes")
    return render(request, "successes/theme_merge.html", {"theme": theme, "form": form})


def _others(request: HttpRequest, theme):
    return access.themes_managed_by(request.user).exclude(pk=theme.pk).order_by("name")
