"""Rows: the growth app. A self-assessment is read by its owner (Maya) and the colleague she
shared it with (Daniel) - never by her principal, the district's leader or admin, or another
district; a reflection by Maya alone. Frameworks are kept by each district's admins."""

from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R  # noqa: F401

ROWS = [
    # url name, target                                    an  T   C   E   P   DL  DA  LX  AX
    GET("growth:home", None,                              L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("growth:assessment_start", None,                  L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("growth:assessment_create", "growth_framework",   L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("growth:assessment_create", "elsewhere_growth_framework",
                                                          L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("growth:assessment", "assessment",                L,  OK, OK, NO, NO, NO, NO, NO, NO),
    GET("growth:assessment", "elsewhere_assessment",      L,  NO, NO, NO, NO, NO, NO, OK, NO),
    # only the owner shares or deletes (Daniel reads, nothing more)
    GET("growth:assessment_share", "assessment",          L,  OK, NO, NO, NO, NO, NO, NO, NO),
    POST("growth:assessment_share", "assessment",         L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("growth:assessment_delete", "assessment",        L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("growth:assessment_delete", "elsewhere_assessment",
                                                          L,  NO, NO, NO, NO, NO, NO, R,  NO),
    GET("growth:reflection_create", None,                 L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("growth:reflection", "reflection",                L,  OK, NO, NO, NO, NO, NO, NO, NO),
    POST("growth:reflection_to_story", "reflection",      L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("growth:reflection_delete", "reflection",        L,  R,  NO, NO, NO, NO, NO, NO, NO),
    # --- The district's frameworks: its admins, each in their own district
    GET("growth:frameworks", None,                        L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("growth:framework_create", None,                  L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("growth:framework", "growth_framework",           L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("growth:framework", "elsewhere_growth_framework", L,  NO, NO, NO, NO, NO, NO, NO, OK),
    POST("growth:framework_archive", "growth_framework",  L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("growth:framework_archive", "elsewhere_growth_framework",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
    GET("growth:competency_add", "growth_framework",      L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("growth:competency", "growth_competency",         L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("growth:competency", "elsewhere_growth_competency",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, OK),
    GET("growth:competency", "competency_of_another_framework",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("growth:competency_move", "growth_competency",   L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("growth:competency_remove", "growth_competency", L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("growth:competency_remove", "elsewhere_growth_competency",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
]
