"""A person's showcase (what they can share with peers of their network) and the connection
requests colleagues send them.

A showcase belongs to its owner and is published from the district they act in; colleagues
of the networks that district is in find it only while its owner lets them (`findable`, off
by default) - who may find what is showcase.access. A connection request introduces two
people by e-mail once the recipient accepts; their addresses are shared only then.
"""

from collections.abc import Mapping

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import CharField, Exists, F, Func, OuterRef, Q, Value
from django.db.models.functions import Concat, Lower
from django.utils.translation import gettext_lazy as _

from schools.models import District, User
from successes.models import GradeBand, SuccessStory, Theme

# "|science|social studies|": a subject matches in any case, as a whole.
SUBJECT_KEYS = Concat(Value("|"), Lower(Func(F("subjects"), Value("|"),
                                             function="array_to_string",
                                             output_field=CharField())),
                      Value("|"), output_field=CharField())
WORDS_MATCHED = 8


class ShowcaseQuerySet(models.QuerySet):
    def matching(self, filters: Mapping) -> "ShowcaseQuerySet":
        """Showcases that match a search (showcase.forms.FindForm): a theme by name (each
        district has its own themes), a grade band, a subject in any case, and every word in
        what they offer, its key ideas or subjects. An empty choice matches every showcase."""
        showcases = self
        if filters.get("theme"):
            showcases = showcases.filter(Exists(Theme.objects.filter(
                showcases=OuterRef("pk"), name__iexact=filters["theme"])))
        if filters.get("grade"):
            showcases = showcases.filter(grade_bands__contains=[filters["grade"]])
        subject = (filters.get("subject") or "").strip().lower()
        words = (filters.get("q") or "").split()[:WORDS_MATCHED]
        if subject or words:
            showcases = showcases.annotate(subject_keys=SUBJECT_KEYS)
        if subject:
            showcases = showcases.filter(subject_keys__contains=f"|{subject}|")
        for word in words:
            showcases = showcases.filter(Q(offer__icontains=word) | Q(key_ideas__icontains=word)
                                         | Q(subject_keys__icontains=word))
        return showcases


class Showcase(models.Model):
    """One per person: a competency or practice they can share, its key ideas, what it is
    about, and their own stories shared with a network."""

    owner = models.OneToOneField(User, on_delete=models.CASCADE, related_name="showcase")
    # The district it was last saved from: its networks are where it can be found.
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="showcases")
    offer = models.CharField(_("what I can share"), max_length=200)
    key_ideas = models.TextField(_("key ideas"), max_length=1500, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="showcases",
                                    verbose_name=_("themes"))
    grade_bands = ArrayField(models.CharField(max_length=10, choices=GradeBand.choices),
                             default=list, blank=True, verbose_name=_("grade bands"))
    subjects = ArrayField(models.CharField(max_length=80), default=list, blank=True,
                          verbose_name=_("subjects"))
    stories = models.ManyToManyField(SuccessStory, blank=True, related_name="showcases",
                                     verbose_name=_("linked stories"))
    findable = models.BooleanField(
        _("Let colleagues in my network find me and ask to connect"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShowcaseQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["district"], name="showcase_findable",
                                condition=Q(findable=True))]

    def __str__(self) -> str:
        return self.offer

    @property
    def grade_band_labels(self) -> list[str]:
        return [str(GradeBand(band).label) for band in self.grade_bands
                if band in GradeBand.values]


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConnectionRequest(models.Model):
    """A colleague asks a showcase's owner to connect, with a short message. One pending
    request per pair of people; the recipient accepts (both are introduced by e-mail) or
    declines; the sender may withdraw while it waits, and either may end it once accepted."""

    sender = models.ForeignKey(User, on_delete=models.CASCADE,
                               related_name="connection_requests_sent")
    recipient = models.ForeignKey(User, on_delete=models.CASCADE,
                                  related_name="connection_requests_received")
    # The districts each acted in: the request stands while they share a network.
    sender_district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    recipient_district = models.ForeignKey(District, on_delete=models.CASCADE,
                                           related_name="+")
    showcase = models.ForeignKey(Showcase, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="requests")
    offer = models.CharField(max_length=200)  # what was asked about, kept if unpublished
    message = models.TextField(_("message"), max_length=1000)
    status = models.CharField(max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "recipient"],
                                    condition=Q(status="pending"),
                                    name="one_pending_connection_request"),
            models.CheckConstraint(condition=~Q(sender=models.F("recipient")),
                                   name="connection_request_not_to_self"),
        ]
        indexes = [models.Index(fields=["sender", "-created_at"], name="connection_sent_recent")]

    def __str__(self) -> str:
        return f"{self.sender} asks {self.recipient} to connect"

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING

    @property
    def is_accepted(self) -> bool:
        return self.status == RequestStatus.ACCEPTED


class ConnectionBlock(models.Model):
    """The blocker receives no more requests from that person, who no longer finds their
    showcase."""

    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"],
                                               name="connection_block_once")]

    def __str__(self) -> str:
        return f"{self.blocker} blocked {self.blocked}"
