"""Addresses of the rounds' pages for the accessibility test (tests/browser/
test_accessibility.py): each a function of its world, whose forum's creator leads the round."""

from django.urls import reverse

from tests.rounds.rounds_setup import sample_round


def round_path(world) -> str:
    return reverse("rounds:detail", args=[sample_round(world.forum).pk])


def sort_path(world) -> str:
    return reverse("rounds:sort", args=[sample_round(world.forum).pk])


def result_path(world) -> str:
    return reverse("rounds:detail", args=[sample_round(world.forum, published=True).pk])


def print_path(world) -> str:
    return reverse("rounds:print", args=[sample_round(world.forum, published=True).pk])
