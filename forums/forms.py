"""Forms for forums, members, cycles, scheduling and choosing the story.

Session times are typed in the forum's own time zone and stored in UTC (see `to_utc`).
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from forums import access, queries
from forums.models import Circle, Cycle, Forum, ForumRole, ProtocolKind, ProtocolTemplate
from forums.protocols import localized
from forums.stories import eligible_stories
from lib.widgets import DateInput, TimeInput
from schools.models import Role, User
from successes.models import SuccessStory, Theme


def active_themes(district_id: int) -> QuerySet[Theme]:
    return Theme.objects.filter(district_id=district_id, is_active=True)


class ForumForm(forms.Form):
    """School leaders open forums in the schools they lead; district leaders open collectives
    (no school). Someone who is both chooses."""

    name = forms.CharField(label=_("Name"), max_length=150,
                           help_text=_("For example: Grade 6 team, or Feedback collective."))
    description = forms.CharField(label=_("What is this forum for?"), required=False,
                                  max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    focus_theme = forms.ModelChoiceField(label=_("Focus theme"), queryset=Theme.objects.none(),
                                         required=False, empty_label=_("- no focus yet -"))
    school = forms.ModelChoiceField(label=_("School"), queryset=None, required=False)

    def __init__(self, *args, user: User, district_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["focus_theme"].queryset = active_themes(district_id)
        school = self.fields["school"]
        school.queryset = access.creatable_forum_schools(user)
        if access.may_create_collective(user):
            school.empty_label = _("None: a collective across the district's schools")
            if not school.queryset.exists():
                del self.fields["school"]  # collectives only: nothing to choose
        else:
            school.required, school.empty_label = True, None

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the forum a name."))
        return name

    def clean(self):
        data = super().clean()
        school = data.get("school")
        if school is None and not self.errors and not access.may_create_collective(self.user):
            self.add_error("school", _("Choose one of the schools you lead."))
        elif school is not None and not access.may_create_school_forum(self.user, school.id):
            self.add_error("school", _("You can open forums only in schools you lead."))
        data.setdefault("school", None)
        return data


class AddMembersForm(forms.Form):
    """Several people at once, into one circle with one role. Only active people of the
    forum's district are accepted, whatever ids are posted."""

    people = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), error_messages={
            "required": _("Choose at least one person."),
            "invalid_choice": _("Some of the people you chose cannot join this forum: only "
                                "active staff of this district can. Nobody was added."),
            "invalid_pk_value": _("Some of the people you chose cannot join this forum: only "
                                  "active staff of this district can. Nobody was added."),
        })
    circle = forms.ChoiceField(label=_("Circle"), choices=Circle.choices, initial=Circle.CORE)
    role = forms.ChoiceField(label=_("Role"), choices=ForumRole.choices,
                             initial=ForumRole.MEMBER)

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = queries.invitable_people(forum)


