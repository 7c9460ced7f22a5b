"""The people of the network matrix, and who belongs where.

Four districts: Riverside (A) and Hillcrest (B) form the Foothills network; Hillcrest (B) and
Prairie (C) form the Prairie consortium; Elsewhere (D) is in no network. Each district has a
teacher, a district leader and a district admin. Nadia, a coach at Riverside, leads the
Foothills network; Ben, a Hillcrest teacher, is a member of its cross-district collective
(which Nadia formed and facilitates, with Riverside's teacher as the other core member).
"""

PEOPLE = ("anonymous",
          "teacher_a", "leader_a", "admin_a",
          "teacher_b", "leader_b", "admin_b",
          "teacher_c", "leader_c", "admin_c",
          "teacher_d", "leader_d", "admin_d",
          "network_leader", "member_b")

A = frozenset({"teacher_a", "leader_a", "admin_a", "network_leader"})
B = frozenset({"teacher_b", "leader_b", "admin_b", "member_b"})
C = frozenset({"teacher_c", "leader_c", "admin_c"})
D = frozenset({"teacher_d", "leader_d", "admin_d"})
FOOTHILLS = A | B  # the Foothills network's people
PRAIRIE = B | C  # the Prairie consortium's people
# The Foothills cross-district collective's members: Nadia facilitates, Maya and Ben take part.
COLLECTIVE = frozenset({"network_leader", "teacher_a", "member_b"})
NOBODY = frozenset()
