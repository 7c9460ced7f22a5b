"""State changes of forums, one module per topic, as forums/views/ is split: membership,
scheduling (cycles and sessions), story_choice, live (running a session) and follow_up (try
reports). Callers check access first (forums.access); the actions check again what a crafted
request could get wrong.

Every change a live screen must show bumps the session's `version` (forums.live), and every
change of time, place or cancellation bumps its `sequence` (calendar updates).
"""
