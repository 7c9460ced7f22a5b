from django.urls import path

from forums.views import calendar as calendar_views
from forums.views import cycles, follow_up, forums, live, protocols, sessions, try_link
from forums.views import join as join_views
from forums.views import network as network_views
from forums.views import projector as projector_views
from forums.views import rsvp as rsvp_views
from forums.views import stream as stream_views

app_name = "forums"

urlpatterns = [
    # Forums, members and cycles
    path("forums/", forums.forum_list, name="list"),
    path("forums/new/", forums.forum_create, name="create"),
    path("forums/<int:pk>/", forums.forum_detail, name="detail"),
    path("forums/<int:pk>/members/", forums.member_invite, name="members"),
    path("forums/<int:pk>/members/<int:member_id>/", forums.member_update, name="member_update"),
    path("forums/<int:pk>/leave/", forums.leave, name="leave"),
    path("forums/<int:pk>/follow/", forums.follow, name="follow"),
    # Finding forums to join: asking, withdrawing, and the facilitators' answer
    path("forums/find/", join_views.find_forums, name="find"),
    path("forums/<int:pk>/join/", join_views.ask_to_join, name="join"),
    path("join-requests/<int:pk>/withdraw/", join_views.withdraw_join_request,
         name="join_withdraw"),
    path("join-requests/<int:pk>/answer/", join_views.answer_join_request, name="join_answer"),
    # Cross-district collectives of a network
    path("networks/<int:pk>/collectives/", network_views.network_collectives,
         name="network_collectives"),
    path("networks/<int:pk>/collectives/new/", network_views.network_collective_create,
         name="network_collective_create"),
    path("forums/<int:pk>/cycles/new/", forums.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", forums.cycle_detail, name="cycle"),
    path("cycles/<int:pk>/edit/", cycles.cycle_edit, name="cycle_edit"),
    path("cycles/<int:pk>/end/", cycles.cycle_end, name="cycle_end"),
    path("cycles/<int:pk>/digest/", cycles.cycle_digest, name="cycle_digest"),
    # Scheduling and choosing the story
    path("cycles/<int:pk>/sessions/new/", sessions.session_create, name="session_create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/cancel/", sessions.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/story/", sessions.pick_story, name="pick_story"),
    # going / maybe / not going, from Home and the session page
    path("sessions/<int:pk>/rsvp/", rsvp_views.rsvp, name="rsvp"),
    path("presenter-requests/<int:pk>/", sessions.presenter_request, name="presenter_request"),
    # The live session
    path("sessions/<int:pk>/live/", live.live, name="live"),
    path("sessions/<int:pk>/live/poll/", live.poll, name="poll"),
    # pushed changes (server-sent events), the room's screen, and joining it by its code
    path("sessions/<int:pk>/live/stream/", stream_views.live_stream, name="stream"),
    path("sessions/<int:pk>/projector/", projector_views.projector, name="projector"),
    path("join/", projector_views.join_live, name="join_live"),
    path("join/<str:code>/", projector_views.join_live, name="join_live_code"),
    path("sessions/<int:pk>/live/control/", live.control, name="control"),
    path("sessions/<int:pk>/live/close/", live.close, name="close"),
    path("sessions/<int:pk>/live/reopen/", live.reopen, name="reopen"),
    path("sessions/<int:pk>/live/attendance/", live.attendance, name="attendance"),
    path("sessions/<int:pk>/live/cards/", live.card_add, name="card_add"),
    path("sessions/<int:pk>/live/insights/", live.insight_save, name="insight_save"),
    path("sessions/<int:pk>/live/insights/<int:insight_id>/", live.insight_save,
         name="insight_edit"),
    path("sessions/<int:pk>/live/insights/merge/", live.insight_merge, name="insight_merge"),
    path("sessions/<int:pk>/live/commitments/", live.commit, name="commit"),
    path("sessions/<int:pk>/record/", live.record, name="record"),
    # sharing an insight with a network, and taking it back
    path("insights/<int:pk>/share/", network_views.insight_share, name="insight_share"),
    path("insights/<int:pk>/unshare/", network_views.insight_unshare, name="insight_unshare"),
    # Follow-up
    path("commitments/", follow_up.my_commitments, name="commitments"),
    path("commitments/<int:pk>/report/", follow_up.report_try, name="report_try"),
    path("tries/<int:pk>/story/", follow_up.try_to_story, name="try_story"),
    # the follow-up e-mail's one-click answer (a signed link: no sign-in)
    path("tries/answer/<str:token>/", try_link.try_link, name="try_link"),
    # Protocol templates
    path("protocols/", protocols.protocol_list, name="protocols"),
    path("protocols/<int:pk>/", protocols.protocol_detail, name="protocol"),
    path("protocols/<int:pk>/copy/", protocols.protocol_copy, name="protocol_copy"),
    path("protocols/<int:pk>/edit/", protocols.protocol_edit, name="protocol_edit"),
    # Calendars: a session's .ics, and the private feed (no sign-in; the token is the key)
    path("sessions/<int:pk>/calendar.ics", calendar_views.session_ics_download,
         name="session_ics"),
    path("calendar/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
    # calendar replies (accept / decline), posted by the mail provider (a shared secret)
    path("calendar/replies/", calendar_views.calendar_reply, name="calendar_reply"),
]
