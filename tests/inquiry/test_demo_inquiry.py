"""The demo's inquiry plan: on the current cycle of the cross-district collective, mid-cycle
(no reflection), made once however often seed_demo runs, and nothing without a collective."""

from demo.inquiry import ENTRIES, INDICATORS, load_demo_inquiry
from inquiry.models import InquiryPlan


def test_it_writes_the_plan_once_for_the_current_cycle(district, cross_cycle, teacher, ben):
    load_demo_inquiry(district)
    load_demo_inquiry(district)
    plan = InquiryPlan.objects.get()
    assert plan.cycle == cross_cycle and "feedback" in plan.problem_of_practice
    assert plan.if_we and plan.then and not plan.has_reflection
    assert plan.indicators.count() == len(INDICATORS)
    assert {i.evidence_kind for i in plan.indicators.all()} == {
        "student_learning", "perceptions", "school_processes", "demographic"}
    entries = list(plan.entries.all())
    assert len(entries) == len(ENTRIES) == 6
    assert all(cross_cycle.starts_on <= e.seen_on <= cross_cycle.ends_on for e in entries)
    assert len({e.added_by for e in entries}) == 3  # Grace, Maya and Ben (Hillcrest)
    assert ben in {e.added_by for e in entries}


def test_it_does_nothing_without_a_cross_district_collective(district, cycle):
    load_demo_inquiry(district)
    assert not InquiryPlan.objects.exists()
