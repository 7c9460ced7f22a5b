import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schools.access import roles_for
from successes import access, actions
from successes.forms import AttachmentForm, StoryFilterForm, StoryForm
from successes.listing import story_page
from successes.models import (
    Spotlight,
    StoryDraft,
    SuccessStory,
    Theme,
    TryIntent,
)

PAGE_SIZE = 25
MULTIPLE_FIELDS = {"themes", "evidence_kinds"}


def require_member(request: HttpRequest) -> None:
    """Stories belong to a district: people without a role there have none to read or write."""
    if not roles_for(request.user).is_member:
        raise Http404


@login_required
def story_list(request: HttpRequest) -> HttpResponse:
    require_member(request)
    filters = StoryFilterForm(request.GET, user=request.user)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    page = story_page(request.user, cleaned, request.GET.get("page"), PAGE_SIZE)
    context = {"filters": filters, "page": page, "scope": cleaned.get("scope") or "district",
               "searching": bool(cleaned.get("q")), "words": (cleaned.get("q") or "").strip()}
    template = "successes/story_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


@login_required
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = access.get_story_for(request.user, pk, SuccessStory.objects.select_related(
        "author", "school", "grew_from", "network").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("id", "name")), "attachments"))
    is_author = story.author_id == request.user.pk
    grown = (SuccessStory.objects.visible_to(request.user).filter(grew_from=story)
             .select_related("author", "school").only(
                 "id", "title", "show_name", "grade_band", "subject", "author__name",
                 "author__email", "author__departed_at", "school__name", "school_id",
                 "author_id")[:20])
    context = {"story": story, "is_author": is_author, "grown": grown,
               "grew_from_visible": story.grew_from_id and SuccessStory.objects.visible_to(
                   request.user).filter(pk=story.grew_from_id).exists()}
    if is_author:
        context["try_intents"] = TryIntent.objects.filter(story=story).select_related("user")
        context["attachment_form"] = AttachmentForm()
    else:
        context["wants_to_try"] = TryIntent.objects.filter(story=story,
                                                           user=request.user).exists()
    return render(request, "successes/story_detail.html", context)


def _draft_for(user, story) -> StoryDraft | None:
    draft = StoryDraft.objects.filter(author=user, story=story).first()
    if draft and story is not None and draft.updated_at < story.updated_at:
        return None  # older than the saved story: nothing unsaved
    return draft


def _story_form_page(request: HttpRequest, story: SuccessStory | None) -> HttpResponse:
    """The create and edit form: restores an unsaved draft, keeps everything on errors."""
    spotlight = None
    if story is None and request.GET.get("spotlight", "").isdigit():
        spotlight = Spotlight.objects.filter(pk=request.GET["spotlight"],
                                             colleague=request.user).first()
    form_token = _form_token(request)
    if request.method == "POST":
        form = StoryForm(request.POST, instance=story, user=request.user)
        if form.is_valid():
            data = dict(form.cleaned_data)
            themes = list(data.pop("themes"))
            spotlight = Spotlight.objects.filter(pk=request.POST.get("spotlight") or 0,
                                                 colleague=request.user).first()
            with transaction.atomic():
                saved = actions.save_story(author=request.user, story=story, data=data,
                                           themes=themes, spotlight=spotlight,
                                           form_token=form_token)
            messages.success(request, _("Your story is saved."))
            return redirect("successes:detail", pk=saved.pk)
        draft = None
    else:
        draft = _draft_for(request.user, story)
        if draft is not None:
            initial = _initial_from_draft(draft.data)
        else:
            initial = _initial_for_new(request, spotlight) if story is None else {}
        form = StoryForm(instance=story, user=request.user, initial=initial)
    saved_at = max(filter(None, [story.updated_at if story else None,
                                 draft.updated_at if draft else None]), default=None)
    return render(request, "successes/story_form.html", {
        "form": form, "story": story, "draft": draft, "spotlight": spotlight,
        "form_token": form_token,
        "saved_at_ms": int(saved_at.timestamp() * 1000) if saved_at else 0})


