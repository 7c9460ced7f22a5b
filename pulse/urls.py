from django.urls import path

from pulse.views import results, statements, surveys

app_name = "pulse"

urlpatterns = [
    path("pulse/", surveys.home, name="home"),
    path("pulse/surveys/new/", surveys.survey_create, name="survey_create"),
    path("pulse/surveys/<int:pk>/", surveys.survey_detail, name="survey"),
    path("pulse/surveys/<int:pk>/close/", surveys.survey_close, name="survey_close"),
    path("pulse/surveys/<int:pk>/answer/", surveys.answer, name="answer"),
    path("pulse/surveys/<int:pk>/results/", results.survey_results, name="results"),
    path("pulse/surveys/<int:pk>/results.csv", results.results_csv, name="results_csv"),
    path("pulse/year-over-year/", results.trends, name="trends"),
    # The district's statements, kept by its leaders and admins
    path("pulse/statements/", statements.statement_list, name="statements"),
    path("pulse/statements/<int:pk>/", statements.statement_edit, name="statement_edit"),
    path("pulse/statements/<int:pk>/active/", statements.statement_set_active,
         name="statement_set_active"),
]
