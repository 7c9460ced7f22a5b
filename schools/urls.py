from django.urls import path

from schools import (
    views,
    views_district,
    views_import,
    views_invitations,
    views_privacy,
    views_profile,
    views_signin,
    views_sso,
)

app_name = "schools"

urlpatterns = [
    path("district/", views.district, name="district"),
    path("district/schools/new/", views.add_school, name="add_school"),
    path("district/settings/", views_district.district_settings, name="district_settings"),
    path("district/schools/<int:pk>/", views_district.edit_school, name="edit_school"),
    path("district/schools/<int:pk>/closed/", views_district.set_school_closed,
         name="set_school_closed"),
    path("district/invitations/", views_invitations.invitations, name="invitations"),
    path("district/invitations/<int:pk>/resend/", views_invitations.resend_invitation,
         name="resend_invitation"),
    path("district/invitations/<int:pk>/revoke/", views_invitations.revoke_invitation,
         name="revoke_invitation"),
    path("switch-district/<int:pk>/", views_district.switch_district, name="switch_district"),
    path("district/staff/", views.staff, name="staff"),
    path("district/staff/<int:pk>/", views.staff_member, name="staff_member"),
    path("district/staff/<int:pk>/active/", views.set_active, name="set_active"),
    path("district/staff/<int:pk>/roles/<int:membership_id>/revoke/", views.revoke_role,
         name="revoke_role"),
    path("district/staff/import/", views_import.import_staff, name="import_staff"),
    path("district/staff/import/<int:pk>/", views_import.import_job, name="import_job"),
    path("district/staff/import/<int:pk>/run/", views_import.run_import, name="import_job_run"),
    path("district/staff/import/<int:pk>/discard/", views_import.discard_import,
         name="import_job_discard"),
    path("district/staff/<int:pk>/remove/", views_privacy.remove_person, name="remove_person"),
    path("district/audit/", views_privacy.audit_log, name="audit_log"),
    path("district/sign-on/", views_sso.sso_settings, name="sso_settings"),
    # Single sign-on: "sign in with your district" (an address, or the district's own link)
    path("sign-in/", views_sso.sso_find, name="sso_find"),
    path("sign-in/<slug:slug>/", views_sso.sso_sign_in, name="sso_sign_in"),
    path("settings/my-data/", views_privacy.my_data, name="my_data"),
    path("settings/profile/", views_profile.profile, name="profile"),
    path("invite/", views.invite, name="invite"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    # Reached from e-mails
    path("go/<str:token>/", views_signin.sign_in_link, name="sign_in_link"),
]