def _form_token(request: HttpRequest) -> str:
    """The form page's own token: new for each page opened, kept while its input is
    corrected (successes.actions.autosave_draft refuses its autosaves once it is saved)."""
    posted = request.POST.get("form_token", "")
    if request.method == "POST" and len(posted) == 32 and posted.isalnum():
        return posted
    return secrets.token_hex(16)


def _initial_from_draft(data: dict) -> dict:
    """Form values from a draft, shown as typed (no errors: a draft is unfinished)."""
    initial = {key: values if key in MULTIPLE_FIELDS else (values[0] if values else "")
               for key, values in data.items()}
    initial["show_name"] = "show_name" in data
    return initial


def _initial_for_new(request: HttpRequest, spotlight: Spotlight | None) -> dict:
    initial = {"happened_on": timezone.localdate()}
    grew_from = request.GET.get("grew_from", "")
    if grew_from.isdigit():
        initial["grew_from"] = int(grew_from)
    if spotlight is not None:
        initial["what_went_right"] = spotlight.note
    return initial


@login_required
def story_create(request: HttpRequest) -> HttpResponse:
    require_member(request)
    return _story_form_page(request, None)


@login_required
def story_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _story_form_page(request, access.get_own_story(request.user, pk))


@login_required
@require_POST
def autosave(request: HttpRequest) -> HttpResponse:
    """Keeps what is typed while the person types; answers with the save status line."""
    require_member(request)
    story_id = request.POST.get("story_id", "")
    story = access.get_own_story(request.user, int(story_id)) if story_id.isdigit() else None
    data = {key: request.POST.getlist(key) for key in request.POST
            if key not in ("csrfmiddlewaretoken", "story_id", "spotlight", "form_token")}
    draft = actions.autosave_draft(author=request.user, story=story, data=data,
                                   form_token=request.POST.get("form_token", ""))
    return render(request, "successes/story_form.html#save_status",
                  {"draft": draft, "saved": draft is None})


@login_required
@require_POST
def discard_draft(request: HttpRequest) -> HttpResponse:
    story_id = request.POST.get("story_id", "")
    story = access.get_own_story(request.user, int(story_id)) if story_id.isdigit() else None
    actions.discard_draft(author=request.user, story=story)
    messages.info(request, _("Your unsaved changes were discarded."))
    return redirect("successes:edit", pk=story.pk) if story else redirect("successes:create")


@login_required
@require_POST
def story_delete(request: HttpRequest, pk: int) -> HttpResponse:
    story = access.get_own_story(request.user, pk)
    actions.delete_story(story=story)
    messages.success(request, _("“%(title)s” was moved to your trash. You can restore it for "
                                "30 days.") % {"title": story.title})
    return redirect("successes:trash")


@login_required
def trash(request: HttpRequest) -> HttpResponse:
    stories = (SuccessStory.objects.filter(author=request.user, deleted_at__isnull=False)
               .only("id", "title", "deleted_at").order_by("-deleted_at"))
    return render(request, "successes/trash.html",
                  {"stories": stories, "trash_days": actions.TRASH_DAYS})


@login_required
@require_POST
def story_restore(request: HttpRequest, pk: int) -> HttpResponse:
    story = access.get_own_story(request.user, pk, include_deleted=True)
    actions.restore_story(story=story)
    messages.success(request, _("“%(title)s” is back.") % {"title": story.title})
    return redirect("successes:detail", pk=story.pk)


@login_required
@require_POST
def try_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    story = access.get_story_for(request.user, pk)
    if request.POST.get("want") == "0":
        actions.no_longer_want_to_try(story=story, user=request.user)
    else:
        actions.want_to_try(story=story, user=request.user)
    if request.htmx:
        wants = TryIntent.objects.filter(story=story, user=request.user).exists()
        return render(request, "successes/story_detail.html#try_button",
                      {"story": story, "wants_to_try": wants})
    return redirect("successes:detail", pk=story.pk)


@login_required
def to_try(request: HttpRequest) -> HttpResponse:
    visible = SuccessStory.objects.visible_to(request.user)
    intents = (TryIntent.objects.filter(user=request.user, story__in=visible)
               .select_related("story", "story__author", "story__school"))
    return render(request, "successes/to_try.html", {"intents": intents})
