"""The plan prints on one page: every part, plainly, for the collective's members."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inquiry import actions


def test_the_print_page_has_every_part(client_for, teacher, ben, cross_cycle):
    cycle = cross_cycle
    actions.save_plan(cycle=cycle, by=teacher, problem_of_practice="ZQPROBLEM",
                      if_we="ZQIFWE", then="ZQTHEN")
    for kind in ("student_learning", "perceptions", "school_processes", "demographic"):
        actions.add_indicator(cycle=cycle, by=teacher, evidence_kind=kind, timing="lagging",
                              text=f"ZQIND-{kind}")
    pdf = SimpleUploadedFile("tally.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    actions.add_entry(cycle=cycle, by=ben, seen_on=actions.today_of(cycle),
                      evidence_kind="perceptions", what_was_seen="ZQSEEN", upload=pdf)
    actions.save_reflection(cycle=cycle, by=teacher, went_well="ZQWELL", did_not_go_well="",
                            changes="ZQCHANGE")
    response = client_for(teacher).get(reverse("inquiry:print", args=[cycle.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for word in ("ZQPROBLEM", "ZQIFWE", "ZQTHEN", "ZQIND-student_learning", "ZQIND-perceptions",
                 "ZQIND-school_processes", "ZQIND-demographic", "ZQSEEN", "tally.pdf",
                 "ZQWELL", "ZQCHANGE", "inquiry_print.css", "data-print"):
        assert word in page, word
    assert "<form" not in page.split("<main", 1)[1]  # nothing to fill in on paper


def test_an_empty_plan_prints_as_not_written_yet(client_for, teacher, cycle):
    page = client_for(teacher).get(reverse("inquiry:print", args=[cycle.pk])).content.decode()
    assert "Not written yet." in page and "Nothing logged yet." in page


def test_the_plan_page_costs_the_same_few_queries_however_long_the_log(
        client_for, teacher, colleague, cycle, django_assert_max_num_queries):
    client = client_for(teacher)
    actions.save_plan(cycle=cycle, by=teacher, problem_of_practice="Feedback", if_we="",
                      then="")
    for n in range(12):
        actions.add_indicator(cycle=cycle, by=teacher, evidence_kind="perceptions",
                              timing=("leading", "lagging")[n % 2], text=f"Sign {n}")
        actions.add_entry(cycle=cycle, by=(teacher, colleague)[n % 2],
                          seen_on=actions.today_of(cycle), evidence_kind="demographic",
                          what_was_seen=f"Seen {n}")
    with django_assert_max_num_queries(9):
        assert client.get(reverse("inquiry:plan", args=[cycle.pk])).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("inquiry:print", args=[cycle.pk])).status_code == 200
