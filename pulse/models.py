"""The culture pulse: a district's statements, its surveys, and the answers - kept only as
counts.

Anonymous by construction. An answer is never stored as a row of its own: submitting adds one
to a `Tally` (survey, school, statement, value -> how many) and to the school's `Turnout`, in
the same transaction that records `Answered` (survey, person), which is kept only to stop a
second answer and to remind only those who have not answered. No counted row names a person,
a session or a moment, and counts have no order, so neither a page, an export nor any
ordinary query can tell who answered what.

What remains, honestly: someone who can read the database files themselves at the moment of a
submission - Postgres's transaction ids on row versions (`xmin`), old row versions not yet
vacuumed, the write-ahead log or a backup taken right then - could match a person's
`Answered` row to the counts the same transaction raised, for the last submission that touched
each count. And at a school where few people answered, counts alone could tell: results per
school are shown only from five answers up (pulse.results), and only once the survey closed.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from schools.access import roles_for
from schools.models import District, School, User


def district_today(district: District) -> date:
    """Today on the district's clock: the days a survey runs are its days."""
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(district.time_zone)).date()


class Agreement(models.IntegerChoices):
    """The scale every statement is answered on."""

    STRONGLY_DISAGREE = 1, pgettext_lazy("agreement scale", "Strongly disagree")
    DISAGREE = 2, pgettext_lazy("agreement scale", "Disagree")
    NEITHER = 3, pgettext_lazy("agreement scale", "Neither agree nor disagree")
    AGREE = 4, pgettext_lazy("agreement scale", "Agree")
    STRONGLY_AGREE = 5, pgettext_lazy("agreement scale", "Strongly agree")


AGREEING = (Agreement.AGREE, Agreement.STRONGLY_AGREE)


class StatementQuerySet(models.QuerySet):
    def active(self) -> StatementQuerySet:
        return self.filter(is_active=True)

    def asked_by(self, day: date) -> StatementQuerySet:
        """Statements a survey that had opened by `day` included: their wording is fixed."""
        return self.filter(surveys__opens_on__lte=day).distinct()


class Statement(models.Model):
    """One statement staff rate their agreement with, kept across years so that surveys a
    year apart compare the same thing. Its wording may change only until a survey that asks
    it opens; after that it is retired and a new one is added (pulse.actions)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE,
                                 related_name="pulse_statements")
    text = models.CharField(_("statement"), max_length=300)
    area = models.CharField(_("area"), max_length=80, blank=True,
                            help_text=_("A heading that groups statements, such as "
                                        "“Collaboration” or “Well-being”."))
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["area", "id"]

    def __str__(self) -> str:
        return self.text


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> SurveyQuerySet:
        """Every person of a district sees its surveys (their existence and dates, not their
        results: pulse.access decides those); nobody sees another district's."""
        roles = roles_for(user)
        if roles.district is None:
            return self.none()
        return self.filter(district=roles.district)


class Survey(models.Model):
    """A period during which the district's staff answer the statements active when it was
    created. It is open from the first day (`opens_on`, 00:00 in the district's time zone)
    to the end of the last (`closes_on`), or until a leader closes it early (`closed_at`)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE,
                                 related_name="pulse_surveys")
    title = models.CharField(_("title"), max_length=120)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("last day"))
    closed_at = models.DateTimeField(_("closed early"), null=True, blank=True)
    statements = models.ManyToManyField(Statement, related_name="surveys")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")),
                                              name="pulse_survey_closes_after_opening")]

    def __str__(self) -> str:
        return self.title

    def _local(self, day: date) -> datetime:
        return datetime.combine(day, time(0, 0),
                                tzinfo=zoneinfo.ZoneInfo(self.district.time_zone))

    @property
    def opens_at(self) -> datetime:
        return self._local(self.opens_on)

    @property
    def closes_at(self) -> datetime:
        """The end of its last day in the district, or the moment it was closed early."""
        end = self._local(self.closes_on + timedelta(days=1))
        return min(end, self.closed_at) if self.closed_at else end

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    def has_opened(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.opens_at


class Answered(models.Model):
    """That a person answered a survey - nothing about what, where or when. It stops a second
    answer and keeps the reminder from those who answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answered")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "user"],
                                               name="pulse_answered_once")]

    def __str__(self) -> str:
        return f"Person {self.user_id} answered survey {self.survey_id}"


class Tally(models.Model):
    """How many people of one school gave one value to one statement in one survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tallies")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    statement = models.ForeignKey(Statement, on_delete=models.RESTRICT, related_name="tallies")
    value = models.PositiveSmallIntegerField(choices=Agreement.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "school", "statement", "value"],
                                    name="pulse_tally_unique"),
            models.CheckConstraint(condition=Q(value__gte=1) & Q(value__lte=5),
                                   name="pulse_tally_value_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.count} x {self.value} (statement {self.statement_id})"


class Turnout(models.Model):
    """How many people of one school answered a survey: what small-count suppression reads."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="turnouts")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    answers = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "school"],
                                               name="pulse_turnout_unique")]

    def __str__(self) -> str:
        return f"{self.answers} answers (school {self.school_id})"
