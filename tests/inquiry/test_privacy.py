"""A person's copy of their data holds what they logged and the indicators they added, with
their files; nothing a colleague wrote in the same plan."""

from django.core.files.uploadedfile import SimpleUploadedFile

from inquiry import actions, privacy


def test_the_copy_holds_their_own_part_of_the_plan(teacher, colleague, cycle):
    pdf = SimpleUploadedFile("tally.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    actions.add_entry(cycle=cycle, by=teacher, seen_on=actions.today_of(cycle),
                      evidence_kind="perceptions", what_was_seen="ZQMINE", upload=pdf)
    actions.add_entry(cycle=cycle, by=colleague, seen_on=actions.today_of(cycle),
                      evidence_kind="perceptions", what_was_seen="ZQTHEIRS")
    actions.add_indicator(cycle=cycle, by=teacher, evidence_kind="demographic",
                          timing="lagging", text="ZQMYSIGN")
    evidence, indicators = privacy.export(teacher)
    assert [row["what_was_seen"] for row in evidence.rows] == ["ZQMINE"]
    assert evidence.rows[0]["file"].endswith("tally.pdf") and len(evidence.files) == 1
    assert [row["indicator"] for row in indicators.rows] == ["ZQMYSIGN"]
