"""The network matrix: who may open what across districts and networks (checked by
tests/test_network_matrix.py), as tests/access_matrix is for one district and its neighbour.

Columns (tests/network_matrix/people.py): an(onymous); the teacher, leader and admin of
Riverside (TA LA AA), Hillcrest (TB LB AB), Prairie (TC LC AC) and Elsewhere (TD LD AD); NL the
Foothills network's leader (a Riverside coach); MB a Hillcrest teacher in the Foothills
cross-district collective. Answers as in tests/access_matrix (OK, NO, L, R, BAD).

Every URL of the networks, inquiry and showcase apps has its rows here (and not in the
district matrix); rows for other apps' URLs check what crosses a district's edge. Each part
adds its objects in `<part>_world.py` (listed in setup.PARTS) and its rows in `<part>.py`.
"""

from tests.network_matrix import (
    collectives,
    inquiry,
    network_learning,
    networks,
    showcase,
    stories,
)

MATRIX = (stories.ROWS + networks.ROWS + collectives.ROWS + inquiry.ROWS + network_learning.ROWS
          + showcase.ROWS)

# (row, person, word): words that must show where they belong (proof the search sees them).
MUST_SHOW = [
    ("GET successes:detail [b_foothills_story]", "teacher_a", "ZQBFOOTHILLS"),
    ("GET successes:detail [c_prairie_story]", "teacher_b", "ZQCPRAIRIE"),
    ("GET showcase:detail [c_showcase]", "teacher_b", "ZQSHOWCASE"),
    ("GET showcase:find [find_filtered]", "admin_c", "ZQSHOWCASE"),
    ("GET showcase:requests", "teacher_c", "ZQCONNECT"),
    ("GET showcase:detail [b_showcase]", "teacher_c", "ZQBPRAIRIE"),
    ("GET showcase:detail [b_showcase]", "teacher_a", "ZQBFOOTHILLS"),
    ("GET showcase:mine", "member_b", "ZQHIDDEN"),
    ("GET learning:network_stories [foothills]", "teacher_a", "ZQBFOOTHILLS"),
    ("GET learning:network_stories [prairie]", "teacher_c", "ZQBPRAIRIE"),
    ("GET learning:network_knowledge [foothills]", "member_b", "ZQNINSIGHT"),
    ("GET networks:detail [foothills]", "network_leader", "ZQINVITE"),
    ("GET networks:district", "admin_c", "ZQINVITE"),
    ("GET inquiry:plan [inquiry_cycle]", "member_b", "ZQINQUIRY"),
    ("GET forums:record [collective_session]", "member_b", "ZQXCARD"),
    ("GET forums:network_collectives [foothills]", "teacher_b", "ZQXNAME"),
    ("GET inquiry:entry_file [inquiry_entry]", "teacher_a", "ZQEVIDENCE"),
]

# Apps whose every URL must have rows here.
NETWORK_APPS = ("networks", "inquiry", "showcase")
