"""The competency frameworks a district admin may start from, shipped as data: Alberta's
Superintendent Leadership Quality Standard (the seven competencies of the leadership workshop's
worksheet), its Leadership Quality Standard and its Teaching Quality Standard, and a blank one.

Names and descriptions are translatable; a new framework copies them in the language of the
admin who creates it (growth.frameworks.create_framework), and the district may then reword
them. The descriptions are short summaries in our own words, not the standards' text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StartingPoint:
    key: str
    name: Promise
    description: Promise
    competencies: tuple[tuple[Promise, Promise], ...]  # (name, description), in order


BLANK = "blank"

SUPERINTENDENT_LQS = StartingPoint(
    key="ab_slqs",
    name=_("Superintendent Leadership Quality Standard (Alberta)"),
    description=_("The competencies expected of superintendents and system leaders in "
                  "Alberta, as used in the leadership workshop's self-assessment."),
    competencies=(
        (_("Building Effective Relationships"),
         _("Builds trust and respectful, collaborative relationships with students, staff, "
           "families, trustees and the wider community.")),
        (_("Modeling Commitment to Professional Learning"),
         _("Keeps learning, seeks feedback and builds a culture where every adult grows.")),
        (_("Visionary Leadership"),
         _("Works with the community to build and carry out a shared vision of student "
           "success.")),
        (_("Leading Learning"),
         _("Keeps the system's attention on high-quality teaching and every student's "
           "learning.")),
        (_("Ensuring First Nations, Métis and Inuit Education for All Students"),
         _("Makes sure the system supports First Nations, Métis and Inuit students' success "
           "and everyone's understanding of their histories, cultures and perspectives.")),
        (_("School Authority Operations and Resources"),
         _("Directs operations and resources wisely, in the service of students' learning and "
           "well-being.")),
        (_("Supporting Effective Governance"),
         _("Advises and supports the board so it can govern well, and carries out its "
           "decisions.")),
    ),
)

LEADERSHIP_QS = StartingPoint(
    key="ab_lqs",
    name=_("Leadership Quality Standard (Alberta)"),
    description=_("The competencies expected of school leaders (principals and other leaders) "
                  "in Alberta."),
    competencies=(
        (_("Fostering Effective Relationships"),
         _("Builds trust and positive working relationships across the school community.")),
        (_("Modeling Commitment to Professional Learning"),
         _("Learns continuously and supports the professional learning of staff.")),
        (_("Embodying Visionary Leadership"),
         _("Builds a shared vision for the school with its community and leads towards it.")),
        (_("Leading a Learning Community"),
         _("Nurtures a welcoming, inclusive and safe place where everyone learns.")),
        (_("Supporting the Application of Foundational Knowledge about First Nations, Métis "
           "and Inuit"),
         _("Helps staff and students learn about and from First Nations, Métis and Inuit "
           "histories, cultures and ways of knowing.")),
        (_("Providing Instructional Leadership"),
         _("Makes sure every student has access to quality teaching and learning "
           "opportunities.")),
        (_("Developing Leadership Capacity"),
         _("Grows the leadership of others: staff, students and families.")),
        (_("Managing School Operations and Resources"),
         _("Uses people, time, money and facilities to serve students' learning.")),
        (_("Understanding and Responding to the Larger Societal Context"),
         _("Understands the wider social, economic and legal context and responds to it for "
           "the school's students.")),
    ),
)

TEACHING_QS = StartingPoint(
    key="ab_tqs",
    name=_("Teaching Quality Standard (Alberta)"),
    description=_("The competencies expected of teachers in Alberta."),
    competencies=(
        (_("Fostering Effective Relationships"),
         _("Builds positive, caring relationships with students, families, colleagues and the "
           "community.")),
        (_("Engaging in Career-Long Learning"),
         _("Keeps learning through reflection, collaboration and professional growth.")),
        (_("Demonstrating a Professional Body of Knowledge"),
         _("Plans, teaches and assesses using deep knowledge of the subjects and of how "
           "students learn.")),
        (_("Establishing Inclusive Learning Environments"),
         _("Creates safe, welcoming learning environments where diversity is respected and "
           "every student belongs.")),
        (_("Applying Foundational Knowledge about First Nations, Métis and Inuit"),
         _("Brings First Nations, Métis and Inuit knowledge and perspectives into learning, "
           "for the benefit of all students.")),
        (_("Adhering to Legal Frameworks and Policies"),
         _("Works within the laws, policies and professional expectations that govern "
           "teaching.")),
    ),
)

BLANK_FRAMEWORK = StartingPoint(
    key=BLANK,
    name=_("A blank framework"),
    description=_("No competencies yet: you add your own."),
    competencies=(),
)

STARTING_POINTS: dict[str, StartingPoint] = {
    point.key: point for point in (SUPERINTENDENT_LQS, LEADERSHIP_QS, TEACHING_QS,
                                   BLANK_FRAMEWORK)}
