"""Placeholder so the URLconf imports while this module is being written."""
from django.http import Http404


def forum_list(request, *args, **kwargs):
    raise Http404


def forum_create(request, *args, **kwargs):
    raise Http404


def forum_detail(request, *args, **kwargs):
    raise Http404


def member_invite(request, *args, **kwargs):
    raise Http404


def member_update(request, *args, **kwargs):
    raise Http404


def leave(request, *args, **kwargs):
    raise Http404


def cycle_create(request, *args, **kwargs):
    raise Http404


def cycle_detail(request, *args, **kwargs):
    raise Http404
