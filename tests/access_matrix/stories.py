"""Rows: stories, their files and spotlights."""

from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R  # noqa: F401

ROWS = [
    # --- Stories: the author chooses who reads; not even a leader reads beyond that
    GET("successes:list", None,                           L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("successes:create", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    # a new story may start from another one, or from a spotlight: only if the person may read it
    GET("successes:create", "growing_from_private_story", L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("successes:create", "from_spotlight",             L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("successes:autosave", None,                      L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("successes:discard_draft", None,                 L,  R,  R,  R,  R,  R,  R,  R,  R),
    GET("successes:trash", None,                          L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("successes:to_try", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("successes:detail", "private_story",              L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:detail", "school_story",               L,  OK, OK, NO, OK, NO, NO, NO, NO),
    GET("successes:detail", "district_story",             L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("successes:detail", "hidden_name_story",          L,  OK, OK, OK, OK, OK, OK, NO, NO),
    # a story in the trash is read only from the trash
    GET("successes:detail", "trashed_story",              L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:detail", "elsewhere_story",            L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("successes:detail", "elsewhere_private_story",    L,  NO, NO, NO, NO, NO, NO, NO, NO),
    # only the author edits, deletes, restores, adds and removes files
    GET("successes:edit", "district_story",               L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:edit", "elsewhere_story",              L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("successes:delete", "district_story",            L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("successes:restore", "trashed_story",            L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("successes:attachment_add", "district_story",    L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("successes:attachment_remove", "school_file",    L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("successes:try", "school_story",                 L,  R,  R,  NO, R,  NO, NO, NO, NO),
    POST("successes:try", "elsewhere_story",              L,  NO, NO, NO, NO, NO, NO, R,  R),
    # files follow their story's visibility
    GET("successes:attachment", "private_file",           L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:attachment", "school_file",            L,  OK, OK, NO, OK, NO, NO, NO, NO),
    GET("successes:attachment", "file_of_other_story",    L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:attachment", "elsewhere_file",         L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("successes:spotlight", None,                      L,  OK, OK, OK, OK, OK, OK, OK, OK),
    # only the person spotlighted (Maya, by her colleague) dismisses it
    POST("successes:spotlight_dismiss", "spotlight",      L,  R,  NO, NO, NO, NO, NO, NO, NO),
]
