from django.urls import path

from successes.views import attachments, colleagues, stories, themes

app_name = "successes"

urlpatterns = [
    path("stories/", stories.story_list, name="list"),
    path("stories/new/", stories.story_create, name="create"),
    path("stories/autosave/", stories.autosave, name="autosave"),
    path("stories/draft/discard/", stories.discard_draft, name="discard_draft"),
    path("stories/trash/", stories.trash, name="trash"),
    path("stories/to-try/", stories.to_try, name="to_try"),
    path("stories/<int:pk>/", stories.story_detail, name="detail"),
    path("stories/<int:pk>/edit/", stories.story_edit, name="edit"),
    path("stories/<int:pk>/delete/", stories.story_delete, name="delete"),
    path("stories/<int:pk>/restore/", stories.story_restore, name="restore"),
    path("stories/<int:pk>/try/", stories.try_toggle, name="try"),
    path("stories/<int:pk>/files/", attachments.attachment_add, name="attachment_add"),
    path("stories/<int:pk>/files/<int:attachment_id>/", attachments.attachment_download,
         name="attachment"),
    path("stories/<int:pk>/files/<int:attachment_id>/remove/", attachments.attachment_remove,
         name="attachment_remove"),
    path("spotlight/", colleagues.spotlight_create, name="spotlight"),
    path("spotlight/<int:pk>/dismiss/", colleagues.spotlight_dismiss, name="spotlight_dismiss"),
    # The district's themes, kept by its admins
    path("district/themes/", themes.theme_list, name="themes"),
    path("district/themes/<int:pk>/", themes.theme_edit, name="theme_edit"),
    path("district/themes/<int:pk>/active/", themes.theme_set_active, name="theme_set_active"),
    path("district/themes/<int:pk>/merge/", themes.theme_merge, name="theme_merge"),
]
