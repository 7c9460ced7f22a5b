"""State changes of a district's themes: add, change (name, description), retire or restore,
merge. Callers check access first (successes.access.get_theme_for_admin); every change is kept
in the district's audit log."""

from __future__ import annotations

from django.db import models, transaction

from schools import audit
from schools.models import AuditAction, District, User
from successes.models import Theme
from successes.versions import stories_changed


@transaction.atomic
def add_theme(*, district: District, name: str, description: str = "", by: User) -> Theme:
    theme = Theme.objects.create(district=district, name=name.strip(),
                                 description=description.strip())
    audit.record(district=district, actor=by, action=AuditAction.THEME_ADDED, theme=theme.name)
    return theme


@transaction.atomic
def change_theme(*, theme: Theme, name: str, description: str, by: User) -> Theme:
    """Rename or describe a theme; what it tags keeps it."""
    was = theme.name
    theme.name, theme.description = name.strip(), description.strip()
    theme.save(update_fields=["name", "description"])
    audit.record(district=theme.district, actor=by, action=AuditAction.THEME_CHANGED,
                 theme=theme.name, **({"was": was} if was != theme.name else {}))
    stories_changed(theme.district_id)  # cached figures name it
    return theme


@transaction.atomic
def set_theme_active(*, theme: Theme, active: bool, by: User) -> Theme:
    """A retired theme leaves the lists where a theme is chosen (a story's themes, a forum's or
    a cycle's focus, an insight's themes); what it already tags keeps it, and filters still
    find it. Restoring brings it back."""
    if theme.is_active == active:
        return theme
    theme.is_active = active
    theme.save(update_fields=["is_active"])
    audit.record(district=theme.district, actor=by,
                 action=AuditAction.THEME_RESTORED if active else AuditAction.THEME_RETIRED,
                 theme=theme.name)
    return theme


@transaction.atomic
def merge_themes(*, theme: Theme, into: Theme, by: User) -> Theme:
    """Fold `theme` into `into` (another theme of the same district) and delete it: whatever it
    tagged or focused on - stories, insights, forums, cycles - now has `into` instead, once.

    Every table that points at a theme is found from the model's relations, whichever app
    declares it, so this app needs to know none of them."""
    if into.pk == theme.pk or into.district_id != theme.district_id:
        raise ValueError("A theme merges into another theme of its own district.")
    for relation in Theme._meta.get_fields(include_hidden=True):
        if relation.many_to_many and relation.auto_created:
            _move_links(relation.through, relation.field.m2m_field_name(),
                        relation.field.m2m_reverse_field_name(), theme, into)
        elif (relation.one_to_many and relation.auto_created
              and not relation.related_model._meta.auto_created):  # not an m2m's own table
            relation.related_model._base_manager.filter(**{relation.field.name: theme}).update(
                **{relation.field.name: into})
    audit.record(district=theme.district, actor=by, action=AuditAction.THEMES_MERGED,
                 theme=theme.name, into=into.name)
    theme.delete()
    stories_changed(theme.district_id)
    return into


def _move_links(through: type[models.Model], owner: str, theme_field: str, theme: Theme,
                into: Theme) -> None:
    """Links to `theme` become links to `into`, except where `into` is linked already."""
    links = through._base_manager
    already = links.filter(**{theme_field: into}).values(owner)
    links.filter(**{theme_field: theme}).exclude(**{f"{owner}__in": already}).update(
        **{theme_field: into})
    links.filter(**{theme_field: theme}).delete()
