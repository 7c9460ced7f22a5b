"""Who may see and run forums, sessions and their records.

- A school forum is seen by its members, that school's staff, and the district's leaders and
  admins. A collective is seen by everyone in its district. Nothing else crosses a district.
- A cross-district collective (a forum of a network) is seen by its members alone, from any
  district of the network, while the district they act in is in it; its name, theme and
  facilitators by everyone of the network, who may ask to join. It is never in a district's
  lists, digests or knowledge (forums_visible_to, insights_visible_to leave it out; its own
  pages read forums_open_to, insights_open_to). See network.py.
- Facilitators (and co-facilitators) run a forum; the school's leader may too, and district
  leaders for district collectives (never a cross-district one). Documenters also turn cards
  into insights.
- Stories shown inside records still follow their own visibility (successes.access).
- The presenter's name follows their story's byline outside the forum (presenter_naming).
- A try report goes only into a review session of the commitment's forum (may_report_try_in).
- Insights are seen by whoever may see their forum (insights_visible_to); one shared with a
  network by everyone of it (network_insights_for): a cross-district collective's by its
  facilitators when the group agreed, a district forum's by its author (share_networks).
- Live: facilitators run steps and timer; members of the core and engaged circles and the
  presenter post while it is live, but not the presenter in a step they listen to; the
  "interested" circle watches (takes_part, may_post_card; checked by the actions too).
- Commitments and try reports are their author's alone (own_commitments).
- Invitations: the core and engaged circles and the presenter answer going / maybe / not
  going; those who run the forum read the answers (rsvp.py).
- Protocols: a district reads its own and the shipped ones; its admins copy and edit its own.
"""

from .follow_up import (  # noqa: F401
    get_own_commitment,
    get_own_worked_try,
    get_request_for_author,
    get_shareable_insight,
    insights_open_to,
    insights_visible_to,
    own_commitments,
    share_choices,
    share_networks,
)
from .forums import (  # noqa: F401
    can_manage,
    creatable_forum_schools,
    forum_staff,
    forums_open_to,
    forums_visible_to,
    get_answerable_join_request,
    get_copyable_protocol_for,
    get_cycle_for,
    get_editable_protocol_for,
    get_followable_forum,
    get_forum_for,
    get_joinable_forum,
    get_managed_cycle,
    get_managed_forum,
    get_member_of,
    get_own_join_request,
    get_protocol_for,
    is_district_staff,
    is_forum_staff,
    joinable_forums,
    managed_forums,
    may_ask_to_join,
    may_copy_protocols,
    may_create_collective,
    may_create_forum,
    may_create_school_forum,
    may_edit_protocol,
    may_follow,
    may_open_forum,
    membership,
    protocols_visible_to,
    still_in_forum,
)
from .network import (  # noqa: F401
    CORE_LIMIT,
    collectives_of_network,
    get_network_collective,
    get_network_to_form_in,
    is_network_staff,
    may_form_collective,
    network_insights_for,
)
from .rsvp import (  # noqa: F401
    ATTENDING_CIRCLES,
    AnswerGroup,
    answer_of,
    get_invited_session,
    invited_rule,
    invited_sessions,
    is_invited,
    may_rsvp,
    may_see_who_is_coming,
    takes_answers,
    who_is_coming,
)
from .sessions import (  # noqa: F401
    POLL_GRANTS,
    PresenterNaming,
    SessionRole,
    get_controlled_session,
    get_documented_session,
    get_insight_of,
    get_managed_session,
    get_session_for,
    grant_poll,
    may_open_session,
    may_poll,
    may_post_card,
    may_report_try_in,
    name_presenters,
    people_taking_part,
    presenter_listens,
    presenter_naming,
    presents_rule,
    session_role,
    takes_part,
)