class PeopleSearchForm(forms.Form):
    """The filters of the people search on the members page (all in the URL)."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    school = forms.ModelChoiceField(label=_("School"), queryset=None, required=False,
                                    empty_label=_("All schools"))
    role = forms.ChoiceField(label=_("Role"), required=False,
                             choices=[("", _("All roles"))] + list(Role.choices))

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = forum.district.schools.all()


class MemberForm(forms.Form):
    circle = forms.ChoiceField(label=_("Circle"), choices=Circle.choices,
                               widget=forms.RadioSelect)
    role = forms.ChoiceField(label=_("Role"), choices=ForumRole.choices,
                             widget=forms.RadioSelect)


class CycleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150,
                            help_text=_("For example: Feedback that moves learning, spring term."))
    focus_theme = forms.ModelChoiceField(label=_("Focus theme"), queryset=Theme.objects.none(),
                                         required=False, empty_label=_("- the forum's focus -"))
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput(),
                              help_text=_("The cycle digest goes out after this day."))

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_theme"].queryset = active_themes(forum.district_id)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The cycle must end on or after the day it starts "
                                        "(%(day)s).") % {"day": date_format(starts_on)})
        return data


def to_utc(day: date, at: time, zone: zoneinfo.ZoneInfo) -> datetime:
    """A wall-clock time in `zone` as a UTC datetime.

    A time the clocks skip (spring forward) does not exist and is refused. A time that happens
    twice (fall back) is read as its first occurrence (fold=0), so the answer never depends
    on chance.
    """
    local = datetime.combine(day, at).replace(tzinfo=zone, fold=0)
    in_utc = local.astimezone(UTC)
    if in_utc.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise forms.ValidationError(
            _("%(time)s does not exist on %(day)s in %(zone)s: the clocks jump forward that "
              "night. Choose another time."),
            code="nonexistent_time",
            params={"time": time_format(at), "day": date_format(day), "zone": zone.key})
    return in_utc


class SessionTimeForm(forms.Form):
    """When and where: the date and time are the forum's local time."""

    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Start time"), widget=TimeInput())
    minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=10, max_value=240,
                                 initial=50)
    place = forms.CharField(label=_("Place"), max_length=200, required=False,
                            help_text=_("A room, for example: Library, room 12."))
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https",
                                max_length=200)

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.zone = queries.forum_zone(cycle.forum)
        self.fields["start"].help_text = _(
            "In the forum's time zone, %(zone)s. If the clocks go back that night and this "
            "time happens twice, the first of the two is used.") % {"zone": self.zone.key}
        for name in ("place", "online_url"):  # neither is required, but one of them is
            self.fields[name].one_of = _("place or online link, at least one")
        last_day = cycle.ended_early_on or cycle.ends_on
        self.fields["day"].help_text = _("Within the cycle: %(start)s to %(end)s.") % {
            "start": date_format(cycle.starts_on), "end": date_format(last_day)}
        self.fields["day"].widget.attrs.update(min=cycle.starts_on.isoformat(),
                                               max=last_day.isoformat())

    def clean(self):
        data = super().clean()
        day, start = data.get("day"), data.get("start")
        if day and start:
            try:
                data["starts_at"] = to_utc(day, start, self.zone)
            except forms.ValidationError as error:
                self.add_error("start", error)
            else:
                self._check_day(day, data["starts_at"])
        if not data.get("place") and not data.get("online_url") and not self.has_error(
                "online_url"):
            self.add_error("place", _("Say where you meet: a place, an online link, or both."))
        return data

    def _check_day(self, day: date, starts_at: datetime) -> None:
        last_day = self.cycle.ended_early_on or self.cycle.ends_on
        if self.cycle.ended_early_on is not None:
            self.add_error("day", _("This cycle was ended early: it takes no more sessions."))
        elif not self.cycle.starts_on <= day <= last_day:
            self.add_error("day", _("Choose a day within the cycle, %(start)s to %(end)s.") % {
                "start": date_format(self.cycle.starts_on), "end": date_format(last_day)})
        elif starts_at <= timezone.now():
            self.add_error("start", _("That time has already passed. Choose a later one."))

    def when_and_where(self) -> dict:
        data = self.cleaned_data
        return {"starts_at": data["starts_at"], "minutes": data["minutes"],
                "place": data["place"].strip(), "online_url": data["online_url"]}


class ProtocolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ProtocolTemplate) -> str:
        return _("%(name)s (%(kind)s, %(minutes)d min)") % {
            "name": localized(obj)[0], "kind": obj.get_kind_display(),
            "minutes": obj.total_minutes}


class SessionForm(SessionTimeForm):
    kind = forms.ChoiceField(label=_("Kind of session"), choices=ProtocolKind.choices,
                             initial=ProtocolKind.ANALYSIS, widget=forms.RadioSelect)
    protocol = ProtocolChoiceField(
        label=_("Protocol"), queryset=ProtocolTemplate.objects.none(), required=False,
        empty_label=_("The usual protocol for this kind of session"),
        help_text=_("The session keeps its own copy of the steps: later edits to the template "
                    "do not change it."))

    field_order = ["kind", "day", "start", "minutes", "place", "online_url", "protocol"]

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        self.fields["protocol"].queryset = queries.protocols_for_forum(cycle.forum)

    def clean(self):
        data = super().clean()
        kind, protocol = data.get("kind"), data.get("protocol")
        if kind and protocol is None:
            data["protocol"] = queries.default_protocol(self.cycle.forum, kind)
            if data["protocol"] is None:
                self.add_error("protocol", _("There is no protocol for this kind of session "
                                             "yet. Ask your district admin to add one."))
        elif kind and protocol.kind != kind:
            self.add_error("protocol", _("This protocol is for another kind of session. "
                                         "Choose one for a %(kind)s.")
                           % {"kind": ProtocolKind(kind).label.lower()})
        return data

    def schedule_kwargs(self) -> dict:
        return {**self.when_and_where(), "kind": self.cleaned_data["kind"],
                "protocol": self.cleaned_data["protocol"]}


class StoryChoiceForm(forms.Form):
    """The story to feature: only one the forum may feature (forums.stories)."""

    story = forms.ModelChoiceField(queryset=SuccessStory.objects.none(), error_messages={
        "invalid_choice": _("That story cannot be featured in this forum: it must be shared "
                            "with the forum's school, or with the district for a collective. "
                            "Nothing was changed."),
        "required": _("Choose a story."),
    })

    def __init__(self, *args, user: User, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = eligible_stories(user, forum)
