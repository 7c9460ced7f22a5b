"""Stop / Continue / Start rounds: a question asked of a school, a forum or the district, the
items staff add to its three columns, and the groups its leader sorts them into.

What is stored about who wrote what is the least the round needs: an item keeps its author
(`signed_by`) only when they chose to sign it; an anonymous item keeps no author and no time,
so nobody - not the leader, not an admin, not the database - can tie it to a person.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forums.models import Forum
from schools.models import District, School, User


class Scope(models.TextChoices):
    SCHOOL = "school", pgettext_lazy("round scope", "A school")
    FORUM = "forum", pgettext_lazy("round scope", "A forum")
    DISTRICT = "district", pgettext_lazy("round scope", "The whole district")


class Column(models.TextChoices):
    STOP = "stop", pgettext_lazy("round column", "Stop")
    CONTINUE = "continue", pgettext_lazy("round column", "Continue")
    START = "start", pgettext_lazy("round column", "Start")


class Round(models.Model):
    """Open until `closes_at`: the end of its closing day in the district's time zone (or the
    moment its leader closed it early)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="rounds")
    scope = models.CharField(_("asked of"), max_length=10, choices=Scope.choices)
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="rounds")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="rounds")
    question = models.CharField(_("question"), max_length=300)
    closes_on = models.DateField(_("closing date"))
    closes_at = models.DateTimeField()
    opened_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True,
                                  related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        constraints = [models.CheckConstraint(
            condition=(Q(scope="school", school__isnull=False, forum__isnull=True)
                       | Q(scope="forum", forum__isnull=False, school__isnull=True)
                       | Q(scope="district", school__isnull=True, forum__isnull=True)),
            name="round_scope_matches_place")]
        indexes = [models.Index(fields=["district", "-opened_at"])]

    def __str__(self) -> str:
        return self.question

    def is_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.closes_at

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def place(self) -> str:
        """Whom it was asked of, by name."""
        if self.scope == Scope.SCHOOL:
            return self.school.name
        if self.scope == Scope.FORUM:
            return self.forum.name
        return self.district.name


class RoundGroup(models.Model):
    """Similar items of one column, under a short label the leader gives them."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="groups")
    column = models.CharField(max_length=10, choices=Column.choices)
    label = models.CharField(_("label"), max_length=120)

    class Meta:
        ordering = ["label", "id"]

    def __str__(self) -> str:
        return self.label


class RoundItem(models.Model):
    """One thing to stop, continue or start. No author unless signed, and no time at all
    (see the module's docstring); `merged_into` folds a duplicate into the item it repeats,
    which then counts it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="items")
    column = models.CharField(_("column"), max_length=10, choices=Column.choices)
    text = models.TextField(_("item"), max_length=500)
    signed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    group = models.ForeignKey(RoundGroup, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="items")
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="duplicates")

    class Meta:
        # By text, not by when they came: the order of a wall says nothing about who wrote.
        ordering = ["text", "id"]
        indexes = [models.Index(fields=["round", "column"])]

    def __str__(self) -> str:
        return self.text[:60]
