"""The demo district's success stories, as their authors wrote them: texts only (their pictures
are drawn in demo/pictures.py, and demo/stories.py loads both).

Each story names its author by e-mail (demo/district.py), how many days ago it happened, and
the story it grew from by key.
"""

# Listed oldest first, so a story that grew from another always comes after it.
STORIES = [
    {
        "key": "walker-photo-postcards",
        "author": "e.walker@demo.example",
        "title": "Photo postcards home got our quietest kindergarten families talking to us",
        "before": (
            "Many of our kindergarten families, especially those new to the country, never came "
            "to the classroom door and did not answer the notes in backpacks. Fall conferences "
            "last year drew 15 of 24 families."
        ),
        "what_went_right": (
            "22 of 24 families came to winter conferences, and 9 families mailed a postcard "
            "back with a drawing or photo from home. The first replies came from families who "
            "speak Somali and Vietnamese at home, the ones we had heard least from."
        ),
        "actions": (
            "Took a photo of each child doing something they were proud of in the first month\n"
            "Printed it on a postcard with one sentence about what the child had learned\n"
            "Added an \"Ask me how I...\" question for the family, in their home language\n"
            "Left the other half blank for families to send back a drawing or photo\n"
            "Hung every returned postcard on our \"home and school\" wall"
        ),
        "conditions": (
            "The PTA paid for printing and stamps. Our bilingual aide translated the questions "
            "into Spanish, Vietnamese and Somali in one afternoon."
        ),
        "why_it_worked": (
            "A card with your own child's face on it is mail you keep on the fridge. The "
            "\"ask me\" question started a conversation at home that families then brought "
            "to us."
        ),
        "days_ago": 190,
        "grade_band": "prek-k",
        "subject": "Family partnership",
        "themes": ["Family partnership", "Belonging"],
        "free_tags": ["home language"],
        "evidence_kinds": ["perceptions", "demographic"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "reyes-reassessment",
        "author": "colleague@demo.example",
        "title": "Reassessment tickets made retakes about learning instead of points",
        "before": (
            "Retakes in my seventh-grade math classes were a free second roll of the dice. "
            "Students retook quizzes without doing anything different, and scores barely moved."
        ),
        "what_went_right": (
            "Students who completed a reassessment ticket gained 1.2 points on average on our "
            "4-point scale; last year's retakes gained 0.3. Requests fell from about 30 to 18 "
            "per unit, but nearly every retake now ends in a higher score."
        ),
        "actions": (
            "Wrote a one-page **reassessment ticket**: which target, what went wrong, what I "
            "practised\n"
            "Made a signed ticket the only way to book a retake\n"
            "Offered three practice routes on the ticket: a short video, a worked-example set, "
            "or a lunch session with me\n"
            "Replaced the old score with the new one instead of averaging the two"
        ),
        "conditions": (
            "Grade 7 math had already moved to standards-based scores, so a retake on one "
            "target was easy to organise. Our principal backed replacing scores rather than "
            "averaging them."
        ),
        "why_it_worked": (
            "The ticket puts the learning *between* the two attempts. Replacing the score told "
            "students the goal was to know it, not to collect points."
        ),
        "days_ago": 180,
        "grade_band": "6-8",
        "subject": "Math",
        "themes": ["Grading", "Feedback"],
        "free_tags": ["retakes", "standards-based grading"],
        "evidence_kinds": ["student_learning", "school_processes"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "fischer-on-track-meeting",
        "author": "m.fischer@demo.example",
        "title": "A weekly ninth-grade on-track meeting cut chronic absence among freshmen",
        "before": (
            "Last year 26% of our ninth graders were chronically absent, and we usually noticed "
            "a student only after they had failed a course. Attendance, grades and behaviour "
            "sat in three different offices."
        ),
        "what_went_right": (
            "By the end of the first semester, chronic absence in grade 9 was down to 15%, and "
            "course failures fell from 112 to 71. Of the 38 students who got a check-in adult, "
            "27 improved their attendance from the first quarter to the second."
        ),
        "actions": (
            "Set up a 30-minute Wednesday meeting of the four ninth-grade core teachers, a "
            "counsellor and me\n"
            "Printed one list each week: students who missed two or more days, or had a D or F "
            "anywhere\n"
            "Agreed on one adult per student and one small next step, written on the list\n"
            "Started each meeting with the students whose step had worked the week before"
        ),
        "conditions": (
            "The master schedule gave the ninth-grade team a shared planning period. Our data "
            "clerk automated the list, so nobody spent the meeting building spreadsheets."
        ),
        "why_it_worked": (
            "Absence and failing grades turned out to be the same students, and one trusted "
            "adult could act on both. Opening with what had worked kept the meeting from "
            "becoming a list of complaints."
        ),
        "days_ago": 175,
        "grade_band": "9-12",
        "subject": "Ninth-grade team",
        "themes": ["Attendance", "Tier 1 instruction"],
        "free_tags": ["chronic absence", "on-track"],
        "evidence_kinds": ["school_processes", "student_learning", "demographic"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "lindqvist-welcome-back",
        "author": "principal@demo.example",
        "title": "Welcome-back greetings instead of warning letters lowered chronic absence in "
                 "grade 6",
        "before": (
            "In September, 18% of our sixth graders were on track to be chronically absent. "
            "Our warning letters went out on time and changed nothing."
        ),
        "what_went_right": (
            "By January the sixth-grade chronic absence rate was 11%, and 31 of the 44 flagged "
            "students missed fewer days in the second quarter than in the first. Families began "
            "calling the office to explain an absence before we called them."
        ),
        "actions": (
            "Listed every student who had missed 10% of days so far, every Monday\n"
            "Gave each one a named adult: a teacher they already liked, not the attendance "
            "clerk\n"
            "Asked that adult to meet the student at the door on the day they came back: "
            "\"We missed you, here is what you need\"\n"
            "Replaced the first warning letter with a phone call asking what got in the way\n"
            "Spent ten minutes on the list at every Tuesday leadership meeting"
        ),
        "conditions": (
            "Our attendance clerk could pull the list from the student information system in "
            "minutes. Teachers agreed to take at most two students each, so nobody was "
            "overloaded."
        ),
        "why_it_worked": (
            "The letter told families they were failing; the greeting told students they had "
            "been missed. When we asked what got in the way we heard about buses and younger "
            "siblings, problems we could actually help with."
        ),
        "days_ago": 160,
        "grade_band": "6-8",
        "subject": "Schoolwide",
        "themes": ["Attendance", "Belonging"],
        "free_tags": ["chronic absence", "mentoring"],
        "evidence_kinds": ["school_processes", "demographic", "perceptions"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "lopez-name-songs",
        "author": "i.lopez@demo.example",
        "title": "A name song every morning: by October every child knew every name",
        "before": (
            "Our kindergarten class had 23 children from nine different preschools, and in the "
            "first weeks many played only with the one friend they arrived with."
        ),
        "what_went_right": (
            "In a quick check in the fourth week, 19 of 23 children could name every classmate "
            "from photo cards. At recess I counted mixed groups of children who had not known "
            "each other in August, and two parents mentioned their child talking about new "
            "friends by name."
        ),
        "actions": (
            "Wrote a short call-and-response song with a space for one child's name\n"
            "Sang it for four children each morning, so everyone had a turn each week\n"
            "Let the named child choose a movement for the class to copy\n"
            "Put each child's photo and name at their eye level by the door"
        ),
        "conditions": "Morning meeting was already a fixed 15 minutes. Our music teacher helped "
                      "me keep the tune simple enough for everyone.",
        "why_it_worked": (
            "Hearing your own name sung by the whole class is a small celebration. Choosing the "
            "movement gave even the shyest children a moment to lead."
        ),
        "days_ago": 155,
        "grade_band": "prek-k",
        "subject": "Morning meeting",
        "themes": ["Belonging"],
        "free_tags": [],
        "evidence_kinds": ["perceptions"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "okafor-exit-tickets",
        "author": "teacher@demo.example",
        "title": "Two-question exit tickets turned my lab days into learning days",
        "before": (
            "On lab days my sixth graders were busy and cheerful, but a week later most could "
            "not explain what the lab had shown. I only found the misunderstandings when it was "
            "too late to fix them."
        ),
        "what_went_right": (
            "On the density unit, students scoring 3 or 4 on the explanation item rose from 41% "
            "last year to 68%. On the exit tickets themselves, 22 of 27 got the second lab "
            "right against 11 of 27 on the first. Students started asking to see yesterday's "
            "ticket."
        ),
        "actions": (
            "Ended every lab six minutes early to leave time for the ticket\n"
            "Asked the same two questions each time: what did you observe, and what does it "
            "tell you?\n"
            "Sorted the tickets into three piles that evening, without grades\n"
            "Opened the next lesson with two anonymous answers from the middle pile for the "
            "class to improve\n"
            "Took the third pile to the side table for ten minutes during the warm-up"
        ),
        "conditions": (
            "Our team uses common unit assessments, so I had last year's results to compare "
            "with. Half-sheet tickets meant sorting 27 of them took about fifteen minutes."
        ),
        "why_it_worked": (
            "Students saw their own thinking come back the next day and get better in front of "
            "them, so the ticket felt like part of the lesson, not a test. Sorting without "
            "grades let me act on patterns instead of marking."
        ),
        "days_ago": 150,
        "grade_band": "6-8",
        "subject": "Science",
        "themes": ["Feedback", "Tier 1 instruction"],
        "free_tags": ["exit tickets", "labs"],
        "evidence_kinds": ["student_learning", "perceptions"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "rossi-cer-notebooks",
        "author": "f.rossi@demo.example",
        "title": "Claim, evidence, reasoning: fifth graders started arguing like scientists",
        "before": (
            "My fifth graders' science notebooks were full of drawings and copied definitions, "
            "but when I asked \"how do you know?\" most said \"because the book says so\"."
        ),
        "what_went_right": (
            "On the district science performance task, 17 of 26 students wrote a claim backed "
            "by their own data, compared with 6 on the fall task. In discussions they began "
            "saying \"my evidence is...\" without a prompt."
        ),
        "actions": (
            "Taught claim, evidence, reasoning with a mystery bag before any science content\n"
            "Added a three-box CER frame to the last page of every investigation\n"
            "Had partners swap notebooks and circle the evidence in each other's claims\n"
            "Removed the frame for the last two investigations to see who still used it"
        ),
        "conditions": (
            "We had a full science block four days a week this year. The district performance "
            "tasks gave me a fall and spring comparison with the same rubric."
        ),
        "why_it_worked": (
            "The mystery bag made the structure fun before it was schoolwork. Circling a "
            "partner's evidence made the difference between evidence and opinion visible."
        ),
        "days_ago": 145,
        "grade_band": "3-5",
        "subject": "Science",
        "themes": ["Tier 1 instruction"],
        "free_tags": ["science notebooks"],
        "evidence_kinds": ["student_learning"],
        "visibility": "district",
        "show_name": False,
        "grew_from": None,
    },
    {
        "key": "chen-reading-conferences",
        "author": "h.chen@demo.example",
        "title": "Three-minute reading conferences got my eighth graders finishing books",
        "before": (
            "During independent reading, many eighth graders turned pages without reading. "
            "Our logs showed half the class had not finished a single book by October."
        ),
        "what_went_right": (
            "By December, 23 of 29 students had finished at least two books, and the class "
            "median on our reading-stamina check went from 11 to 24 minutes. Students now "
            "recommend books to each other without being asked."
        ),
        "actions": (
            "Met three students a day for three minutes each during independent reading\n"
            "Asked the same three things: where are you, what is happening, what will you read "
            "next?\n"
            "Wrote one line per conference in a notebook with a page per student\n"
            "Tucked a \"next book\" sticky note inside the cover of anyone near the end"
        ),
        "conditions": (
            "The first 15 minutes of every lesson are protected reading time. Our librarian "
            "refreshed the class shelf every two weeks with titles students had asked for."
        ),
        "why_it_worked": (
            "Short, frequent conversations told each student their reading was noticed. "
            "Planning the next book before finishing this one closed the gap where reading "
            "used to stop."
        ),
        "days_ago": 140,
        "grade_band": "6-8",
        "subject": "English",
        "themes": ["Reading"],
        "free_tags": ["conferring", "independent reading"],
        "evidence_kinds": ["student_learning", "perceptions"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "mensah-math-journals",
        "author": "n.mensah@demo.example",
        "title": "One question back in each math journal, instead of a check mark",
        "before": (
            "I used to tick my third graders' math journals and write \"good job\". They never "
            "reread them, and the same mistakes with regrouping kept coming back."
        ),
        "what_went_right": (
            "On the unit check on three-digit subtraction, 20 of 24 students regrouped "
            "correctly, up from 12 on the pre-check. Every student answered my question in "
            "their journal at least four times in the unit, and several asked me for a \"harder "
            "question\"."
        ),
        "actions": (
            "Read five journals a day instead of all of them on Friday\n"
            "Wrote one question back, never a grade: \"What would happen if...?\"\n"
            "Gave the first five minutes of math for students to answer their question\n"
            "Shared one answer a day with the class, with the writer's permission"
        ),
        "conditions": "Five journals a day took me about ten minutes at lunch. Our grade team "
                      "used the same pre-check and unit check.",
        "why_it_worked": (
            "A question asks for thinking; a tick mark ends it. Answering it the next morning "
            "made the journal a conversation students wanted to continue."
        ),
        "days_ago": 135,
        "grade_band": "3-5",
        "subject": "Math",
        "themes": ["Feedback"],
        "free_tags": ["math journals"],
        "evidence_kinds": ["student_learning"],
        "visibility": "district",
        "show_name": False,
        "grew_from": None,
    },
    {
        "key": "santos-walkthrough-notes",
        "author": "r.santos@demo.example",
        "title": "\"One thing that worked\" walkthrough notes: teachers started inviting me in",
        "before": (
            "Teachers at Lakeview dreaded walkthroughs. My notes listed what was missing, and "
            "nobody ever came to talk to me about one."
        ),
        "what_went_right": (
            "After one semester, 14 of 19 teachers had invited me back to see something "
            "specific. On the staff survey, \"feedback from leaders helps me improve\" rose from "
            "38% to 74% agreement."
        ),
        "actions": (
            "Kept each walkthrough to ten minutes and one classroom practice\n"
            "Wrote a note naming one thing that worked and the student evidence I saw\n"
            "Ended the note with a single question, never a recommendation\n"
            "Shared one practice a week in the staff bulletin, always with the teacher's "
            "permission"
        ),
        "conditions": (
            "I blocked walkthrough time on my calendar like a meeting. Our instructional coach "
            "followed up when a teacher asked for help, so my notes never had to."
        ),
        "why_it_worked": (
            "Naming what worked, with evidence, is feedback a teacher can repeat on purpose. "
            "The question left the next step to the teacher, which is where it belongs."
        ),
        "days_ago": 130,
        "grade_band": "all",
        "subject": "School leadership",
        "themes": ["Feedback"],
        "free_tags": ["walkthroughs"],
        "evidence_kinds": ["perceptions", "school_processes"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "murphy-source-stations",
        "author": "p.murphy@demo.example",
        "title": "Primary-source stations got every junior reading documents, not just the "
                 "textbook",
        "before": (
            "My eleventh-grade US history lessons were mostly lecture and textbook. On the "
            "document-based question, many students quoted the documents without using them."
        ),
        "what_went_right": (
            "On the unit DBQ, 64% of students sourced at least two documents correctly, up from "
            "29% on the first DBQ. The quiet back row went first at the stations, because the "
            "photographs gave them a way in."
        ),
        "actions": (
            "Built five stations, each with one source: a letter, a photo, a map, a speech, a "
            "cartoon\n"
            "Put the same three questions at each: who made it, for whom, and why then?\n"
            "Rotated groups every eight minutes with a timer on the board\n"
            "Closed with one claim per group that had to cite two stations"
        ),
        "conditions": "The Library of Congress collections had everything I needed. Our block "
                      "schedule gave me 85 minutes, enough for five rotations.",
        "why_it_worked": (
            "The same three questions at every station made sourcing a habit instead of a "
            "topic. Images and cartoons let weaker readers contribute from the start."
        ),
        "days_ago": 125,
        "grade_band": "9-12",
        "subject": "History",
        "themes": ["Tier 1 instruction", "Reading"],
        "free_tags": ["primary sources"],
        "evidence_kinds": ["student_learning"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "reyes-favourite-mistake",
        "author": "colleague@demo.example",
        "title": "\"My favourite mistake\" warm-ups made it safe to be wrong in math",
        "before": (
            "When I asked who wanted to share, the same five hands went up. Students hid wrong "
            "work under their arms."
        ),
        "what_went_right": (
            "After six weeks, 19 of 28 students in fourth period had offered one of their own "
            "mistakes for the warm-up. On our class survey, \"it's OK to be wrong in math "
            "class\" went from 52% to 81% agreement."
        ),
        "actions": (
            "Picked one anonymous wrong answer from the day before, every morning\n"
            "Projected it as \"my favourite mistake\" and asked first what the student did right\n"
            "Let the class find the exact step where it went wrong\n"
            "Asked the author privately whether they wanted to be named next time"
        ),
        "conditions": (
            "We already run a short class survey in October and December, so I had numbers "
            "before and after. Maya sat in twice and helped me pick mistakes worth a discussion."
        ),
        "why_it_worked": (
            "Starting with what was right made the mistake look like thinking, not failure. "
            "Once a few students claimed their mistakes proudly, the rest followed."
        ),
        "days_ago": 120,
        "grade_band": "6-8",
        "subject": "Math",
        "themes": ["Feedback", "Belonging"],
        "free_tags": ["warm-ups"],
        "evidence_kinds": ["perceptions"],
        "visibility": "school",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "nguyen-book-bags",
        "author": "t.nguyen@demo.example",
        "title": "Decodable book bags doubled reading at home in second grade",
        "before": (
            "Reading logs came back empty for about half my second graders. The library books "
            "they took home were often too hard for them to read alone."
        ),
        "what_went_right": (
            "Families reported an average of 48 minutes of reading a week at home, up from 22. "
            "On our January fluency check, 15 of 22 students met the benchmark, compared with "
            "9 in September."
        ),
        "actions": (
            "Matched each child with three decodable books at their current phonics level\n"
            "Sent them home in a zip bag with a half-page guide for families, with pictures\n"
            "Swapped the books every Monday and Thursday\n"
            "Replaced the reading log with a sticker chart the child filled in"
        ),
        "conditions": (
            "Our reading specialist lent me two sets of decodable books. The guide was "
            "translated into Vietnamese and Spanish by families who volunteered."
        ),
        "why_it_worked": (
            "Books a child can actually read alone make reading at home a success, not a fight. "
            "Children kept the sticker chart themselves, so it was their job, not their "
            "parents'."
        ),
        "days_ago": 115,
        "grade_band": "1-2",
        "subject": "Reading",
        "themes": ["Reading", "Family partnership"],
        "free_tags": ["decodable texts"],
        "evidence_kinds": ["student_learning", "perceptions"],
        "visibility": "school",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "reyes-exit-ticket-piles",
        "author": "colleague@demo.example",
        "title": "I borrowed Maya's three exit-ticket piles for two-step equations",
        "before": (
            "I already gave exit tickets, but I graded them and handed them back two days "
            "later, when the class had moved on."
        ),
        "what_went_right": (
            "On the two-step equations check, 24 of 28 students met the standard, against 17 of "
            "28 on the one-step unit. I spend less time on tickets now, about 12 minutes a "
            "night."
        ),
        "actions": (
            "Stopped putting scores on exit tickets\n"
            "Sorted them into \"got it\", \"almost\" and \"not yet\" after class\n"
            "Started the next lesson with one \"almost\" answer for the class to fix\n"
            "Met the \"not yet\" group for eight minutes while the others did the warm-up"
        ),
        "conditions": (
            "Maya walked me through her sorting during common planning. My warm-ups were "
            "already independent work, which freed me for the small group."
        ),
        "why_it_worked": (
            "The feedback arrived while students still remembered the problem. The \"almost\" "
            "pile was the gold: fixing a near miss taught more than re-teaching from scratch."
        ),
        "days_ago": 110,
        "grade_band": "6-8",
        "subject": "Math",
        "themes": ["Feedback", "Tier 1 instruction"],
        "free_tags": ["exit tickets"],
        "evidence_kinds": ["student_learning"],
        "visibility": "school",
        "show_name": True,
        "grew_from": "okafor-exit-tickets",
    },
    {
        "key": "ivanova-audio-feedback",
        "author": "d.ivanova@demo.example",
        "title": "Two-minute audio comments on lab reports, returned within 48 hours",
        "before": (
            "My written comments on chemistry lab reports took a week and were mostly ignored. "
            "The same errors in significant figures and error analysis came back every lab."
        ),
        "what_went_right": (
            "Average scores on the error-analysis section rose from 1.8 to 3.0 out of 4 over "
            "three labs. In a quick poll, 41 of 52 students said they had listened to their "
            "comment more than once."
        ),
        "actions": (
            "Recorded a comment of at most two minutes per report with the LMS voice tool\n"
            "Spoke to one strength and one fix, always pointing at a line in the report\n"
            "Returned every report within 48 hours\n"
            "Gave ten minutes in the next class to make the fix before the next lab"
        ),
        "conditions": "Our LMS already had voice comments built in. Two minutes of talking "
                      "replaced about six minutes of writing per report.",
        "why_it_worked": (
            "Tone carries in a voice in a way red ink does not, so students heard "
            "encouragement with the correction. Fast return and class time to act on it made "
            "the feedback useful instead of a verdict."
        ),
        "days_ago": 105,
        "grade_band": "9-12",
        "subject": "Chemistry",
        "themes": ["Feedback"],
        "free_tags": ["audio feedback", "lab reports"],
        "evidence_kinds": ["student_learning", "perceptions"],
        "visibility": "district",
        "show_name": False,
        "grew_from": None,
    },
    {
        "key": "kowalski-fluency-buddies",
        "author": "a.kowalski@demo.example",
        "title": "Eighth-grade reading buddies lifted fluency in my sixth-grade intervention group",
        "before": (
            "My six students in reading intervention were embarrassed to read aloud, and their "
            "fluency had been flat since September."
        ),
        "what_went_right": (
            "In eight weeks the group's average went from 78 to 101 words correct per minute. "
            "Two students asked to keep their buddy after the trial ended."
        ),
        "actions": (
            "Recruited six eighth graders from Hannah's class who wanted service hours\n"
            "Trained them for 20 minutes on echo reading and on waiting before correcting\n"
            "Paired buddies twice a week for 15 minutes with the same short passage\n"
            "Timed a cold read every Friday and let students graph their own numbers"
        ),
        "conditions": "Hannah's class and my group shared the same period. The library had a "
                      "quiet corner we could use.",
        "why_it_worked": (
            "Reading to an older student who chose to be there felt like an honour, not a "
            "remedy. Graphing their own words per minute let students see progress I could "
            "not have convinced them of."
        ),
        "days_ago": 100,
        "grade_band": "6-8",
        "subject": "Reading intervention",
        "themes": ["Reading"],
        "free_tags": ["fluency"],
        "evidence_kinds": ["student_learning"],
        "visibility": "private",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "okafor-lab-roles",
        "author": "teacher@demo.example",
        "title": "Rotating lab roles got my quiet students talking",
        "before": (
            "In lab groups of four, one confident student did everything and the other three "
            "copied the data table."
        ),
        "what_went_right": (
            "By the third week every student in 6B had reported their group's result to the "
            "class. My tally of who spoke in a debrief went from 9 names to 26 of 27."
        ),
        "actions": (
            "Printed four role cards: materials, procedure reader, recorder, reporter\n"
            "Assigned roles by seat number and rotated them every lab\n"
            "Gave the reporter a sentence starter: \"Our group noticed... We think it's "
            "because...\"\n"
            "Called only on reporters during the debrief, never on volunteers"
        ),
        "conditions": "Fixed lab tables made seat numbers easy. Daniel lent me his timer "
                      "routine, so the rotation didn't cost lab time.",
        "why_it_worked": (
            "Nobody had to volunteer to be heard: the role gave quiet students permission and a "
            "script. I want to watch it for one more unit before I share it."
        ),
        "days_ago": 95,
        "grade_band": "6-8",
        "subject": "Science",
        "themes": ["Student voice", "Belonging"],
        "free_tags": ["group roles"],
        "evidence_kinds": ["perceptions"],
        "visibility": "private",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "brown-reading-conferences",
        "author": "k.brown@demo.example",
        "title": "Heritage's three-minute reading conferences work in tenth grade too",
        "before": (
            "My sophomores told me they \"don't read\", and most hadn't finished a book for "
            "pleasure since middle school. Independent reading time felt like a waste."
        ),
        "what_went_right": (
            "In one quarter, 41 of 58 students across two sections finished at least one book "
            "they chose. In the end-of-quarter reflection, 35 named a book they wanted to read "
            "next."
        ),
        "actions": (
            "Read Hannah Chen's story and watched one of her conferences on a visit to Heritage\n"
            "Gave 12 minutes of choice reading at the start of each block\n"
            "Held four three-minute conferences per block, using Hannah's three questions\n"
            "Added a fourth question for older students: **who else should read this?**\n"
            "Kept a shelf of books students recommended, with their sticky-note reviews"
        ),
        "conditions": (
            "The collective visit gave me a model to copy instead of a description. Our "
            "librarian bought 30 titles from students' wish lists."
        ),
        "why_it_worked": (
            "Teenagers read for each other more than for me, so the recommendation question "
            "mattered most. The conferences kept it personal in a class of 29."
        ),
        "days_ago": 90,
        "grade_band": "9-12",
        "subject": "English",
        "themes": ["Reading", "Student voice"],
        "free_tags": ["conferring"],
        "evidence_kinds": ["student_learning", "perceptions"],
        "visibility": "district",
        "show_name": True,
        "grew_from": "chen-reading-conferences",
    },
    {
        "key": "hughes-whisper-feedback",
        "author": "o.hughes@demo.example",
        "title": "Whisper-phone feedback in first-grade phonics groups",
        "before": (
            "In small-group phonics, I could only listen to one child at a time, and the others "
            "waited or guessed along."
        ),
        "what_went_right": (
            "On the mid-year phonics screener, 18 of 21 children read the short-vowel words "
            "correctly, compared with 11 in the fall. Group time stopped having waiting time: "
            "every child read the whole passage every session."
        ),
        "actions": (
            "Gave each child a plastic whisper phone to read into quietly\n"
            "Had everyone read the same passage at their own pace\n"
            "Leaned in to one child at a time and gave one tip on the word they missed\n"
            "Ended with each child telling the group one word they fixed"
        ),
        "conditions": "The whisper phones cost under two dollars each. My aide ran the other "
                      "centres so I could stay with the group.",
        "why_it_worked": (
            "Every child read all the time instead of a sentence each. The tip came right at "
            "the moment of the mistake, which is when a six-year-old can use it."
        ),
        "days_ago": 88,
        "grade_band": "1-2",
        "subject": "Reading",
        "themes": ["Feedback", "Reading"],
        "free_tags": ["phonics"],
        "evidence_kinds": ["student_learning"],
        "visibility": "school",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "moreau-student-questions",
        "author": "l.moreau@demo.example",
        "title": "My seventh graders wrote the questions for our civics seminars",
        "before": (
            "Discussion in my civics class meant me asking questions and the same few students "
            "answering them."
        ),
        "what_went_right": (
            "In the two student-led seminars, 25 of 30 students spoke at least twice, tracked "
            "by a student observer on a seating chart. Their written reflections quoted "
            "classmates by name, which had never happened before."
        ),
        "actions": (
            "Taught the difference between closed and open questions with a sorting game\n"
            "Had each student write two open questions about the reading on an index card\n"
            "Let a student committee choose the six questions for the seminar\n"
            "Stepped out of the circle and only took notes"
        ),
        "conditions": "We had read the same short text on voting rights for a week, so "
                      "everyone had something to say.",
        "why_it_worked": (
            "Students answered their classmates' questions more seriously than mine. Writing "
            "a question first meant every student arrived with something ready to say."
        ),
        "days_ago": 85,
        "grade_band": "6-8",
        "subject": "Social studies",
        "themes": ["Student voice"],
        "free_tags": ["seminar"],
        "evidence_kinds": ["perceptions", "student_learning"],
        "visibility": "school",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "osei-exit-ticket-piles",
        "author": "b.osei@demo.example",
        "title": "Sorting fourth-grade exit tickets into three piles, the Heritage way",
        "before": (
            "In fourth-grade math I found out who was lost at the end of the unit. Re-teaching "
            "then meant a whole week of the same lesson for everyone."
        ),
        "what_went_right": (
            "On the multi-digit multiplication unit, 21 of 25 students met the standard, "
            "against 14 of 25 on the previous unit. I did no whole-class re-teaching week at "
            "all."
        ),
        "actions": (
            "Read Maya Okafor's story in the district digest\n"
            "Used one problem instead of two, because my students write slowly\n"
            "Sorted the tickets with my students at the end of the lesson, not alone at night\n"
            "Called each morning's \"not yet\" group to the carpet for a short mini-lesson"
        ),
        "conditions": (
            "Our math block is 70 minutes, long enough for a small group every day. Rosa had "
            "shared the story in the staff bulletin and asked who wanted to try it."
        ),
        "why_it_worked": (
            "Sorting with the students showed them the tickets were for planning, not for "
            "grades. The small group the next morning kept anyone from falling a whole unit "
            "behind."
        ),
        "days_ago": 80,
        "grade_band": "3-5",
        "subject": "Math",
        "themes": ["Feedback", "Tier 1 instruction"],
        "free_tags": ["exit tickets"],
        "evidence_kinds": ["student_learning"],
        "visibility": "district",
        "show_name": True,
        "grew_from": "okafor-exit-tickets",
    },
    {
        "key": "haddad-advisory-circles",
        "author": "j.haddad@demo.example",
        "title": "Monday check-in circles made advisory a place students wanted to be",
        "before": (
            "My eighth-grade advisory was twenty minutes of announcements and phones. Students "
            "arrived late, and a few skipped it entirely."
        ),
        "what_went_right": (
            "Late arrivals to advisory fell from about six a day to one. On the spring climate "
            "survey, 82% of my advisees agreed \"there is an adult at school who knows me\", "
            "against 61% in the fall."
        ),
        "actions": (
            "Moved the chairs into a circle every Monday\n"
            "Opened with one light question, like \"best thing you ate this weekend\"\n"
            "Passed a talking object and allowed students to pass\n"
            "Followed up privately with anyone who passed three weeks in a row"
        ),
        "conditions": "Our counsellor trained advisory teachers in circles in August. Mondays "
                      "had no assemblies, so the time was protected.",
        "why_it_worked": (
            "The light questions made it easy to speak, and being allowed to pass made it safe. "
            "After a few weeks students expected to be asked, and showed up for it."
        ),
        "days_ago": 75,
        "grade_band": "6-8",
        "subject": "Advisory",
        "themes": ["Belonging"],
        "free_tags": ["circles"],
        "evidence_kinds": ["perceptions", "school_processes"],
        "visibility": "district",
        "show_name": False,
        "grew_from": None,
    },
    {
        "key": "okafor-monday-lab-partners",
        "author": "teacher@demo.example",
        "title": "A Monday lab job brought back two students who kept missing Mondays",
        "before": (
            "Two of my students were chronically absent, missing about one day in five, and "
            "most of those days were Mondays: our lab day."
        ),
        "what_went_right": (
            "Over eight weeks the two of them missed one Monday between them, and both ended "
            "the term above 90% attendance. One told our counsellor she came \"because Tomas "
            "needs me for the lab\"."
        ),
        "actions": (
            "Looked at the attendance data with our counsellor and saw the Monday pattern\n"
            "Let each student pick a lab partner they liked\n"
            "Gave each pair a Monday job only they could do, like running the balance\n"
            "Had the partner post a short \"see you Monday\" note on the class board on Friday\n"
            "Called home the first time either was absent, only to say we missed them"
        ),
        "conditions": (
            "Our counsellor flags chronic absence monthly, so we saw the pattern early. The "
            "class board only allows messages about class."
        ),
        "why_it_worked": (
            "Being needed by a friend pulls harder than a rule. The Monday job turned an "
            "ordinary day into one where an absence would be noticed."
        ),
        "days_ago": 70,
        "grade_band": "6-8",
        "subject": "Science",
        "themes": ["Attendance", "Belonging"],
        "free_tags": ["chronic absence"],
        "evidence_kinds": ["school_processes", "perceptions"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "ali-book-clubs",
        "author": "s.ali@demo.example",
        "title": "Student-chosen book clubs: my fifth graders read more than the assignment",
        "before": (
            "We read one class novel at a time. The fast readers were bored, the slow readers "
            "were lost, and hardly anyone read ahead."
        ),
        "what_went_right": (
            "Each club finished its book on schedule, and 11 students read a second book by "
            "the same author on their own. The number of library checkouts from my class "
            "doubled between October and January."
        ),
        "actions": (
            "Gave book talks on five titles at different levels, all on the theme of courage\n"
            "Let students rank three choices; I made the clubs from those rankings\n"
            "Had each club set its own reading schedule on a calendar\n"
            "Rotated one job per meeting: questioner, connector, word finder, summariser"
        ),
        "conditions": "Our library had five copies of each title. Fifth grade had a 60-minute "
                      "literacy block every day.",
        "why_it_worked": (
            "Choice gave students a reason to care, and the club schedule gave them someone to "
            "answer to besides me. Mixed levels worked because every title was worth talking "
            "about."
        ),
        "days_ago": 65,
        "grade_band": "3-5",
        "subject": "Reading",
        "themes": ["Reading", "Student voice"],
        "free_tags": ["book clubs"],
        "evidence_kinds": ["student_learning", "perceptions"],
        "visibility": "district",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "chen-glow-grow",
        "author": "h.chen@demo.example",
        "title": "Peer feedback students actually used: one glow, one grow, one rubric row",
        "before": (
            "Peer review produced comments like \"good job\" and \"add more detail\", and nobody "
            "changed their draft."
        ),
        "what_went_right": (
            "On the argument essay, 21 of 29 students made at least one revision their partner "
            "suggested; the green ink made every change visible. The class average on "
            "\"use of evidence\" rose from 2.1 to 2.9 out of 4."
        ),
        "actions": (
            "Modelled a useful and a useless comment on my own draft\n"
            "Limited each reviewer to one glow and one grow, tied to a single rubric row\n"
            "Had writers revise in green pen\n"
            "Asked each writer to note which comment they used, and why"
        ),
        "conditions": "Students had worked with the same rubric for two earlier essays.",
        "why_it_worked": (
            "Narrowing the feedback to one rubric row made it specific enough to act on. The "
            "green pen turned revision into something students could see and be proud of."
        ),
        "days_ago": 62,
        "grade_band": "6-8",
        "subject": "English",
        "themes": ["Feedback"],
        "free_tags": ["peer feedback"],
        "evidence_kinds": ["student_learning"],
        "visibility": "school",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "garcia-family-coffee",
        "author": "c.garcia@demo.example",
        "title": "Adapting Heritage's welcome-back greetings for chronic absence in K-2",
        "before": (
            "At Cedar Park, chronic absence is highest in kindergarten and first grade: 21% of "
            "our youngest students last year. Little children don't decide to skip school; "
            "their families face the obstacles."
        ),
        "what_went_right": (
            "Chronic absence in K-2 dropped from 21% to 13% between the first and second "
            "quarter. Twelve families who had never come to school came to a Friday coffee, "
            "and three of them now volunteer."
        ),
        "actions": (
            "Took Heritage's idea of a named adult who greets the child on the day they return\n"
            "Made the named adult the classroom teacher, since young children have one\n"
            "Invited the families of chronically absent children to a Friday coffee, by phone, "
            "in their language\n"
            "Asked each family one question: **what makes mornings hard?**\n"
            "Set up a walking school bus on the two routes families named most"
        ),
        "conditions": (
            "Our family liaison made every call. The PTA covered coffee and pastries, and "
            "two parents led the walking routes."
        ),
        "why_it_worked": (
            "The greeting worked for the children, as it did at Heritage, but at our age the "
            "families needed a greeting too. The coffee turned an attendance problem into a "
            "conversation about mornings."
        ),
        "days_ago": 58,
        "grade_band": "all",
        "subject": "Schoolwide",
        "themes": ["Attendance", "Family partnership"],
        "free_tags": ["chronic absence", "walking school bus"],
        "evidence_kinds": ["school_processes", "demographic", "perceptions"],
        "visibility": "district",
        "show_name": True,
        "grew_from": "lindqvist-welcome-back",
    },
    {
        "key": "nguyen-number-talks",
        "author": "t.nguyen@demo.example",
        "title": "Number talks with hand signals brought every second grader into math talk",
        "before": (
            "During number talks, a few fast students shouted answers and the rest stopped "
            "thinking."
        ),
        "what_went_right": (
            "Within three weeks, every child showed a thumb for a strategy during each talk, "
            "and on the addition fluency check 18 of 22 could explain two strategies, up from 7."
        ),
        "actions": (
            "Taught a silent thumb on the chest for \"I have an answer\"\n"
            "Added a finger for each extra strategy a child found\n"
            "Waited until most thumbs were up before asking anyone\n"
            "Recorded every strategy on the board with the child's first name"
        ),
        "conditions": "Ten minutes at the start of math, every day. Our coach modelled the "
                      "first two talks.",
        "why_it_worked": (
            "The silent signal gave slower thinkers time, and the extra-strategy fingers kept "
            "fast thinkers busy. Seeing their name next to a strategy made children want to "
            "find one."
        ),
        "days_ago": 55,
        "grade_band": "1-2",
        "subject": "Math",
        "themes": ["Tier 1 instruction", "Student voice"],
        "free_tags": ["number talks"],
        "evidence_kinds": ["student_learning"],
        "visibility": "district",
        "show_name": False,
        "grew_from": None,
    },
    {
        "key": "tanaka-reassessment",
        "author": "y.tanaka@demo.example",
        "title": "Reassessment tickets in Algebra 1, adapted from Heritage",
        "before": (
            "Half my Algebra 1 students had given up by November: one bad quiz and their "
            "average could never recover."
        ),
        "what_went_right": (
            "The number of students with a D or F at the end of the semester fell from 34 to "
            "19. Reassessment scores rose by an average of 1.1 points on a 4-point scale."
        ),
        "actions": (
            "Adopted Daniel Reyes's reassessment ticket with a few changes\n"
            "Added a line where students choose when to retake, within two weeks\n"
            "Let students practise with the online tool our department already uses\n"
            "Counted only the most recent score for each standard"
        ),
        "conditions": (
            "My department agreed to try standards-based grading in Algebra 1 only. Daniel "
            "answered my questions by e-mail and sent me his ticket."
        ),
        "why_it_worked": (
            "Students saw a way back, so they kept trying. Choosing the retake date themselves "
            "made high schoolers own it."
        ),
        "days_ago": 50,
        "grade_band": "9-12",
        "subject": "Math",
        "themes": ["Grading"],
        "free_tags": ["retakes"],
        "evidence_kinds": ["student_learning", "school_processes"],
        "visibility": "district",
        "show_name": True,
        "grew_from": "reyes-reassessment",
    },
    {
        "key": "walker-calm-corner",
        "author": "e.walker@demo.example",
        "title": "A calm corner that children chose, not one they were sent to",
        "before": (
            "Meltdowns in my kindergarten class often ended with a child in the office, and the "
            "whole class lost ten minutes each time."
        ),
        "what_went_right": (
            "Office referrals from my class fell from seven in September to one in November. "
            "Children now use the corner on their own and come back within five minutes."
        ),
        "actions": (
            "Set up a corner with a soft cushion, a sand timer and three feeling cards\n"
            "Practised going there when calm, as a game, for a week\n"
            "Let any child go without asking\n"
            "Checked in with a quiet thumbs-up when they came back"
        ),
        "conditions": "Our counsellor gave me the feeling cards. The corner is in sight of my "
                      "small-group table.",
        "why_it_worked": "Practising when calm made it a tool, not a punishment.",
        "days_ago": 45,
        "grade_band": "prek-k",
        "subject": "Social-emotional learning",
        "themes": ["Belonging"],
        "free_tags": ["self-regulation"],
        "evidence_kinds": ["school_processes"],
        "visibility": "private",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "okafor-family-texts",
        "author": "teacher@demo.example",
        "title": "Friday photo messages filled science night with families",
        "before": (
            "Most families heard from me only when something went wrong. Science night last "
            "year drew four families out of 54."
        ),
        "what_went_right": (
            "This spring, 17 families came to science night, and three parents told me the "
            "photos were why. Replies to my Friday messages went from almost none to 20-25 a "
            "week."
        ),
        "actions": (
            "Took one photo each Friday of students in the middle of an experiment\n"
            "Sent it in the school messaging app with one question families could ask at dinner\n"
            "Had the family liaison translate the question into Spanish and Arabic\n"
            "Invited families to science night in the same message, three weeks running"
        ),
        "conditions": (
            "Our photo-consent list was up to date. The family liaison turned translations "
            "around in a day."
        ),
        "why_it_worked": (
            "The dinner question gave families something better to ask than \"how was "
            "school?\". I took the idea from Emily Walker's kindergarten postcards at Lakeview; "
            "it carried to sixth grade almost unchanged."
        ),
        "days_ago": 40,
        "grade_band": "6-8",
        "subject": "Science",
        "themes": ["Family partnership"],
        "free_tags": ["family messages"],
        "evidence_kinds": ["perceptions"],
        "visibility": "school",
        "show_name": True,
        "grew_from": "walker-photo-postcards",
    },
    {
        "key": "brown-co-written-rubric",
        "author": "k.brown@demo.example",
        "title": "My sophomores co-wrote the rubric for the research paper",
        "before": (
            "Students treated my rubric as a checklist to skim after writing, and many papers "
            "were summaries rather than arguments."
        ),
        "what_went_right": (
            "In both sections, 70% of papers scored proficient on \"argument\", up from 45% on "
            "the last paper. Students used the rubric's language in their peer conferences "
            "without being told to."
        ),
        "actions": (
            "Showed three anonymous papers from last year: strong, middling, weak\n"
            "Had groups list what made the strong one strong\n"
            "Merged the lists into four rubric rows, in the students' own words\n"
            "Used the rubric for self-assessment before I graded"
        ),
        "conditions": "I had permission to use last year's papers anonymously.",
        "why_it_worked": (
            "Students understood criteria they had discovered themselves. Their words were "
            "clearer to them than mine had been."
        ),
        "days_ago": 35,
        "grade_band": "9-12",
        "subject": "English",
        "themes": ["Student voice", "Grading"],
        "free_tags": ["rubrics"],
        "evidence_kinds": ["student_learning"],
        "visibility": "school",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "murphy-calls-home",
        "author": "p.murphy@demo.example",
        "title": "A good-news phone call to every family by the third week",
        "before": (
            "My first call to most families came with a failing grade, in October. By then "
            "nobody picked up."
        ),
        "what_went_right": (
            "I reached 118 of 131 families by week three. When I needed to call about a "
            "problem later, 9 of the 10 families I called answered or called back the same "
            "day."
        ),
        "actions": (
            "Noted one specific positive thing per student in the first two weeks\n"
            "Called ten families a day for two weeks, two minutes each\n"
            "Left a short voicemail with the same good news when nobody answered\n"
            "Kept a log so nobody was missed"
        ),
        "conditions": "The front office gave me a quiet room and a phone line after school.",
        "why_it_worked": "The first call set the relationship. After that, a hard call was a "
                         "conversation between people who already knew each other.",
        "days_ago": 30,
        "grade_band": "9-12",
        "subject": "History",
        "themes": ["Family partnership"],
        "free_tags": ["phone calls"],
        "evidence_kinds": ["perceptions", "school_processes"],
        "visibility": "school",
        "show_name": False,
        "grew_from": None,
    },
    {
        "key": "mensah-family-reading-night",
        "author": "n.mensah@demo.example",
        "title": "Third graders ran family reading night themselves",
        "before": (
            "Family nights at Cedar Park were presentations by teachers, and the same handful "
            "of families came."
        ),
        "what_went_right": (
            "Forty-one families came, more than twice as many as at any event last year. Every "
            "one of my 24 students had a family member or neighbour there to hear them read."
        ),
        "actions": (
            "Had each student choose a favourite picture book and practise reading it aloud\n"
            "Let students write and decorate the invitations\n"
            "Set up reading stations where students read to small groups of families\n"
            "Ended with a book swap so every family took a book home"
        ),
        "conditions": "The library donated used books for the swap. Students rehearsed with "
                      "kindergarten buddies the week before.",
        "why_it_worked": "Families came to see their own child perform, not to hear a lecture. "
                         "Students practised their reading harder than for any test.",
        "days_ago": 27,
        "grade_band": "3-5",
        "subject": "Reading",
        "themes": ["Family partnership", "Reading"],
        "free_tags": ["family night"],
        "evidence_kinds": ["perceptions", "school_processes"],
        "visibility": "school",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "hughes-morning-meeting",
        "author": "o.hughes@demo.example",
        "title": "Morning greetings in each child's home language",
        "before": (
            "Six children in my first-grade class speak a language other than English at home, "
            "and two of them hardly spoke in class at all."
        ),
        "what_went_right": (
            "Both quiet children now speak in morning meeting most days. One, Amina, taught the "
            "class to say good morning in Somali and glowed the whole day."
        ),
        "actions": (
            "Asked families how to say good morning in their language\n"
            "Added one greeting a week to our morning meeting\n"
            "Let the child who speaks it teach the class"
        ),
        "conditions": "Families were happy to help; two sent recordings.",
        "why_it_worked": "Their language became something to share, not something to hide.",
        "days_ago": 24,
        "grade_band": "1-2",
        "subject": "Morning meeting",
        "themes": ["Belonging"],
        "free_tags": ["home language"],
        "evidence_kinds": ["perceptions", "demographic"],
        "visibility": "private",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "osei-fraction-strips",
        "author": "b.osei@demo.example",
        "title": "Paper fraction strips before any rules for comparing fractions",
        "before": (
            "My fourth graders memorised \"cross-multiply\" and then told me 1/8 was bigger "
            "than 1/4 because 8 is bigger than 4."
        ),
        "what_went_right": (
            "On the fractions quiz, 22 of 25 compared unlike fractions correctly and, more "
            "importantly, could draw why. Last year's class averaged 60% on the same items."
        ),
        "actions": (
            "Had students fold and label their own paper strips for halves through eighths\n"
            "Played a \"which is bigger\" game with the strips for three days\n"
            "Only then asked them to find a rule, in pairs\n"
            "Kept the strips in their folders for every fractions lesson after that"
        ),
        "conditions": "Coloured paper and a pair of scissors per table. Our math coach lent me "
                      "the game.",
        "why_it_worked": (
            "Students built the idea with their hands before they met a rule, so the rule made "
            "sense. The strips stayed available as proof when they doubted themselves."
        ),
        "days_ago": 20,
        "grade_band": "3-5",
        "subject": "Math",
        "themes": ["Tier 1 instruction"],
        "free_tags": ["manipulatives"],
        "evidence_kinds": ["student_learning"],
        "visibility": "school",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "lopez-home-greetings",
        "author": "i.lopez@demo.example",
        "title": "Families recorded bedtime stories for our listening centre",
        "before": (
            "Our listening centre had only English audiobooks, and several of my kindergarten "
            "children lost interest within a minute."
        ),
        "what_went_right": (
            "Eleven families recorded a story in Spanish, Arabic, Tagalog or English. Children "
            "now ask for the listening centre, and stay with a story for the full ten minutes."
        ),
        "actions": (
            "Sent home a note asking families to record a short story on their phone\n"
            "Offered to lend a school tablet to families without a phone that records\n"
            "Played one family story each Friday for the whole class first\n"
            "Added all the recordings to the listening centre"
        ),
        "conditions": "Our technology coordinator set up a shared folder that families could "
                      "upload to.",
        "why_it_worked": (
            "A familiar voice holds a five-year-old's attention. Hearing a classmate's parent "
            "told every child their family's language belonged in our room."
        ),
        "days_ago": 17,
        "grade_band": "prek-k",
        "subject": "Literacy centres",
        "themes": ["Family partnership", "Belonging"],
        "free_tags": ["home language"],
        "evidence_kinds": ["perceptions", "demographic"],
        "visibility": "school",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "tanaka-whiteboards",
        "author": "y.tanaka@demo.example",
        "title": "Vertical whiteboards got Algebra 1 students out of their seats and thinking",
        "before": (
            "When I gave problems to work on, many students waited for me to show the answer."
        ),
        "what_went_right": (
            "In two weeks of trials, every group wrote something within the first minute, and "
            "I counted three times as many groups trying a second method. It's early, but the "
            "energy in the room is completely different."
        ),
        "actions": (
            "Put students in random groups of three at whiteboards on the wall\n"
            "Gave one marker per group and rotated it every problem\n"
            "Let groups look at other boards when they got stuck"
        ),
        "conditions": "The department had spare whiteboards in storage.",
        "why_it_worked": "Standing up and one marker meant nobody could hide.",
        "days_ago": 14,
        "grade_band": "9-12",
        "subject": "Math",
        "themes": ["Tier 1 instruction", "Student voice"],
        "free_tags": ["thinking classrooms"],
        "evidence_kinds": ["perceptions"],
        "visibility": "private",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "ali-self-assessment",
        "author": "s.ali@demo.example",
        "title": "Students scored their own writing against the rubric before I did",
        "before": (
            "My fifth graders looked at the score on their writing and never read my comments."
        ),
        "what_went_right": (
            "On the opinion piece, 19 of 24 students' self-scores were within one point of "
            "mine, and 15 revised before handing in. Average scores rose half a point from the "
            "last piece."
        ),
        "actions": (
            "Highlighted each rubric row in a different colour\n"
            "Had students highlight evidence for each row in their own draft\n"
            "Asked them to score themselves and name one thing to fix first\n"
            "Conferenced only with students whose self-score was far from mine"
        ),
        "conditions": "We spent one whole lesson practising on an anonymous sample first.",
        "why_it_worked": (
            "Finding evidence in their own work made the rubric concrete. Students revised "
            "because they had found the gap themselves."
        ),
        "days_ago": 11,
        "grade_band": "3-5",
        "subject": "Writing",
        "themes": ["Grading", "Feedback"],
        "free_tags": ["self-assessment"],
        "evidence_kinds": ["student_learning"],
        "visibility": "private",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "ivanova-late-note",
        "author": "d.ivanova@demo.example",
        "title": "A private note instead of a detention fixed first-period lateness",
        "before": (
            "Seven students in my first-period chemistry were late most days, and detentions "
            "made them angrier but not earlier."
        ),
        "what_went_right": (
            "In three weeks, late arrivals in first period went from about 25 a week to 8. Two "
            "students told me about jobs and a younger sibling's school run, which I had no "
            "idea about."
        ),
        "actions": (
            "Stopped giving detentions for lateness in my class\n"
            "Wrote each late student a short private note: \"We missed you at the start. "
            "Anything I can help with?\"\n"
            "Started class with a five-minute puzzle worth being on time for\n"
            "Told the counsellor about the two students with family duties"
        ),
        "conditions": "My department head agreed to the trial.",
        "why_it_worked": (
            "The note opened a conversation that a detention closed. The puzzle gave a reason "
            "to arrive, not only a reason not to be late."
        ),
        "days_ago": 7,
        "grade_band": "9-12",
        "subject": "Chemistry",
        "themes": ["Attendance"],
        "free_tags": ["tardies"],
        "evidence_kinds": ["school_processes", "perceptions"],
        "visibility": "private",
        "show_name": True,
        "grew_from": None,
    },
    {
        "key": "rossi-schoolyard-data",
        "author": "f.rossi@demo.example",
        "title": "Students chose their own schoolyard question for the data unit",
        "before": (
            "Our data unit used textbook tables about other people's questions, and my fifth "
            "graders found it dull."
        ),
        "what_went_right": (
            "Every group finished a graph of data they collected themselves, and on the unit "
            "check 20 of 26 chose an appropriate graph type, up from 12 last year."
        ),
        "actions": (
            "Asked students what they wondered about our schoolyard\n"
            "Let groups pick one question they could measure, like which tree has the most "
            "birds\n"
            "Collected data outside for three lessons\n"
            "Presented the graphs to the second-grade class next door"
        ),
        "conditions": "Good weather, and a schoolyard with more variety than I'd noticed.",
        "why_it_worked": "The question was theirs, so the data mattered to them.",
        "days_ago": 4,
        "grade_band": "3-5",
        "subject": "Science",
        "themes": ["Student voice"],
        "free_tags": ["data"],
        "evidence_kinds": ["student_learning", "perceptions"],
        "visibility": "private",
        "show_name": True,
        "grew_from": None,
    },
]
