"""What `pulse` holds about a person, for their copy of it and for their departure (the
protocol is in schools.privacy): only which surveys they answered. What they answered is not
theirs to download because it was never kept with them: it is in counts that no one can take
apart (pulse.models), and those counts stay when they leave."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from pulse.models import Answered
from schools.models import User
from schools.privacy import Consequence, Departure, Section


def export(person: User) -> list[Section]:
    answered = (Answered.objects.filter(user=person).select_related("survey__district")
                .order_by("survey__opens_on", "id"))
    return [Section("culture_pulse_answered", [{
        "district": a.survey.district.name, "survey": a.survey.title,
        "answers": _("Only counted, never kept with your name")} for a in answered])]


def departure_plan(departure: Departure) -> list[Consequence]:
    return []  # that they answered goes; nothing worth counting for the admin


@transaction.atomic
def depart(departure: Departure) -> None:
    Answered.objects.filter(user=departure.person,
                            survey__district=departure.district).delete()
