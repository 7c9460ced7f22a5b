from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from schools.models import District


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
