from django.urls import path

from forums.views import calendar as calendar_views
from forums.views import follow_up, forums, live, protocols, sessions, try_link

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
    path("forums/<int:pk>/cycles/new/", forums.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", forums.cycle_detail, name="cycle"),
    # Scheduling and choosing the story
    path("cycles/<int:pk>/sessions/new/", sessions.session_create, name="session_create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/cancel/", sessions.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/story/", sessions.pick_story, name="pick_story"),
    path("presenter-requests/<int:pk>/", sessions.presenter_request, name="presenter_request"),
    # The live session
    path("sessions/<int:pk>/live/", live.live, name="live"),
    path("sessions/<int:pk>/live/poll/", live.poll, name="poll"),
    path("sessions/<int:pk>/live/control/", live.control, name="control"),
    path("sessions/<int:pk>/live/attendance/", live.attendance, name="attendance"),
    path("sessions/<int:pk>/live/cards/", live.card_add, name="card_add"),
    path("sessions/<int:pk>/live/insights/", live.insight_save, name="insight_save"),
    path("sessions/<int:pk>/live/insights/<int:insight_id>/", live.insight_save,
         name="insight_edit"),
    path("sessions/<int:pk>/live/insights/merge/", live.insight_merge, name="insight_merge"),
    path("sessions/<int:pk>/live/commitments/", live.commit, name="commit"),
    path("sessions/<int:pk>/record/", live.record, name="record"),
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
]
