"""Members write the inquiry plan of their collective's cycle: the problem of practice and
theory of action (the first save makes the plan), indicators for the four kinds of evidence,
the evidence log and the closing reflection - a member from another district of a
cross-district collective too."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from inquiry import actions
from inquiry.models import EvidenceEntry, Indicator, InquiryPlan


def url(name, cycle, *args):
    return reverse(f"inquiry:{name}", args=[cycle.pk, *args])


def a_day_ago():
    return (timezone.localdate() - timedelta(days=1)).isoformat()


def test_a_member_opens_an_empty_plan_and_the_first_save_makes_it(client_for, teacher, cycle):
    client = client_for(teacher)
    page = client.get(url("plan", cycle)).content.decode()
    assert "Inquiry plan" in page and "Not written yet." in page
    assert not InquiryPlan.objects.exists()  # reading makes nothing
    response = client.post(url("edit", cycle), {
        "problem_of_practice": "Students do not act on written feedback",
        "if_we": "give two minutes in class to use each comment",
        "then": "more students will revise their work"})
    assert response.status_code == 302 and response.url == url("plan", cycle)
    plan = InquiryPlan.objects.get(cycle=cycle)
    assert plan.created_by == teacher and plan.then == "more students will revise their work"
    page = client.get(url("plan", cycle)).content.decode()
    assert "Students do not act on written feedback" in page
    assert "give two minutes in class" in page


def test_the_edit_page_shows_what_was_saved(client_for, teacher, cycle):
    actions.save_plan(cycle=cycle, by=teacher, problem_of_practice="Quiet hands",
                      if_we="", then="")
    page = client_for(teacher).get(url("edit", cycle)).content.decode()
    assert "Quiet hands" in page


def test_members_add_and_remove_indicators_for_each_kind(client_for, colleague, cycle):
    client = client_for(colleague)  # the engaged circle writes too
    for kind in ("student_learning", "perceptions", "school_processes", "demographic"):
        for timing in ("leading", "lagging"):
            response = client.post(url("indicator_add", cycle), {
                "evidence_kind": kind, "timing": timing, "text": f"{kind} {timing} ZQIND"})
            assert response.status_code == 302
    assert Indicator.objects.count() == 8
    page = client.get(url("plan", cycle)).content.decode()
    assert page.count("ZQIND") >= 8
    indicator = Indicator.objects.get(evidence_kind="demographic", timing="lagging")
    response = client.post(url("indicator_remove", cycle, indicator.pk))
    assert response.status_code == 302 and not Indicator.objects.filter(pk=indicator.pk).exists()


def test_a_member_logs_evidence_and_the_log_is_newest_first(client_for, teacher, cycle):
    client = client_for(teacher)
    today = timezone.localdate()
    for days, text in ((10, "ZQOLDER attendance"), (2, "ZQNEWER survey"), (6, "ZQMIDDLE")):
        response = client.post(url("entry_add", cycle), {
            "seen_on": (today - timedelta(days=days)).isoformat(),
            "evidence_kind": "perceptions", "what_was_seen": text})
        assert response.status_code == 302
    page = client.get(url("plan", cycle)).content.decode()
    assert page.index("ZQNEWER") < page.index("ZQMIDDLE") < page.index("ZQOLDER")
    entry = EvidenceEntry.objects.get(what_was_seen="ZQNEWER survey")
    assert entry.added_by == teacher and entry.plan.cycle == cycle and not entry.file


def test_a_member_writes_the_closing_reflection(client_for, principal, cycle):
    client = client_for(principal)
    response = client.post(url("reflection", cycle), {
        "went_well": "ZQWELL revisions doubled", "did_not_go_well": "Surveys came late",
        "changes": "Survey in week two"})
    assert response.status_code == 302
    plan = InquiryPlan.objects.get(cycle=cycle)
    assert plan.has_reflection and plan.changes == "Survey in week two"
    assert "ZQWELL" in client.get(url("plan", cycle)).content.decode()
    assert "ZQWELL" in client.get(url("reflection", cycle)).content.decode()


def test_an_entry_is_removed_by_who_added_it_or_a_facilitator(client_for, teacher, colleague,
                                                              principal, cycle):
    mine = actions.add_entry(cycle=cycle, by=teacher, seen_on=actions.today_of(cycle),
                             evidence_kind="demographic", what_was_seen="Attendance up")
    theirs = actions.add_entry(cycle=cycle, by=teacher, seen_on=actions.today_of(cycle),
                               evidence_kind="demographic", what_was_seen="Fewer lates")
    assert client_for(colleague).post(url("entry_remove", cycle, mine.pk)).status_code == 404
    assert client_for(teacher).post(url("entry_remove", cycle, mine.pk)).status_code == 302
    assert client_for(principal).post(url("entry_remove", cycle, theirs.pk)).status_code == 302
    assert not EvidenceEntry.objects.exists()


def test_a_member_from_another_district_writes_a_cross_district_plan(client_for, ben,
                                                                     cross_cycle):
    client = client_for(ben)
    assert client.get(url("plan", cross_cycle)).status_code == 200
    client.post(url("edit", cross_cycle), {"problem_of_practice": "ZQBEN feedback",
                                            "if_we": "", "then": ""})
    client.post(url("indicator_add", cross_cycle), {
        "evidence_kind": "school_processes", "timing": "leading", "text": "Feedback time"})
    client.post(url("entry_add", cross_cycle), {
        "seen_on": a_day_ago(), "evidence_kind": "student_learning",
        "what_was_seen": "Revisions at Hillcrest"})
    client.post(url("reflection", cross_cycle), {"went_well": "Two districts, one question",
                                                  "did_not_go_well": "", "changes": ""})
    plan = InquiryPlan.objects.get(cycle=cross_cycle)
    assert plan.problem_of_practice == "ZQBEN feedback" and plan.went_well
    assert plan.indicators.get().added_by == ben and plan.entries.get().added_by == ben


def test_both_districts_members_read_what_the_other_wrote(client_for, teacher, ben,
                                                          cross_cycle):
    actions.save_plan(cycle=cross_cycle, by=teacher, problem_of_practice="ZQMAYA wrote this",
                      if_we="", then="")
    actions.add_entry(cycle=cross_cycle, by=ben, seen_on=actions.today_of(cross_cycle),
                      evidence_kind="perceptions", what_was_seen="ZQBEN saw this")
    page = client_for(ben).get(url("plan", cross_cycle)).content.decode()
    assert "ZQMAYA" in page and "ZQBEN" in page
    page = client_for(teacher).get(url("plan", cross_cycle)).content.decode()
    assert "ZQMAYA" in page and "ZQBEN" in page
