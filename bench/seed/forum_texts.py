"""The words the scale forums are written with: practices with the situation and goal an
insight about them names (what the knowledge bank is searched with), and the cards, tries and
commitments of their sessions. Data only; bench/seed/forums.py draws from it."""

# (practice, themes, situation, goal) - the words the knowledge bank is searched with.
PRACTICES = [
    ("attendance check-ins", ["Attendance", "Belonging"],
     "chronic absence is rising in the middle grades and a few students miss most Mondays",
     "bring chronically absent students back to class every day"),
    ("positive phone calls home", ["Family partnership", "Attendance"],
     "families hear from school only when something went wrong and chronic absence is high",
     "make families partners in getting students to school"),
    ("attendance mentors", ["Attendance"],
     "ninth graders with chronic absence fall behind in the first quarter",
     "cut chronic absence before the first report card"),
    ("greeting students at the door", ["Belonging", "Attendance"],
     "students drift into class late and disengaged",
     "start every lesson with every student known by name"),
    ("exit tickets", ["Feedback", "Tier 1 instruction"],
     "you find out who has not understood only at the unit test",
     "know by the end of each lesson who needs re-teaching"),
    ("peer feedback", ["Feedback", "Writing"],
     "students turn in first drafts as final drafts",
     "get every student to revise using feedback"),
    ("reading conferences", ["Reading", "Feedback"],
     "only a handful of students read at home",
     "double the minutes students read for pleasure"),
    ("number talks", ["Math discourse"],
     "class discussions are dominated by the same few voices",
     "have most students explain and defend their reasoning"),
    ("restorative circles", ["Belonging", "Behavior and routines"],
     "conflicts in class end in office referrals",
     "resolve conflicts in class and keep students learning"),
    ("standards-based grading", ["Grading"],
     "grades mix behaviour, homework and learning",
     "make grades tell students what they have learned"),
    ("sentence frames", ["Multilingual learners", "Writing"],
     "newcomer students stay silent in group work",
     "get multilingual learners talking and writing in every lesson"),
    ("student-led conferences", ["Student voice", "Family partnership"],
     "few families come to conferences",
     "have students explain their own progress to their families"),
    ("retrieval practice", ["Tier 1 instruction"],
     "students forget last month's content by the test",
     "keep learning from fading between units"),
    ("morning meetings", ["Belonging", "Behavior and routines"],
     "mornings are rushed and the first ten minutes are lost",
     "start a calm day where every student feels part of the class"),
    ("home visits", ["Family partnership", "Attendance"],
     "chronic absence persists after letters and calls",
     "understand what keeps a student at home and remove it"),
    ("self-assessment rubrics", ["Feedback", "Grading"],
     "students look at the grade and ignore the comments",
     "have students use criteria to judge and improve their own work"),
]
ACTION_CARDS = [
    "She did {practice} every single day for six weeks, never skipping it.",
    "The routine took less than five minutes, so it survived busy days.",
    "Students knew exactly what would happen next: the same two questions each time.",
    "She tracked who had been reached on a simple class list.",
    "The results were shared back with students the next morning.",
    "She modelled {practice} with the whole class before asking students to do it.",
    "Families got a message in their own language.",
    "Nothing was graded: students were told it was only to help them.",
]
CONDITION_CARDS = [
    "The grade-level team had common planning time.",
    "The attendance clerk shared the daily list every morning.",
    "The principal protected the first ten minutes of the day.",
    "A coach helped plan the first two weeks.",
    "A colleague next door tried it at the same time.",
]
QUESTION_CARDS = [
    "How long did {practice} take each day?",
    "Which students did you start with?",
    "How did you know it was working after two weeks?",
    "Did families know about it beforehand?",
    "What did you stop doing to make time for it?",
]
PRINCIPLE_CARDS = [
    "When students see their own progress, they keep going.",
    "Small, daily and predictable beats big and occasional.",
    "Someone must notice, every time, when a student is missing.",
    "Feedback works only when the next lesson visibly uses it.",
]
APPLICATION_CARDS = [
    "I will try {practice} with my period 3 class.",
    "I could use this with my advisory group on Mondays.",
    "Our team could start {practice} in grade 7 next week.",
]
REFLECTION_CARDS = [
    "Tried it as is for three weeks; absences went down in my homeroom.",
    "Had to shorten it to three minutes, but students asked for it.",
    "Not yet: testing week got in the way.",
    "It worked better with small groups than with the whole class.",
]
HAPPENED = [
    "Three of my most absent students came every day in the last two weeks.",
    "Quiz results in the unit rose and students asked for the routine.",
    "It took a week to settle; after that students ran it themselves.",
    "Families answered more than I expected and two came in to talk.",
    "Some students still missed Mondays, but fewer than before.",
]
WITH_WHOM = ["Grade 7 math, period 3", "my homeroom", "Grade 9 English", "my advisory group",
             "Grade 4 reading group", "period 5 biology", "my newcomer students"]
