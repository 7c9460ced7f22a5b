"""Placeholder so the URLconf imports while this module is being written."""
from django.http import Http404


def session_create(request, *args, **kwargs):
    raise Http404


def session_detail(request, *args, **kwargs):
    raise Http404


def session_edit(request, *args, **kwargs):
    raise Http404


def session_cancel(request, *args, **kwargs):
    raise Http404


def pick_story(request, *args, **kwargs):
    raise Http404


def presenter_request(request, *args, **kwargs):
    raise Http404
