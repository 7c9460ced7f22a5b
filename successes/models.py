from collections.abc import Mapping

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

from networks.access import in_network, network_ids_of
from networks.models import Network
from schools.access import roles_for
from schools.models import District, School, User

SEARCH_CONFIG = "english"


class Theme(models.Model):
    """A district's focus area (feedback, attendance, belonging...)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("district", Lower("name"), name="theme_name_per_district"),
        ]

    def __str__(self) -> str:
        return self.name


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    SCHOOL = "school", _("My school")
    DISTRICT = "district", _("My district")
    NETWORK = "network", _("My network")


# The levels every reader of the story's district sees ("my network" is wider than, and so
# includes, "my district").
DISTRICT_WIDE = (Visibility.DISTRICT, Visibility.NETWORK)


class GradeBand(models.TextChoices):
    EARLY = "prek-k", _("Pre-K and K")
    LOWER = "1-2", _("Grades 1-2")
    UPPER_ELEMENTARY = "3-5", _("Grades 3-5")
    MIDDLE = "6-8", _("Grades 6-8")
    HIGH = "9-12", _("Grades 9-12")
    SCHOOLWIDE = "all", _("Whole school")


class EvidenceKind(models.TextChoices):
    STUDENT_LEARNING = "student_learning", _("Student learning")
    PERCEPTIONS = "perceptions", _("Perceptions (students, staff, families)")
    SCHOOL_PROCESSES = "school_processes", _("School processes")
    DEMOGRAPHIC = "demographic", _("Demographic")


class SuccessStoryQuerySet(models.QuerySet):
    def alive(self) -> "SuccessStoryQuerySet":
        return self.filter(deleted_at__isnull=True)

    def visible_to(self, user: User) -> "SuccessStoryQuerySet":
        """The only way to list a district's stories: the author's choice of visibility, within
        the district the reader acts in (a story shared with the network is also the
        district's). Other districts' stories are never here: see `shared_with_network_of`.

        A private story is seen by its author alone - not by leaders or admins.
        """
        roles = roles_for(user)
        if roles.district is None:
            return self.none()
        return self.alive().filter(district=roles.district).filter(
            Q(author=user)
            | Q(visibility__in=DISTRICT_WIDE)
            | Q(visibility=Visibility.SCHOOL, school_id__in=roles.school_ids)
        )

    def shared_with_network_of(self, user: User) -> "SuccessStoryQuerySet":
        """Stories other districts' authors shared with a network the reader's district is in,
        while both districts are in it (leaving ends it at once, both ways)."""
        network_ids = network_ids_of(user)
        if not network_ids:
            return self.none()
        roles = roles_for(user)
        return (self.alive().filter(visibility=Visibility.NETWORK, network_id__in=network_ids)
                .exclude(district=roles.district).filter(in_network()))

    def readable_by(self, user: User) -> "SuccessStoryQuerySet":
        """Every story the person may open: their district's (`visible_to`) and the ones
        shared with their network (`shared_with_network_of`)."""
        if not network_ids_of(user):
            return self.visible_to(user)
        return self.visible_to(user) | self.shared_with_network_of(user)

    def matching(self, filters: Mapping) -> "SuccessStoryQuerySet":
        """Stories that match a filter form's choices (successes.forms.StoryFilters): theme,
        grade band, subject (in any case), school, kind of evidence, and when it happened
        (since, until). A choice left empty matches every story; `grade_bands`, a list, stands
        for the grade band when given (the knowledge bank reads bands from words)."""
        stories = self
        if filters.get("theme"):
            stories = stories.filter(themes=filters["theme"])
        bands = filters.get("grade_bands") or ([filters["grade"]] if filters.get("grade")
                                                else [])
        if bands:
            stories = stories.filter(grade_band__in=bands)
        if (filters.get("subject") or "").strip():
            stories = stories.filter(subject__iexact=filters["subject"].strip())
        if filters.get("school"):
            stories = stories.filter(school=filters["school"])
        if filters.get("evidence"):
            stories = stories.filter(evidence_kinds__contains=[filters["evidence"]])
        if filters.get("since"):
            stories = stories.filter(happened_on__gte=filters["since"])
        if filters.get("until"):
            stories = stories.filter(happened_on__lte=filters["until"])
        return stories


class SuccessStory(models.Model):
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="stories")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="stories")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="stories")
    title = models.CharField(_("title"), max_length=200)
    before = models.TextField(_("the situation before"), blank=True)
    what_went_right = models.TextField(_("what went right, and how we know"))
    actions = models.TextField(_("what I did"), blank=True,
                               help_text=_("One step per line, in order."))
    conditions = models.TextField(_("what helped"), blank=True)
    why_it_worked = models.TextField(_("why I think it worked"), blank=True)
    happened_on = models.DateField(_("when it happened"), null=True, blank=True)
    grade_band = models.CharField(_("grade band"), max_length=10, choices=GradeBand.choices,
                                  blank=True)
    subject = models.CharField(_("subject"), max_length=80, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="stories",
                                    verbose_name=_("themes"))
    free_tags = ArrayField(models.CharField(max_length=40), default=list, blank=True,
                           verbose_name=_("other tags"))
    evidence_kinds = ArrayField(models.CharField(max_length=20, choices=EvidenceKind.choices),
                                default=list, blank=True, verbose_name=_("evidence"))
    visibility = models.CharField(_("who may see it"), max_length=10,
                                  choices=Visibility.choices, default=Visibility.PRIVATE)
    # The network a "my network" story is shared with (its author's choice; empty otherwise).
    network = models.ForeignKey(Network, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="stories", verbose_name=_("network"))
    show_name = models.BooleanField(_("show my name to other schools"), default=True)
    grew_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="grown", verbose_name=_("grew from"))
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("what_went_right", "actions", weight="B", config=SEARCH_CONFIG)
        + SearchVector("before", "conditions", "why_it_worked", "subject", weight="C",
                       config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # The form page it was last saved from: that page's autosaves still on their way when it
    # was saved are refused, so none writes the saved text back as a draft
    # (successes.actions.autosave_draft).
    form_token = models.CharField(max_length=32, blank=True, editable=False)

    objects = SuccessStoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "success stories"
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="story_search_gin"),
            models.Index(fields=["district", "visibility", "-created_at"],
                         name="story_district_recent",
                         condition=Q(deleted_at__isnull=True)),
            models.Index(fields=["school", "visibility", "-created_at"],
                         name="story_school_recent", condition=Q(deleted_at__isnull=True)),
            models.Index(fields=["author", "-created_at"], name="story_author_recent"),
            models.Index(fields=["deleted_at"], name="story_in_trash",
                         condition=Q(deleted_at__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def evidence_labels(self) -> list[str]:
        return [str(EvidenceKind(kind).label) for kind in self.evidence_kinds
                if kind in EvidenceKind.values]

    @property
    def action_steps(self) -> list[str]:
        return [line.strip(" -*\t") for line in self.actions.splitlines() if line.strip(" -*\t")]


class VisibilityChange(models.Model):
    """Each change of who may see a story, kept for the author's record."""

    story = models.ForeignKey(SuccessStory, on_delete=models.CASCADE,
                              related_name="visibility_changes")
    old = models.CharField(max_length=10, choices=Visibility.choices)
    new = models.CharField(max_length=10, choices=Visibility.choices)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"Story {self.story_id}: {self.old} -> {self.new}"


class StoryDraft(models.Model):
    """What the author typed but has not saved yet, kept while they type (autosave).

    Kept apart from the story so half-typed text never shows in lists or search. One draft per
    author for a new story (story is null) and one per story being edited.
    """

    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="story_drafts")
    story = models.ForeignKey(SuccessStory, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="drafts")
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["author", "story"], nulls_distinct=False,
                                    name="one_draft_per_story"),
        ]

    def __str__(self) -> str:
        return f"Draft of story {self.story_id or '(new)'} by person {self.author_id}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"stories/{instance.story.district_id}/{instance.story_id}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        PDF = "pdf", _("PDF")

    story = models.ForeignKey(SuccessStory, on_delete=models.CASCADE,
                              related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    # The only types ever stored; content_type is set from the detected content, never the upload.
    EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png",
                  "image/webp": "webp"}

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def file_name(self) -> str:
        """The name stored and served: a slug of the uploaded name, with the extension of the
        detected type (a PDF uploaded as `invoice.html` becomes `invoice.pdf`)."""
        base = self.original_name.replace("\\", "/").rsplit("/", 1)[-1]
        stem = base.rsplit(".", 1)[0].replace(".", " ")
        slug = slugify(stem, allow_unicode=True)[:80].strip("-_") or "file"
        return f"{slug}.{self.EXTENSIONS.get(self.content_type, 'bin')}"


class TryIntent(models.Model):
    """A colleague pressed "I want to try this"."""

    story = models.ForeignKey(SuccessStory, on_delete=models.CASCADE, related_name="try_intents")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="try_intents")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["story", "user"], name="one_try_intent")]

    def __str__(self) -> str:
        return f"Person {self.user_id} wants to try story {self.story_id}"


class Spotlight(models.Model):
    """"I saw something great in your class": an invitation to a colleague to log a story."""

    noticed_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    colleague = models.ForeignKey(User, on_delete=models.CASCADE, related_name="spotlights")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("what you noticed"), max_length=2000)
    story = models.ForeignKey(SuccessStory, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="spotlights")
    created_at = models.DateTimeField(auto_now_add=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return Truncator(self.note).chars(60)
