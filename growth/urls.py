from django.urls import path

from growth.views import assessments, frameworks, home, reflections

app_name = "growth"

urlpatterns = [
    path("growth/", home.home, name="home"),
    path("growth/assessments/new/", assessments.assessment_start, name="assessment_start"),
    path("growth/assessments/new/<int:pk>/", assessments.assessment_create,
         name="assessment_create"),
    path("growth/assessments/<int:pk>/", assessments.assessment_detail, name="assessment"),
    path("growth/assessments/<int:pk>/share/", assessments.assessment_share,
         name="assessment_share"),
    path("growth/assessments/<int:pk>/delete/", assessments.assessment_delete,
         name="assessment_delete"),
    path("growth/learner/new/", reflections.reflection_create, name="reflection_create"),
    path("growth/learner/<int:pk>/", reflections.reflection_edit, name="reflection"),
    path("growth/learner/<int:pk>/story/", reflections.reflection_to_story,
         name="reflection_to_story"),
    path("growth/learner/<int:pk>/delete/", reflections.reflection_delete,
         name="reflection_delete"),
    # The district's frameworks: its admins'
    path("district/frameworks/", frameworks.framework_list, name="frameworks"),
    path("district/frameworks/new/", frameworks.framework_create, name="framework_create"),
    path("district/frameworks/<int:pk>/", frameworks.framework_edit, name="framework"),
    path("district/frameworks/<int:pk>/archive/", frameworks.framework_archive,
         name="framework_archive"),
    path("district/frameworks/<int:pk>/competencies/", frameworks.competency_add,
         name="competency_add"),
    path("district/frameworks/<int:pk>/competencies/<int:competency_id>/",
         frameworks.competency_edit, name="competency"),
    path("district/frameworks/<int:pk>/competencies/<int:competency_id>/move/",
         frameworks.competency_move, name="competency_move"),
    path("district/frameworks/<int:pk>/competencies/<int:competency_id>/remove/",
         frameworks.competency_remove, name="competency_remove"),
]
