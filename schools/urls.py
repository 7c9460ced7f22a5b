from django.urls import path

from schools.views import (
    district,
    imports,
    invitations,
    privacy,
    profile,
    setup,
    signin,
    sso,
    staff,
)

app_name = "schools"

urlpatterns = [
    path("district/", district.district, name="district"),
    path("district/schools/new/", district.add_school, name="add_school"),
    path("district/settings/", district.district_settings, name="district_settings"),
    path("district/schools/<int:pk>/", district.edit_school, name="edit_school"),
    path("district/schools/<int:pk>/closed/", district.set_school_closed,
         name="set_school_closed"),
    path("district/invitations/", invitations.invitations, name="invitations"),
    path("district/invitations/<int:pk>/resend/", invitations.resend_invitation,
         name="resend_invitation"),
    path("district/invitations/<int:pk>/revoke/", invitations.revoke_invitation,
         name="revoke_invitation"),
    path("switch-district/<int:pk>/", district.switch_district, name="switch_district"),
    path("district/staff/", staff.staff, name="staff"),
    path("district/staff/<int:pk>/", staff.staff_member, name="staff_member"),
    path("district/staff/<int:pk>/active/", staff.set_active, name="set_active"),
    path("district/staff/<int:pk>/roles/<int:membership_id>/revoke/", staff.revoke_role,
         name="revoke_role"),
    path("district/staff/import/", imports.import_staff, name="import_staff"),
    path("district/staff/import/<int:pk>/", imports.import_job, name="import_job"),
    path("district/staff/import/<int:pk>/run/", imports.run_import, name="import_job_run"),
    path("district/staff/import/<int:pk>/discard/", imports.discard_import,
         name="import_job_discard"),
    path("district/staff/<int:pk>/remove/", privacy.remove_person, name="remove_person"),
    path("district/audit/", privacy.audit_log, name="audit_log"),
    path("district/sign-on/", sso.sso_settings, name="sso_settings"),
    # Single sign-on: "sign in with your district" (an address, or the district's own link)
    path("sign-in/", sso.sso_find, name="sso_find"),
    path("sign-in/<slug:slug>/", sso.sso_sign_in, name="sso_sign_in"),
    path("settings/my-data/", privacy.my_data, name="my_data"),
    path("settings/profile/", profile.profile, name="profile"),
    path("invite/", invitations.invite, name="invite"),
    path("invitations/<str:token>/", invitations.accept_invitation, name="accept_invitation"),
    # A deployment's set-up: the first district (a link from `manage.py setup_link`), then
    # its operator's further districts
    path("setup/<str:token>/", setup.first_district, name="setup"),
    path("operator/districts/", setup.districts, name="districts"),
    # Reached from e-mails
    path("go/<str:token>/", signin.sign_in_link, name="sign_in_link"),
]
