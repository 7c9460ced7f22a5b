"""Figures of the district digest worked out ahead of reading (learning.figures): what is the
same for every reader of a whole district, per district and day (in the district's time zone),
so a digest of any period, theme or school adds up a few rows instead of counting sessions and
tries again. Built by a Celery task; the days from `FiguresState.complete_until` on are
counted live when read."""

from django.db import models

from schools.models import District


class FiguresState(models.Model):
    """How far a district's figures go: every day before `complete_until` is in the tables,
    as counted at `refreshed_at` (the digest's "as of")."""

    district = models.OneToOneField(District, on_delete=models.CASCADE,
                                    related_name="digest_figures")
    complete_until = models.DateField()
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Figures of district {self.district_id} until {self.complete_until}"


class ActivityFigure(models.Model):
    """Sessions closed in forums at a school (none: a collective), and tries reported by people
    of a school, on one day, by the focus theme of their cycle."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    school_id = models.IntegerField(null=True)
    theme_id = models.IntegerField(null=True)
    sessions = models.PositiveIntegerField(default=0)
    tries = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["district", "day"], name="activity_figure_day")]

    def __str__(self) -> str:
        return f"Activity of school {self.school_id} on {self.day}"


class SpreadFigure(models.Model):
    """Tries of one story reported on one day by people of another school than the story's,
    with the stories those tries grew into."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    story_id = models.IntegerField()
    tried_school_id = models.IntegerField()
    tries = models.PositiveIntegerField(default=0)
    new_story_ids = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["district", "day"], name="spread_figure_day")]

    def __str__(self) -> str:
        return f"Story {self.story_id} tried at school {self.tried_school_id} on {self.day}"
